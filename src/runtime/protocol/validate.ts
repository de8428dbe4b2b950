/**
 * The checks generated validators call, one per constraint rule. Each pushes a {@link Violation} whose
 * message names the member path, the rule's limit and the value given; values of `@sensitive` members are
 * never shown. Generated code decides which checks apply to which member; these only carry them out.
 */
import type { Violation } from "./contract.js";
import { subPath } from "./read.js";
import { describeType } from "./values.js";

/** What replaces a sensitive value in violations and redacted copies. @public */
export const SENSITIVE_STRING = "***SensitiveInformation***";

/** The JavaScript type a member must have, by Smithy shape kind. @internal */
export type ValueKind =
  | "string"
  | "boolean"
  | "byte"
  | "short"
  | "integer"
  | "long"
  | "float"
  | "double"
  | "bigInteger"
  | "bigDecimal"
  | "timestamp"
  | "blob"
  | "document"
  | "list"
  | "map"
  | "structure";

/**
 * Length of a string in Unicode code points, as the services count it (not UTF-16 units).
 * @internal
 */
export function codePointLength(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    // A high surrogate followed by a low one is a single code point.
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
    count++;
  }
  return count;
}

function shown(value: unknown, sensitive: boolean): unknown {
  return sensitive ? SENSITIVE_STRING : value;
}

/** A value as it appears after "got" in a message, cut short when long. */
function describe(value: unknown, sensitive: boolean): string {
  if (sensitive) return SENSITIVE_STRING;
  if (value === undefined) return "undefined";
  if (typeof value === "bigint") return `${value}n`;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? "Invalid Date" : value.toISOString();
  if (value instanceof Uint8Array) return `Uint8Array(${value.byteLength})`;
  if (typeof value === "number") return String(value);
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    // BigInts inside objects defeat JSON; objects without a prototype defeat String().
    text = Object.prototype.toString.call(value);
  }
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

function push(out: Violation[], path: string, rule: Violation["rule"], message: string, value: unknown, sensitive: boolean): void {
  out.push({ path, rule, message: `${path || "input"}: ${message}`, value: shown(value, sensitive) });
}

/**
 * Records a missing required member.
 * @internal
 */
export function missing(out: Violation[], path: string): void {
  out.push({ path, rule: "required", message: `${path}: is required` });
}

const INTEGER_LIMITS: Readonly<Record<string, readonly [number, number]>> = {
  byte: [-128, 127],
  short: [-32768, 32767],
  integer: [-2147483648, 2147483647],
  long: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
};

const EXPECTED: Readonly<Record<ValueKind, string>> = {
  string: "a string",
  boolean: "a boolean",
  byte: "an integer from -128 to 127",
  short: "an integer from -32768 to 32767",
  integer: "an integer from -2147483648 to 2147483647",
  long: "a safe integer",
  float: "a number",
  double: "a number",
  bigInteger: "an integer (bigint or number)",
  bigDecimal: "a number",
  timestamp: "a valid Date",
  blob: "a Uint8Array or string",
  document: "a JSON value",
  list: "an array",
  map: "an object",
  structure: "an object",
};

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === "object" &&
    value !== null &&
    !Array.isArray(value) &&
    !(value instanceof Date) &&
    !(value instanceof Uint8Array)
  );
}

function hasKind(value: unknown, kind: ValueKind): boolean {
  switch (kind) {
    case "string":
      return typeof value === "string";
    case "boolean":
      return typeof value === "boolean";
    case "byte":
    case "short":
    case "integer":
    case "long": {
      const [min, max] = INTEGER_LIMITS[kind] ?? [0, 0];
      return typeof value === "number" && Number.isInteger(value) && value >= min && value <= max;
    }
    case "float":
    case "double":
      return typeof value === "number";
    case "bigInteger":
      return typeof value === "bigint" || (typeof value === "number" && Number.isInteger(value));
    case "bigDecimal":
      return typeof value === "number" || typeof value === "bigint" || (typeof value === "string" && value.trim() !== "" && !Number.isNaN(Number(value)));
    case "timestamp":
      return value instanceof Date && !Number.isNaN(value.getTime());
    case "blob":
      return value instanceof Uint8Array || typeof value === "string";
    case "document":
      return true;
    case "list":
      return Array.isArray(value);
    case "map":
    case "structure":
      return isPlainObject(value);
  }
}

/**
 * Checks the JavaScript type of a present value; records a `type` violation and returns false when wrong.
 * @internal
 */
export function checkType(out: Violation[], path: string, value: unknown, kind: ValueKind, sensitive: boolean): boolean {
  if (hasKind(value, kind)) return true;
  const given = sensitive ? describeType(value) : `${describeType(value)} ${describe(value, false)}`;
  push(out, path, "type", `must be ${EXPECTED[kind]}; got ${given}`, value, sensitive);
  return false;
}

/**
 * The checks most string members need in one call: the type, then (only for a string) the `@length` in code
 * points when `min` or `max` is given and the `@pattern` when given. Returns whether the value is a string.
 * @internal
 */
