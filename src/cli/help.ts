/**
 * `iotmi <operation> help`: the reference page of one command, generated from the schema's documentation in the
 * layout of the AWS CLI's help (NAME, DESCRIPTION, SYNOPSIS, OPTIONS with shorthand and JSON syntax, GLOBAL
 * OPTIONS, OUTPUT), as plain text. Also the top-level command list.
 *
 * @packageDocumentation
 */
import type { MemberSchema, OperationSchemaEntry, PaginationSpec, ShapeSchema } from "../runtime/index.js";
import { toCliName, optionName } from "./names.js";
import { isFloatKind, isIntegerKind, supportsShorthand } from "./param-values.js";

const WIDTH = 78;

/**
 * Global options for help pages: the option, its type word and choices as the AWS CLI lists them, and our own
 * one-line description.
 * @internal
 */
export const GLOBAL_OPTION_HELP: readonly (readonly [string, string, string, (readonly string[])?])[] = [
  ["--debug", "boolean", "Turn on debug logging: the signed request and the response, with secrets redacted."],
  ["--endpoint-url", "string", "Override the service endpoint with the given URL."],
  ["--no-verify-ssl", "boolean", "Do not verify TLS certificates (local testing only)."],
  ["--no-paginate", "boolean", "Disable automatic pagination."],
  ["--output", "string", "The output format.", ["json", "text", "table", "yaml", "yaml-stream"]],
  ["--query", "string", "A JMESPath query applied to the response before it is printed."],
  ["--profile", "string", "Use a specific profile from the shared config and credentials files."],
  ["--region", "string", "The Region to use; overrides config and environment settings."],
  ["--version", "string", "Print the version and exit."],
  ["--color", "string", "Turn on/off color output.", ["on", "off", "auto"]],
  ["--no-sign-request", "boolean", "Do not sign requests; credentials are not loaded."],
  ["--ca-bundle", "string", "The CA certificate bundle (PEM) used to verify TLS certificates."],
  ["--cli-read-timeout", "int", "Maximum socket read time in seconds; 0 blocks indefinitely. Default 60."],
  ["--cli-connect-timeout", "int", "Maximum socket connect time in seconds; 0 blocks indefinitely. Default 60."],
  ["--cli-binary-format", "string", "How blob parameters are read.", ["base64", "raw-in-base64-out"]],
  ["--no-cli-pager", "boolean", "Disable the output pager."],
  ["--cli-auto-prompt", "boolean", "Prompt for the command's parameters."],
  ["--no-cli-auto-prompt", "boolean", "Disable automatic prompting set in the config or environment."],
];

/** How a global option appears in the synopsis (the AWS CLI gives `--version` a value there too). */
function synopsisFlag([flag, type]: readonly [string, string, ...unknown[]]): string {
  return type === "boolean" ? `[${flag}]` : `[${flag} <value>]`;
}

/** Word-wraps `text` to the page width at `indent` spaces; one blank line after each paragraph. */
function wrap(text: string, indent: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split(/\n\s*\n/)) {
    const words = paragraph.replace(/\s+/g, " ").trim().split(" ").filter(Boolean);
    let line = "";
    for (const word of words) {
      if (line !== "" && indent + line.length + 1 + word.length > WIDTH) {
        lines.push(" ".repeat(indent) + line);
        line = word;
      } else line = line === "" ? word : `${line} ${word}`;
    }
    if (line !== "") lines.push(" ".repeat(indent) + line, "");
  }
  return lines;
}

/** The type word the AWS CLI prints next to an option. */
function typeName(schema: ShapeSchema): string {
  return schema.kind;
}

/**
 * Indent of each nesting depth on the AWS CLI's man pages (the renderer alternates steps of 3 and 4): depth 0 is
 * an option or output member, 1 its text and contents, and so on.
 */
function depthIndent(depth: number): number {
  return 7 + Math.floor(depth / 2) * 7 + (depth % 2) * 3;
}

/**
 * A member's description in the AWS CLI's nesting: `Name -> (type)` at `depth`, its text and contents one
 * level deeper; a list's item as `(type)` at the list's contents level with the item's members below it.
 */
function describeMember(name: string, schema: ShapeSchema, documentation: string | undefined, depth: number, out: string[], active: Set<ShapeSchema>): void {
  out.push(`${" ".repeat(depthIndent(depth))}${name} -> (${typeName(schema)})`);
  const text = wrap(documentation ?? "", depthIndent(depth + 1));
  out.push(...(text.length === 0 ? [""] : text));
  describeContents(schema, depth + 1, out, active);
}

function describeContents(schema: ShapeSchema, depth: number, out: string[], active: Set<ShapeSchema>): void {
  const pad = " ".repeat(depthIndent(depth));
  if (schema.kind === "structure" || schema.kind === "union") {
    if (active.has(schema)) return;
    active.add(schema);
    for (const m of schema.members) describeMember(m.name, m.schema, m.documentation, depth, out, active);
    active.delete(schema);
  } else if (schema.kind === "list") {
    out.push(`${pad}(${typeName(schema.member)})`, "");
    describeContents(schema.member, depth + 1, out, active);
  } else if (schema.kind === "map") {
    out.push(`${pad}key -> (${typeName(schema.key)})`, "", `${pad}value -> (${typeName(schema.value)})`, "");
    describeContents(schema.value, depth + 1, out, active);
  }
}

