/**
 * Assembles an operation's input from `--cli-input-json` / `--cli-input-yaml` and the operation options
 * (command-line values win), and converts the result into what the generated client takes (timestamps as
 * `Date`, blobs as bytes).
 *
 * @packageDocumentation
 */
import type { OperationSchemaEntry, ShapeSchema } from "../runtime/index.js";
import type { ParsedCommandLine } from "./argv.js";
import { ParamError, UsageError } from "./errors.js";
import { optionName } from "./names.js";
import { readOptionValue, readParamFile, type InputValue } from "./param-values.js";
import { parsePythonJson, PythonJsonError } from "./python-json.js";
import { pythonType } from "./python-repr.js";
import { parseTimestamp } from "./schema-check.js";

/**
 * Reads the document of `--cli-input-json` or `--cli-input-yaml` (either may be `file://`).
 * @public
 */
export async function readCliInput(parsed: Pick<ParsedCommandLine, "cliInputJson" | "cliInputYaml">): Promise<Record<string, InputValue> | undefined> {
  if (parsed.cliInputJson !== undefined && parsed.cliInputYaml !== undefined) {
    throw new UsageError("Only one --cli-input- parameter may be specified.", false);
  }
  if (parsed.cliInputJson !== undefined) {
    const text = loadText(parsed.cliInputJson, "--cli-input-json");
    let value: unknown;
    try {
      value = parsePythonJson(text, false);
    } catch (error) {
      if (!(error instanceof PythonJsonError)) throw error;
      throw new ParamError("cli-input-json", "Invalid JSON received.");
    }
    return asDocument(value, "--cli-input-json");
  }
  if (parsed.cliInputYaml !== undefined) {
    const text = loadText(parsed.cliInputYaml, "--cli-input-yaml");
    const { parse } = await import("yaml");
    let value: unknown;
    try {
      value = parse(text);
    } catch {
      throw new ParamError("cli-input-yaml", "Invalid YAML received.");
    }
    return asDocument(value, "--cli-input-yaml");
  }
  return undefined;
}

function loadText(value: string, option: string): string {
  const loaded = readParamFile(value, option);
  if (loaded === undefined) return value;
  return typeof loaded === "string" ? loaded : new TextDecoder().decode(loaded);
}

function asDocument(value: unknown, option: string): Record<string, InputValue> {
  if (typeof value !== "object" || value === null || Array.isArray(value) || value instanceof Uint8Array) {
    throw new ParamError(option, `Invalid type: expecting map, received ${pythonType(value)}`);
  }
  return value as Record<string, InputValue>;
}

/**
 * Reads every operation option given on the command line into input members.
 * @public
 */
export function readOperationOptions(entry: OperationSchemaEntry, parsed: Pick<ParsedCommandLine, "values">): Record<string, InputValue> {
  const input: Record<string, InputValue> = {};
  for (const member of entry.input.members) {
    const option = optionName(member.name);
    const raw = parsed.values.get(option);
    if (raw === undefined) continue;
    input[member.name] = typeof raw === "boolean" ? raw : readOptionValue(member, raw, option);
  }
  return input;
}

/**
 * The options of required members that were not given, for `the following arguments are required: ...`.
 * @public
 */
export function missingRequiredOptions(entry: OperationSchemaEntry, given: Record<string, unknown>): string[] {
  return entry.input.members.filter((m) => m.required && !Object.hasOwn(given, m.name)).map((m) => optionName(m.name));
}

/**
 * Converts a checked input into the client's types: timestamps become `Date`, blobs bytes (base64-decoded
 * unless `raw-in-base64-out`). Members are put in model order.
 * @public
 */
export function toClientInput(value: unknown, schema: ShapeSchema, binaryFormat: "base64" | "raw-in-base64-out"): unknown {
  if (value === null || value === undefined) return value;
  switch (schema.kind) {
    case "timestamp":
      return typeof value === "string" ? new Date(parseTimestamp(value)) : typeof value === "number" ? new Date(value * 1000) : value;
    case "blob":
      if (typeof value !== "string") return value;
      return binaryFormat === "base64" ? new Uint8Array(Buffer.from(value, "base64")) : new TextEncoder().encode(value);
    case "structure":
    case "union": {
      if (typeof value !== "object" || Array.isArray(value)) return value;
      const record = value as Record<string, unknown>;
      const out: Record<string, unknown> = {};
      for (const m of schema.members) {
        if (Object.hasOwn(record, m.name)) out[m.name] = toClientInput(record[m.name], m.schema, binaryFormat);
      }
      return out;
    }
    case "list":
      return Array.isArray(value) ? value.map((v) => toClientInput(v, schema.member, binaryFormat)) : value;
    case "map": {
      if (typeof value !== "object" || Array.isArray(value)) return value;
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) out[k] = toClientInput(v, schema.value, binaryFormat);
      return out;
    }
    default:
      return value;
  }
}
