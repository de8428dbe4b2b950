/**
 * Turns the text given for one operation option into a typed value, driven by the member's schema: `file://`
 * and `fileb://` references, JSON for values that look like JSON, shorthand for structures, maps and lists of
 * them, several values after one flag for lists, and the schema's scalar types (integers, floats, booleans).
 *
 * @packageDocumentation
 */
import { readFileSync } from "node:fs";
import { homedir } from "node:os";
import type { MemberSchema, ShapeSchema } from "../runtime/index.js";
import { ParamError } from "./errors.js";
import { parsePythonJson, PythonJsonError } from "./python-json.js";
import { pythonFloat, pythonInt, pythonOsError } from "./python-repr.js";
import { parseShorthand, ShorthandSyntaxError, type ShorthandValue } from "./shorthand.js";

/** A value as it leaves the CLI's parser: JSON-like data, plus bytes from `fileb://`. @public */
export type InputValue = string | number | boolean | null | Uint8Array | InputValue[] | { [key: string]: InputValue };

const INTEGER_KINDS = new Set(["integer", "long", "short", "byte", "bigInteger"]);
const FLOAT_KINDS = new Set(["float", "double", "bigDecimal"]);

/** @internal */
export function isIntegerKind(kind: string): boolean {
  return INTEGER_KINDS.has(kind);
}

/** @internal */
export function isFloatKind(kind: string): boolean {
  return FLOAT_KINDS.has(kind);
}

/** Shapes written as JSON or shorthand rather than as a bare word. */
function isComplex(schema: ShapeSchema): boolean {
  return schema.kind === "structure" || schema.kind === "union" || schema.kind === "map" || schema.kind === "list";
}

/** Shorthand applies to structures, maps, and lists whose items are themselves complex; never to documents. @internal */
export function supportsShorthand(schema: ShapeSchema): boolean {
  if (containsDocument(schema, new Set())) return false;
  if (schema.kind === "list") return isComplex(schema.member);
  return schema.kind === "structure" || schema.kind === "union" || schema.kind === "map";
}

function containsDocument(schema: ShapeSchema, seen: Set<ShapeSchema>): boolean {
  if (seen.has(schema)) return false;
  seen.add(schema);
  switch (schema.kind) {
    case "document":
      return true;
    case "list":
      return containsDocument(schema.member, seen);
    case "map":
      return containsDocument(schema.value, seen);
    default:
      return false;
  }
}

/**
 * Loads `file://path` (text) or `fileb://path` (bytes); returns undefined for any other value.
 * `~` and `$VAR` in the path are expanded as the AWS CLI does.
 * @public
 */
export function readParamFile(value: string, option: string): string | Uint8Array | undefined {
  const prefix = value.startsWith("file://") ? "file://" : value.startsWith("fileb://") ? "fileb://" : undefined;
  if (prefix === undefined) return undefined;
  const path = expandPath(value.slice(prefix.length));
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw new ParamError(option, `Unable to load paramfile ${value}: ${pythonOsError(error as NodeJS.ErrnoException, path)}`);
  }
  if (prefix === "fileb://") return new Uint8Array(bytes);
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new ParamError(
      option,
      `Unable to load paramfile (${path}), text contents could not be decoded. If this is a binary file, please use the fileb:// prefix instead of the file:// prefix.`,
    );
  }
}

function expandPath(path: string): string {
  let expanded = path.replace(/\$(\w+)|\$\{(\w+)\}/g, (whole, a: string | undefined, b: string | undefined) => {
    const value = process.env[(a ?? b)!];
    return value ?? whole;
  });
  if (expanded === "~" || expanded.startsWith("~/")) expanded = homedir() + expanded.slice(1);
  return expanded;
}

/**
 * Parses an option's JSON text as the AWS CLI does (objects become `OrderedDict`s), failing with Python's
 * message and the text received.
 * @public
 */
export function parseJsonValue(text: string, option: string): InputValue {
  try {
    return parsePythonJson(text, true);
  } catch (error) {
    if (!(error instanceof PythonJsonError)) throw error;
    throw new ParamError(option, `Invalid JSON: ${error.message}\nJSON received: ${text}`);
  }
}

function looksLikeJson(text: string): boolean {
  const trimmed = text.trimStart();
  return trimmed.startsWith("{") || trimmed.startsWith("[");
}

/**
 * Converts the raw text of one option into the member's value. `raw` is an array for list members (the values
 * that followed the flag) and a string otherwise.
 * @public
 */