/**
 * An example of the shorthand syntax for a shape (`Key=string,List=[{A=integer},{A=integer}]`).
 * @public
 */
export function shorthandExample(schema: ShapeSchema, top = true, active: Set<ShapeSchema> = new Set()): string {
  switch (schema.kind) {
    case "structure":
    case "union": {
      if (active.has(schema)) return "{...}";
      active.add(schema);
      const body = schema.members.map((m) => `${m.name}=${shorthandExample(m.schema, false, active)}`).join(",");
      active.delete(schema);
      return top ? body : `{${body}}`;
    }
    case "list": {
      const item = shorthandExample(schema.member, false, active);
      if (top && (schema.member.kind === "structure" || schema.member.kind === "union")) {
        const bare = item.slice(1, -1);
        return `${bare} ${bare}`;
      }
      return `[${item},${item}]`;
    }
    case "map":
      return top ? `KeyName1=${shorthandExample(schema.value, false, active)},KeyName2=${shorthandExample(schema.value, false, active)}` : `{KeyName1=${shorthandExample(schema.value, false, active)}}`;
    default:
      return scalarWord(schema);
  }
}

function scalarWord(schema: ShapeSchema): string {
  if (isIntegerKind(schema.kind)) return "integer";
  if (isFloatKind(schema.kind)) return schema.kind;
  return schema.kind;
}

/**
 * An example of the JSON syntax for a shape, with enum alternatives as `"A"|"B"`.
 * @public
 */
export function jsonExample(schema: ShapeSchema, indent = 0, active: Set<ShapeSchema> = new Set()): string {
  const pad = " ".repeat(indent);
  switch (schema.kind) {
    case "string":
      return schema.enum !== undefined ? schema.enum.map((v) => `"${v}"`).join("|") : '"string"';
    case "structure":
    case "union": {
      if (active.has(schema)) return "{...}";
      active.add(schema);
      const lines = schema.members.map((m) => `${pad}  "${m.name}": ${jsonExample(m.schema, indent + 2, active)}`);
      active.delete(schema);
      return `{\n${lines.join(",\n")}\n${pad}}`;
    }
    case "list":
      return `[\n${pad}  ${jsonExample(schema.member, indent + 2, active)}\n${pad}  ...\n${pad}]`;
    case "map":
      return `{"string": ${jsonExample(schema.value, indent + 2, active)}\n${pad}  ...}`;
    case "timestamp":
      return "timestamp";
    case "blob":
      return "blob";
    case "boolean":
      return "true|false";
    default:
      return scalarWord(schema);
  }
}

/** One option of the OPTIONS section: `--x (type)`, its text, its members or values, its syntax. */
function optionSection(member: MemberSchema): string[] {
  const out: string[] = [];
  const schema = member.schema;
  const flag = schema.kind === "boolean" ? `${optionName(member.name)} | --no-${toCliName(member.name)}` : optionName(member.name);
  out.push(`       ${flag} (${typeName(schema)})`);
  const text = wrap(member.documentation ?? "", 10);
  out.push(...(text.length === 0 ? [""] : text));
  if (schema.kind === "string" && schema.enum !== undefined) {
    out.push("          Possible values:", "");
    for (const v of schema.enum) out.push(`          o ${v}`, "");
  }
  describeContents(schema, 1, out, new Set());
  if (schema.kind === "list" && !supportsShorthand(schema) && schema.member.kind !== "structure") {
    out.push("       Syntax:", "", `          "${scalarWord(schema.member)}" "${scalarWord(schema.member)}" ...`, "");
  } else if (supportsShorthand(schema)) {
    out.push("       Shorthand Syntax:", "", `          ${shorthandExample(schema)}`, "");
    out.push("       JSON Syntax:", "", ...jsonExample(schema, 10).split("\n").map((l, i) => (i === 0 ? `          ${l}` : l)), "");
  }
  return out;
}

/**
 * The options the AWS CLI adds to a paginated command (type, our own description); `--page-size` only when the
 * operation has a page-size member, and both sizes take that member's type.
 */
function pagingOptions(entry: OperationSchemaEntry, pagination: PaginationSpec): (readonly [string, string, string])[] {
  const sizeMember = pagination.pageSize === undefined ? undefined : entry.input.members.find((m) => m.name === pagination.pageSize);
  const sizeType = sizeMember === undefined ? "integer" : typeName(sizeMember.schema);
  return [
    ["--starting-token", "string", "Where to resume: the NextToken printed by an earlier command that stopped early because of --max-items."],
    ...(sizeMember === undefined
      ? []
      : [["--page-size", sizeType, "How many items to ask the service for in each call. The output is the same; smaller pages only mean more calls, each of which is quicker."] as const]),
    ["--max-items", sizeType, "The most items to print in all. When more are available, the output ends with a NextToken to pass to --starting-token; the service's own NextToken is not meant for that."],
  ];
}

