/**
 * Emits `validators.ts`: `validate<InputShape>(input): Violation[]` for every operation input, with one
 * `check<Shape>` helper per structure, union, list and map. Every constraint trait becomes a straight-line
 * check (required, type, enum, length in code points / bytes / entries, pattern, range, uniqueItems, unknown
 * members); all violations are collected, each with its member path. Patterns are compiled once, at module
 * load.
 */
import type { Constraints, ShapeIR, StructureShape, UnionShape } from "../ir/types.js";
import type { EmitContext } from "./context.js";
import { inlineLiteral } from "./literal.js";
import { constantName, GenFile, str } from "./serde/gen-file.js";

/** Output file of this emitter. @internal */
export const VALIDATORS_FILE = "validators.ts";

/** The validator of an input structure: `validateCreateOtaTaskRequest`. @internal */
export function validatorName(shape: StructureShape): string {
  return `validate${shape.name}`;
}

/**
 * The validators emitter.
 * @internal
 */
export function emitValidators(context: EmitContext): void {
  const gen = new GenFile(context, VALIDATORS_FILE);
  const done = new Set<string>();
  for (const op of context.ir.operations) {
    const input = op.input;
    if (done.has(input.name)) continue;
    done.add(input.name);
    const Violation = gen.rt("Violation", true);
    gen.addFunction({
      name: validatorName(input),
      isExported: true,
      docs: [`Checks every constraint of a \`${input.name}\`; returns all violations, empty when the input is valid.\n\n@public`],
      parameters: [{ name: "input", type: gen.type(input) }],
      returnType: `${Violation}[]`,
      statements: [`const out: ${Violation}[] = [];`, `${checkHelper(gen, input)}(input, "", out, false);`, "return out;"],
    });
  }
  gen.flush();
}

type Aggregate = ShapeIR & { kind: "list" | "map" | "structure" | "union" };

function isAggregate(shape: ShapeIR): shape is Aggregate {
  return shape.kind === "list" || shape.kind === "map" || shape.kind === "structure" || shape.kind === "union";
}

/** The `checkType` kind of a shape. */
function valueKind(shape: ShapeIR): string {
  switch (shape.kind) {
    case "enum":
      return "string";
    case "intEnum":
      return "integer";
    case "union":
      return "structure";
    default:
      return shape.kind;
  }
}

/** The helper checking an aggregate shape; returns whether the value had the right type. */
function checkHelper(gen: GenFile, shape: Aggregate): string {
  const name = `check${shape.name}`;
  return gen.helper(name, () => {
    const Violation = gen.rt("Violation", true);
    const statements = [`if (!${gen.rt("checkType")}(out, path, value, ${str(valueKind(shape))}, sensitive)) return false;`];
    switch (shape.kind) {
      case "structure":
      case "union":
        statements.push(...structureChecks(gen, shape));
        break;
      case "list":
        statements.push(...listChecks(gen, shape));
        break;
      case "map":
        statements.push(...mapChecks(gen, shape));
        break;
    }
    statements.push("return true;");
    return {
      name,
      docs: [`Checks \`${shape.name}\` at \`path\`; false when the value is not even of the right type.`],
      parameters: [
        { name: "value", type: "unknown" },
        { name: "path", type: "string" },
        { name: "out", type: `${Violation}[]` },
        { name: "sensitive", type: "boolean" },
      ],
      returnType: "boolean",
      statements,
    };
  });
}