export function readOptionValue(member: MemberSchema, raw: string | readonly string[], option: string): InputValue {
  const schema = member.schema;
  // A single `file://` value replaces the whole argument, lists included.
  let value: string | readonly string[] | Uint8Array = raw;
  let fromFile = false;
  const single = typeof raw === "string" ? raw : raw.length === 1 ? raw[0]! : undefined;
  if (single !== undefined) {
    const loaded = readParamFile(single, option);
    if (loaded !== undefined) {
      fromFile = true;
      if (loaded instanceof Uint8Array) {
        // Bytes stay bytes for a scalar member: validation then refuses them where a string is expected.
        if (!isComplex(schema)) return loaded;
        value = new TextDecoder().decode(loaded);
      } else {
        value = loaded;
      }
    }
  }
  if (typeof value === "string" && schema.kind === "list") {
    // A file's text for a list of scalars that is not JSON becomes its characters, as the AWS CLI iterates it.
    value = fromFile && !supportsShorthand(schema) && !looksLikeJson(value) ? [...value] : [value];
  }
  return unpack(schema, value as string | readonly string[], option, member.name);
}

function unpack(schema: ShapeSchema, value: string | readonly string[], option: string, path: string): InputValue {
  if (schema.kind === "document") return parseJsonValue(asOne(value), option);
  if (!isComplex(schema)) return unpackScalar(schema, asOne(value));
  const first = typeof value === "string" ? value : value[0] ?? "";
  if (schema.kind === "list") {
    const items = typeof value === "string" ? [value] : value;
    if (items.length === 1 && looksLikeJson(first) && first.trimStart().startsWith("[")) return parseJsonValue(first, option);
    if (supportsShorthand(schema) && !looksLikeJson(first)) {
      return items.map((item, i) => typeShorthand(shorthand(item, option), schema.member, option, `${path}[${i}]`));
    }
    return items.map((item, i) => unpack(schema.member, item, option, `${path}[${i}]`));
  }
  const text = asOne(value);
  if (looksLikeJson(text)) {
    if (!text.trimStart().startsWith("{")) throw new ParamError(option, `Invalid JSON:\n${text}`);
    return parseJsonValue(text, option);
  }
  return typeShorthand(shorthand(text, option), schema, option, path);
}

function asOne(value: string | readonly string[]): string {
  return typeof value === "string" ? value : value.join(" ");
}

function shorthand(text: string, option: string): { [key: string]: ShorthandValue } {
  try {
    return parseShorthand(text, (v) => {
      const loaded = readParamFile(v, option);
      return loaded instanceof Uint8Array ? new TextDecoder().decode(loaded) : loaded;
    });
  } catch (error) {
    if (error instanceof ShorthandSyntaxError) throw new ParamError(option, error.message);
    throw error;
  }
}

/** A bare command-line word typed by the schema, with Python's `int()`/`float()` as the AWS CLI types it. */
function unpackScalar(schema: ShapeSchema, text: string): InputValue {
  if (isIntegerKind(schema.kind)) return pythonInt(text);
  if (isFloatKind(schema.kind)) return pythonFloat(text);
  if (schema.kind === "boolean") return text.toLowerCase() !== "false" && text !== "";
  return text;
}

/**
 * Applies the schema to a syntactic shorthand value as the AWS CLI does: numbers and booleans get their types
 * (Python's `int()`/`float()`; booleans only from `true`/`false`), and a single value where a list is expected
 * becomes a one-item list *without* typing what is inside it (so `MaintenanceWindows={DurationInMinutes=5}`
 * keeps the string `5`, which validation then refuses, as in the AWS CLI). Keys the schema does not know are
 * kept for validation to report.
 * @public
 */
export function typeShorthand(value: ShorthandValue, schema: ShapeSchema, option: string, path: string): InputValue {
  switch (schema.kind) {
    case "structure":
    case "union": {
      if (typeof value !== "object" || Array.isArray(value)) return value;
      const out: { [key: string]: InputValue } = {};
      for (const [key, item] of Object.entries(value)) {
        const member = schema.members.find((m) => m.name === key);
        out[key] = member === undefined ? item : typeShorthand(item, member.schema, option, `${path}.${key}`);
      }
      return out;
    }
    case "list":
      if (!Array.isArray(value)) return [value];
      return value.map((item, i) => typeShorthand(item, schema.member, option, `${path}[${i}]`));
    case "map": {
      if (typeof value !== "object" || Array.isArray(value)) return value;
      const out: { [key: string]: InputValue } = {};
      for (const [key, item] of Object.entries(value)) {
        Object.defineProperty(out, key, {
          value: typeShorthand(item, schema.value, option, `${path}.${key}`),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
      return out;
    }
    case "document":
      throw new ParamError(
        option,
        `Shorthand syntax does not support document types. Use JSON input for top-level argument to specify nested parameter: ${path}`,
      );
    default:
      if (typeof value !== "string") return value;
      if (isIntegerKind(schema.kind)) return pythonInt(value);
      if (isFloatKind(schema.kind)) return pythonFloat(value);
      if (schema.kind === "boolean") {
        if (value.toLowerCase() === "true") return true;
        if (value.toLowerCase() === "false") return false;
      }
      return value;
  }
}
