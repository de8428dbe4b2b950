/**
 * Checks an assembled input against its schema before anything is sent, worded as the AWS CLI words it
 * (`Missing required parameter in input: "S3Url"`, `Unknown parameter in ...`, `Invalid type for parameter
 * ...`), plus enum values, which the AWS CLI leaves to the service. Lengths, patterns and ranges are not in
 * the schema; the generated validator inside `client.send` checks those.
 *
 * @packageDocumentation
 */
import type { ShapeSchema } from "../runtime/contract.js";
import { isFloatKind, isIntegerKind, type InputValue } from "./param-values.js";
import { pythonRepr, pythonType } from "./python-repr.js";

/**
 * Returns one line per problem, empty when the input is acceptable.
 * @public
 */
export function checkInput(value: InputValue, schema: ShapeSchema & { kind: "structure" }): string[] {
  const lines: string[] = [];
  check(value, schema, "", lines, new Set());
  return lines;
}

function displayName(path: string): string {
  return path === "" ? "input" : path.replace(/^\./, "");
}

function typeError(lines: string[], path: string, value: unknown, validTypes: string): void {
  lines.push(
    `Invalid type for parameter ${displayName(path)}, value: ${pythonRepr(value)}, type: ${pythonType(value)}, valid types: ${validTypes}`,
  );
}

function isPlainObject(value: unknown): value is Record<string, InputValue> {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);
}

function check(value: unknown, schema: ShapeSchema, path: string, lines: string[], active: Set<unknown>): void {
  switch (schema.kind) {
    case "structure":
    case "union": {
      if (!isPlainObject(value)) return typeError(lines, path, value, "<class 'dict'>");
      if (active.has(value)) return;
      active.add(value);
      for (const member of schema.members) {
        if (member.required && !Object.hasOwn(value, member.name)) {
          lines.push(`Missing required parameter in ${displayName(path)}: "${member.name}"`);
        }
      }
      const names = schema.members.map((m) => m.name);
      const set = Object.keys(value);
      if (schema.kind === "union" && set.length !== 1) {
        lines.push(
          `Invalid number of parameters set for tagged union structure ${displayName(path)}. Can only set one of the following keys: ${names.join(", ")}.`,
        );
      }
      for (const key of set) {
        const member = schema.members.find((m) => m.name === key);
        if (member === undefined) {
          lines.push(`Unknown parameter in ${displayName(path)}: "${key}", must be one of: ${names.join(", ")}`);
        } else {
          check(value[key], member.schema, `${path}.${key}`, lines, active);
        }
      }
      active.delete(value);
      return;
    }
    case "list":
      if (!Array.isArray(value)) return typeError(lines, path, value, "<class 'list'>, <class 'tuple'>");
      value.forEach((item, i) => check(item, schema.member, `${path}[${i}]`, lines, active));
      return;
    case "map":
      if (!isPlainObject(value)) return typeError(lines, path, value, "<class 'dict'>");
      for (const [key, item] of Object.entries(value)) {
        check(key, schema.key, `${path}.${key}`, lines, active);
        check(item, schema.value, `${path}.${key}`, lines, active);
      }
      return;
    case "string":
      if (typeof value !== "string") return typeError(lines, path, value, "<class 'str'>");
      if (schema.enum !== undefined && !schema.enum.includes(value)) {
        lines.push(
          `Invalid value for parameter ${displayName(path)}, value: ${value}, valid values: ${schema.enum.join(", ")}`,
        );
      }
      return;
    case "boolean":
      if (typeof value !== "boolean") typeError(lines, path, value, "<class 'bool'>");
      return;
    case "timestamp":
      if (typeof value !== "string" && typeof value !== "number") {
        typeError(lines, path, value, "<class 'datetime.datetime'>, timestamp-string");
      } else if (typeof value === "string" && Number.isNaN(parseTimestamp(value))) {
        typeError(lines, path, value, "<class 'datetime.datetime'>, timestamp-string");
      }
      return;
    case "blob":
      if (typeof value !== "string" && !(value instanceof Uint8Array)) {
        typeError(lines, path, value, "<class 'bytes'>, <class 'bytearray'>, file-like object");
      }
      return;
    case "document":
      return;
    default:
      if (isIntegerKind(schema.kind)) {
        if (typeof value !== "number" || !Number.isInteger(value)) typeError(lines, path, value, "<class 'int'>");
      } else if (isFloatKind(schema.kind)) {
        if (typeof value !== "number") typeError(lines, path, value, "<class 'float'>, <class 'decimal.Decimal'>, <class 'int'>");
      }
  }
}

/**
 * Milliseconds since the epoch for an ISO 8601 string or epoch seconds; NaN when neither.
 * @internal
 */
export function parseTimestamp(text: string): number {
  const trimmed = text.trim();
  if (/^-?\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed) * 1000;
  return Date.parse(trimmed);
}
