/**
 * `--generate-cli-skeleton`: an input template from the input schema (`input`: JSON, `yaml-input`: YAML with
 * each member's documentation as a comment), or a sample response from the output schema (`output`).
 *
 * @packageDocumentation
 */
import type { MemberSchema, ShapeSchema } from "../runtime/index.js";
import { isFloatKind, isIntegerKind } from "./param-values.js";

type Sample = "input" | "output";

/**
 * A placeholder value for a shape: `""`, `0`, `false`, the first enum value, one-item lists, `{"KeyName": ...}`
 * for maps. In output samples a string holds its member name.
 * @public
 */
export function sampleValue(schema: ShapeSchema, kind: Sample, name: string, active: Set<ShapeSchema> = new Set()): unknown {
  switch (schema.kind) {
    case "string":
      return schema.enum?.[0] ?? (kind === "output" ? name : "");
    case "boolean":
      return true;
    case "timestamp":
      return "1970-01-01T00:00:00";
    case "blob":
      return kind === "output" ? "blob" : "";
    case "document":
      return {};
    case "list":
      return [sampleValue(schema.member, kind, name, active)];
    case "map":
      return { KeyName: sampleValue(schema.value, kind, name, active) };
    case "structure":
    case "union": {
      if (active.has(schema)) return {};
      active.add(schema);
      const out: Record<string, unknown> = {};
      for (const m of schema.members) out[m.name] = sampleValue(m.schema, kind, m.name, active);
      active.delete(schema);
      return out;
    }
    default:
      if (isIntegerKind(schema.kind) || isFloatKind(schema.kind)) return kind === "output" ? 0 : 0;
      return "";
  }
}

/** The JSON input skeleton, 4-space indented. @public */
export function jsonInputSkeleton(input: ShapeSchema & { kind: "structure" }): string {
  return `${JSON.stringify(sampleValue(input, "input", ""), null, 4)}\n`;
}

/**
 * The YAML input skeleton: one line per member with its documentation (first sentence), `[REQUIRED]` and the
 * enum values as a trailing comment.
 * @public
 */
export function yamlInputSkeleton(input: ShapeSchema & { kind: "structure" }): string {
  const lines: string[] = [];
  writeMembers(input.members, 0, lines, new Set([input]), false);
  return `${lines.join("\n")}\n`;
}

/** The comment after a member; ruamel.yaml, which writes the AWS CLI's skeleton, puts two spaces before the first key's. */
function comment(member: MemberSchema, first: boolean): string {
  const parts: string[] = [];
  if (member.required) parts.push("[REQUIRED]");
  const doc = firstSentence(member.documentation ?? "");
  if (doc !== "") parts.push(doc);
  const values = enumOf(member.schema);
  if (values !== undefined) parts.push(`Valid values are: ${values.join(", ")}.`);
  return parts.length === 0 ? "" : `${first ? "  " : " "}# ${parts.join(" ")}`;
}

function enumOf(schema: ShapeSchema): readonly string[] | undefined {
  return schema.kind === "string" ? schema.enum : undefined;
}

function firstSentence(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  const end = flat.search(/\.(\s|$)/);
  return end < 0 ? flat : flat.slice(0, end + 1);
}

function scalarYaml(schema: ShapeSchema): string {
  const v = sampleValue(schema, "input", "");
  if (typeof v === "string") return /^[A-Za-z_][A-Za-z0-9_]*$/.test(v) ? v : `'${v.replaceAll("'", "''")}'`;
  if (typeof v === "object") return "{}";
  return String(v);
}

function isContainer(schema: ShapeSchema): boolean {
  return schema.kind === "structure" || schema.kind === "union" || schema.kind === "list" || schema.kind === "map";
}

/** Writes `members` at `indent`; `firstDash` puts `- ` before the first member (a list item). */
function writeMembers(members: readonly MemberSchema[], indent: number, lines: string[], active: Set<ShapeSchema>, firstDash: boolean): void {
  members.forEach((member, i) => {
    const pad = " ".repeat(indent);
    const lead = firstDash && i === 0 ? `${" ".repeat(Math.max(0, indent - 2))}- ` : pad;
    if (!isContainer(member.schema)) {
      lines.push(`${lead}${member.name}: ${scalarYaml(member.schema)}${comment(member, i === 0)}`);
      return;
    }
    lines.push(`${lead}${member.name}:${comment(member, i === 0)}`);
    writeValue(member.schema, indent + 2, lines, active);
  });
}

function writeValue(schema: ShapeSchema, indent: number, lines: string[], active: Set<ShapeSchema>): void {
  const pad = " ".repeat(indent);
  if (schema.kind === "structure" || schema.kind === "union") {
    if (active.has(schema)) return;
    active.add(schema);
    writeMembers(schema.members, indent, lines, active, false);
    active.delete(schema);
  } else if (schema.kind === "map") {
    if (isContainer(schema.value)) {
      lines.push(`${pad}KeyName:`);
      writeValue(schema.value, indent + 2, lines, active);
    } else lines.push(`${pad}KeyName: ${scalarYaml(schema.value)}`);
  } else if (schema.kind === "list") {
    const item = schema.member;
    if ((item.kind === "structure" || item.kind === "union") && !active.has(item)) {
      active.add(item);
      writeMembers(item.members, indent, lines, active, true);
      active.delete(item);
    } else if (isContainer(item)) {
      lines.push(`${" ".repeat(indent - 2)}-`);
      writeValue(item, indent + 2, lines, active);
    } else lines.push(`${" ".repeat(indent - 2)}- ${scalarYaml(item)}`);
  }
}