function structureChecks(gen: GenFile, shape: StructureShape | UnionShape): string[] {
  const names = shape.members.map((m) => m.name);
  if (shape.kind === "union") names.push("$unknown");
  const known = gen.constant(`${constantName(shape.name)}_MEMBERS`, `/*@__PURE__*/ new Set(${inlineLiteral(names)})`);
  const statements = [
    "const data = value as Record<string, unknown>;",
    `${gen.rt("checkUnknownMembers")}(out, path, data, ${known}, ${str(shape.name)});`,
  ];
  if (shape.kind === "union") {
    statements.push(`${gen.rt("checkUnion")}(out, path, data, ${inlineLiteral(shape.members.map((m) => m.name))}, ${str(shape.name)});`);
  }
  // One block per member: the value is read once; its path is built only when the member is there (or missing).
  for (const m of shape.members) {
    const required = shape.kind === "structure" && (m.required || m.modelRequired === true);
    const sensitive = m.sensitive ? "true" : "sensitive";
    const checks = valueChecks(gen, "v", "p", m.target, m.constraints, sensitive);
    const path = `const p = ${gen.rt("subPath")}(path, ${str(m.name)});`;
    statements.push("{", `const v = data[${str(m.name)}];`);
    if (required) {
      statements.push(path, `if (v == null) ${gen.rt("missing")}(out, p);`);
      if (checks.length === 1) statements.push(`else ${checks[0]}`);
      else if (checks.length > 1) statements.push("else {", ...checks, "}");
    } else {
      statements.push("if (v != null) {", path, ...checks, "}");
    }
    statements.push("}");
  }
  return statements;
}

function listChecks(gen: GenFile, shape: ShapeIR & { kind: "list" }): string[] {
  const item = shape.member;
  const sensitive = item.sensitive ? "true" : "sensitive";
  return [
    "const items = value as unknown[];",
    "for (let i = 0; i < items.length; i++) {",
    "const v = items[i];",
    // Null items are dropped by the serializer (or kept, for sparse lists); neither is a violation.
    "if (v == null) continue;",
    `const p = ${gen.rt("subPath")}(path, i);`,
    ...valueChecks(gen, "v", "p", item.target, item.constraints, sensitive),
    "}",
  ];
}

function mapChecks(gen: GenFile, shape: ShapeIR & { kind: "map" }): string[] {
  const key = shape.key;
  const value = shape.value;
  const keySensitive = key.sensitive ? "true" : "sensitive";
  const valueSensitive = value.sensitive ? "true" : "sensitive";
  return [
    "for (const [k, v] of Object.entries(value as Record<string, unknown>)) {",
    `const p = ${gen.rt("keyPath")}(path, k, ${keySensitive});`,
    ...scalarConstraints(gen, "k", "p", key.target, key.constraints, keySensitive, '"key "'),
    "if (v == null) continue;",
    ...valueChecks(gen, "v", "p", value.target, value.constraints, valueSensitive),
    "}",
  ];
}

/** Checks of a present value: its type, then its constraints (only when the type is right). */
function valueChecks(gen: GenFile, v: string, p: string, shape: ShapeIR, constraints: Constraints, sensitive: string): string[] {
  if (isAggregate(shape)) {
    const after = aggregateConstraints(gen, v, p, shape, constraints, sensitive);
    const call = `${checkHelper(gen, shape)}(${v}, ${p}, out, ${sensitive})`;
    return after.length === 0 ? [`${call};`] : [`if (${call}) {`, ...after, "}"];
  }
  if (shape.kind === "string") {
    // Type, length and pattern in one call; the common case for string members.
    const { min, max } = constraints.length ?? {};
    const args = [min, max].some((n) => n !== undefined) ? [`${min ?? "undefined"}`, `${max ?? "undefined"}`] : [];
    if (constraints.pattern !== undefined) {
      if (args.length === 0) args.push("undefined", "undefined");
      args.push(gen.constant(`${constantName(shape.name)}_PATTERN`, regexpInitializer(constraints.pattern)));
    }
    return [`${gen.rt("checkString")}(out, ${p}, ${v}, ${sensitive}${args.map((a) => `, ${a}`).join("")});`];
  }
  const typed = scalarConstraints(gen, v, p, shape, constraints, sensitive, undefined);
  const typeCheck =
    valueKind(shape) === "string"
      ? `${gen.rt("checkString")}(out, ${p}, ${v}, ${sensitive})`
      : `${gen.rt("checkType")}(out, ${p}, ${v}, ${str(valueKind(shape))}, ${sensitive})`;
  if (shape.kind === "document") return [];
  return typed.length === 0 ? [`${typeCheck};`] : [`if (${typeCheck}) {`, ...typed, "}"];
}

function lengthArgs(constraints: Constraints): string {
  const { min, max } = constraints.length ?? {};
  return `${min ?? "undefined"}, ${max ?? "undefined"}`;
}