/**
 * The help page of one operation command, in the AWS CLI's man-page layout (NAME, DESCRIPTION, SYNOPSIS,
 * OPTIONS, GLOBAL OPTIONS, OUTPUT) with our own descriptions, as plain text. For a paginated operation, the
 * page token and page-size members are left out (the command still accepts them, as the AWS CLI does) and the
 * paging options take their place after `--cli-input-json`.
 * @public
 */
export function operationHelp(entry: OperationSchemaEntry, pagination?: PaginationSpec): string {
  const command = toCliName(entry.name);
  const hidden = new Set(pagination === undefined ? [] : [pagination.inputToken, pagination.pageSize]);
  const members = entry.input.members.filter((m) => !hidden.has(m.name));
  const paging = pagination === undefined ? [] : pagingOptions(entry, pagination);
  const out: string[] = [];
  out.push("NAME", `       ${command} -`, "");
  out.push("DESCRIPTION", ...wrap(entry.documentation ?? "", 7));
  if (pagination !== undefined) {
    const items = pagination.items === undefined ? "" : ` With --output text, a --query must select from the ${pagination.items} of each page.`;
    out.push(...wrap(`${command} is paginated: the command keeps calling the service until every page is read; --no-paginate stops after the first call.${items}`, 7));
  }
  out.push("SYNOPSIS", `            ${command}`);
  for (const m of members) {
    const flag = m.schema.kind === "boolean" ? `${optionName(m.name)} | --no-${toCliName(m.name)}` : `${optionName(m.name)} <value>`;
    out.push(m.required ? `          ${flag}` : `          [${flag}]`);
  }
  out.push("          [--cli-input-json | --cli-input-yaml]");
  for (const [flag] of paging) out.push(`          [${flag} <value>]`);
  out.push("          [--generate-cli-skeleton <value>]");
  for (const option of GLOBAL_OPTION_HELP) out.push(`          ${synopsisFlag(option)}`);
  out.push("", "OPTIONS");
  for (const m of members) out.push(...optionSection(m));
  out.push(
    ...wrap(
      "--cli-input-json | --cli-input-yaml (string) Reads arguments from the JSON or YAML string provided. The document must follow the format of --generate-cli-skeleton. Values given on the command line override the values in the document. The two options cannot be used together.",
      7,
    ),
  );
  for (const [flag, type, text] of paging) out.push(`       ${flag} (${type})`, ...wrap(text, 10));
  out.push(
    ...wrap(
      "--generate-cli-skeleton (string) Prints a skeleton and sends no request. Without a value or with input, prints a JSON input skeleton for --cli-input-json. With yaml-input, prints a YAML skeleton for --cli-input-yaml. With output, validates the command inputs and prints a sample output.",
      7,
    ),
  );
  out.push("GLOBAL OPTIONS");
  for (const [flag, type, text, choices] of GLOBAL_OPTION_HELP) {
    out.push(`       ${flag} (${type})`, "", ...wrap(text, 7));
    for (const choice of choices ?? []) out.push(`       o ${choice}`, "");
  }
  out.push("OUTPUT");
  for (const m of entry.output.members) {
    out.push(`       ${m.name} -> (${typeName(m.schema)})`, ...wrap(m.documentation ?? "", 10));
    describeContents(m.schema, 1, out, new Set());
  }
  return `${out.join("\n").replace(/\n{3,}/g, "\n\n").trimEnd()}\n`;
}

/**
 * The top-level help: usage and the list of commands.
 * @public
 */
export function topLevelHelp(program: string, serviceCommand: string, operations: readonly OperationSchemaEntry[]): string {
  const out = [
    `${program}`,
    "",
    "USAGE",
    `   ${program} [options] <command> [parameters]`,
    `   ${program} ${serviceCommand} <command> [parameters]`,
    `   ${program} <command> help`,
    "",
    "COMMANDS",
  ];
  for (const op of operations) {
    out.push(`   ${toCliName(op.name)}`, ...wrap(op.documentation ?? "", 6));
  }
  out.push("   serve", ...wrap("Run the local emulator of the service (see `serve --help`).", 6));
  out.push("GLOBAL OPTIONS");
  for (const [flag, text] of GLOBAL_OPTION_HELP) out.push(`   ${flag}`, ...wrap(text, 6));
  return `${out.join("\n").replace(/\n{3,}/g, "\n\n").trimEnd()}\n`;
}

/**
 * The short usage block printed before usage errors, the AWS CLI's own (`iotmi` stands for
 * `aws iot-managed-integrations`, and both spellings work).
 * @public
 */
export function usageBlock(program: string): string {
  return (
    `usage: ${program} [options] <command> <subcommand> [<subcommand> ...] [parameters]\n` +
    "To see help text, you can run:\n\n" +
    `  ${program} help\n` +
    `  ${program} <command> help\n` +
    `  ${program} <command> <subcommand> help\n`
  );
}

/** The usage line of the AWS CLI's first pass over `--debug`/`--profile`, which reports their misuse. @public */
export function firstPassUsage(program: string): string {
  return `usage: ${program} [-h] [--profile PROFILE] [--debug]\n`;
}