export function checkString(
  out: Violation[],
  path: string,
  value: unknown,
  sensitive: boolean,
  min?: number,
  max?: number,
  pattern?: RegExp,
): boolean {
  if (typeof value !== "string") return checkType(out, path, value, "string", sensitive);
  if (min !== undefined || max !== undefined) checkLength(out, path, codePointLength(value), "characters", min, max, value, sensitive);
  if (pattern !== undefined) checkPattern(out, path, value, pattern, sensitive);
  return true;
}

/**
 * Checks an enum or intEnum value against the values the model allows. `subject` (`"key "`) says when a
 * map key is checked rather than the value at `path`.
 * @internal
 */
export function checkEnum(
  out: Violation[],
  path: string,
  value: string | number,
  allowed: readonly (string | number)[],
  sensitive: boolean,
  subject = "",
): void {
  if (allowed.includes(value)) return;
  push(out, path, "enum", `${subject}must be one of ${allowed.join(", ")}; got ${describe(value, sensitive)}`, value, sensitive);
}

function bounds(min: number | undefined, max: number | undefined, unit: string): string {
  const suffix = unit === "" ? "" : ` ${unit}`;
  if (min !== undefined && max !== undefined) return min === max ? `exactly ${min}${suffix}` : `between ${min} and ${max}${suffix}`;
  if (min !== undefined) return `at least ${min}${suffix}`;
  return `at most ${max}${suffix}`;
}

/**
 * Checks a length: code points for strings, bytes for blobs, entries for lists and maps.
 * @internal
 */
export function checkLength(
  out: Violation[],
  path: string,
  length: number,
  unit: "characters" | "bytes" | "items" | "entries",
  min: number | undefined,
  max: number | undefined,
  value: unknown,
  sensitive: boolean,
  subject = "",
): void {
  if ((min === undefined || length >= min) && (max === undefined || length <= max)) return;
  push(out, path, "length", `${subject}length must be ${bounds(min, max, unit)}; got ${length}`, value, sensitive);
}

/**
 * Checks a string against a `@pattern` (ECMA 262, matched anywhere unless the pattern anchors itself).
 * @internal
 */
export function checkPattern(out: Violation[], path: string, value: string, pattern: RegExp, sensitive: boolean, subject = ""): void {
  if (pattern.test(value)) return;
  push(out, path, "pattern", `${subject}must match the pattern ${pattern.source}; got ${describe(value, sensitive)}`, value, sensitive);
}

/**
 * Checks a number against a `@range`.
 * @internal
 */
export function checkRange(
  out: Violation[],
  path: string,
  value: number | bigint,
  min: number | undefined,
  max: number | undefined,
  sensitive: boolean,
): void {
  const number = Number(value);
  if ((min === undefined || number >= min) && (max === undefined || number <= max)) return;
  push(out, path, "range", `must be ${bounds(min, max, "")}; got ${describe(value, sensitive)}`, value, sensitive);
}

function identity(value: unknown): string {
  if (value instanceof Date) return `d:${value.getTime()}`;
  if (value instanceof Uint8Array) return `b:${Array.from(value).join(",")}`;
  if (Array.isArray(value)) return `a:[${value.map(identity).join(",")}]`;
  if (typeof value === "object" && value !== null) {
    const entries = Object.keys(value)
      .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${identity((value as Record<string, unknown>)[key])}`);
    return `o:{${entries.join(",")}}`;
  }
  // Symbols and functions have no JSON form; typeof keeps them apart from strings of the same text.
  return `${typeof value}:${typeof value === "symbol" ? value.description : String(value)}`;
}

/**
 * Checks `@uniqueItems`: no two items of the list are equal (deep equality for structures).
 * @internal
 */
export function checkUniqueItems(out: Violation[], path: string, items: readonly unknown[], sensitive: boolean): void {
  const seen = new Map<string, number>();
  for (let i = 0; i < items.length; i++) {
    const key = identity(items[i]);
    const first = seen.get(key);
    if (first !== undefined) {
      push(out, path, "uniqueItems", `items must be unique; item [${i}] repeats item [${first}]`, items[i], sensitive);
      return;
    }
    seen.set(key, i);
  }
}

/**
 * Records members the shape does not have (typos, members of a newer model).
 * @internal
 */
export function checkUnknownMembers(
  out: Violation[],
  path: string,
  value: Readonly<Record<string, unknown>>,
  known: ReadonlySet<string>,
  shapeName: string,
): void {
  for (const key of Object.keys(value)) {
    if (known.has(key) || value[key] === undefined) continue;
    const memberPathText = subPath(path, key);
    out.push({ path: memberPathText, rule: "unknown-member", message: `${memberPathText}: is not a member of ${shapeName}` });
  }
}

/**
 * Checks that a union sets exactly one member; returns the name of that member when it does.
 * @internal
 */
export function checkUnion(
  out: Violation[],
  path: string,
  value: Readonly<Record<string, unknown>>,
  members: readonly string[],
  shapeName: string,
): string | undefined {
  const set = members.filter((name) => value[name] !== undefined && value[name] !== null);
  if (set.length === 1) return set[0];
  // Unknown member names alone are reported as unknown-member by the caller.
  if (set.length === 0 && Object.keys(value).some((key) => value[key] !== undefined)) return undefined;
  const given = set.length === 0 ? "none" : set.join(", ");
  out.push({ path, rule: "type", message: `${path || "input"}: must set exactly one member of ${shapeName}; got ${given}` });
  return undefined;
}