function aggregateConstraints(gen: GenFile, v: string, p: string, shape: Aggregate, constraints: Constraints, sensitive: string): string[] {
  const out: string[] = [];
  if (constraints.length && (shape.kind === "list" || shape.kind === "map")) {
    const count = shape.kind === "list" ? `(${v} as unknown[]).length` : `Object.keys(${v} as object).length`;
    const unit = shape.kind === "list" ? "items" : "entries";
    out.push(`${gen.rt("checkLength")}(out, ${p}, ${count}, ${str(unit)}, ${lengthArgs(constraints)}, ${v}, ${sensitive});`);
  }
  if (constraints.uniqueItems && shape.kind === "list") {
    out.push(`${gen.rt("checkUniqueItems")}(out, ${p}, ${v} as unknown[], ${sensitive});`);
  }
  return out;
}

/** Constraint checks of a scalar already known to have the right type. */
function scalarConstraints(
  gen: GenFile,
  v: string,
  p: string,
  shape: ShapeIR,
  constraints: Constraints,
  sensitive: string,
  subject: string | undefined,
): string[] {
  const out: string[] = [];
  const tail = subject === undefined ? "" : `, ${subject}`;
  // Map keys are strings already; other values are `unknown` whose type was just checked.
  const as = (type: string): string => (subject === undefined ? `${v} as ${type}` : v);
  switch (shape.kind) {
    case "enum": {
      const values = gen.constant(`${constantName(shape.name)}_VALUES`, `${inlineLiteral(shape.values.map((e) => e.value))} as readonly string[]`);
      out.push(`${gen.rt("checkEnum")}(out, ${p}, ${as("string")}, ${values}, ${sensitive}${tail});`);
      break;
    }
    case "intEnum": {
      const values = gen.constant(`${constantName(shape.name)}_VALUES`, `${inlineLiteral(shape.values.map((e) => e.value))} as readonly number[]`);
      out.push(`${gen.rt("checkEnum")}(out, ${p}, ${v} as number, ${values}, ${sensitive}${tail});`);
      break;
    }
    default:
      break;
  }
  if (constraints.length) {
    if (shape.kind === "string" || shape.kind === "enum") {
      out.push(
        `${gen.rt("checkLength")}(out, ${p}, ${gen.rt("codePointLength")}(${as("string")}), "characters", ${lengthArgs(constraints)}, ${v}, ${sensitive}${tail});`,
      );
    } else if (shape.kind === "blob") {
      out.push(
        `${gen.rt("checkLength")}(out, ${p}, ${gen.rt("blobBytes")}(${v} as Uint8Array | string).byteLength, "bytes", ${lengthArgs(constraints)}, ${v}, ${sensitive}${tail});`,
      );
    }
  }
  if (constraints.pattern !== undefined && (shape.kind === "string" || shape.kind === "enum")) {
    const pattern = gen.constant(`${constantName(shape.name)}_PATTERN`, regexpInitializer(constraints.pattern));
    out.push(`${gen.rt("checkPattern")}(out, ${p}, ${as("string")}, ${pattern}, ${sensitive}${tail});`);
  }
  if (constraints.range && isNumeric(shape)) {
    const { min, max } = constraints.range;
    const type = shape.kind === "bigInteger" ? "bigint" : shape.kind === "bigDecimal" ? "string" : "number";
    const value = type === "string" ? `Number(${v})` : `${v} as ${type}`;
    out.push(`${gen.rt("checkRange")}(out, ${p}, ${value}, ${min ?? "undefined"}, ${max ?? "undefined"}, ${sensitive});`);
  }
  return out;
}

function isNumeric(shape: ShapeIR): boolean {
  switch (shape.kind) {
    case "byte":
    case "short":
    case "integer":
    case "long":
    case "float":
    case "double":
    case "bigInteger":
    case "bigDecimal":
    case "intEnum":
      return true;
    default:
      return false;
  }
}

/** A RegExp for a translated Smithy pattern (`u` flag: code points, like the services). Never anchored implicitly. */
function regexpInitializer(pattern: { readonly source: string; readonly flags: string }): string {
  return `/*@__PURE__*/ new RegExp(${str(pattern.source)}, ${str(pattern.flags)})`;
}

