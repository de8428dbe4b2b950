/**
 * The checks the AWS CLI makes before sending (botocore's parameter validator), in its order and words:
 * missing required members, unknown members, types, and minimum lengths and values, e.g.
 * `Invalid length for parameter Tags (key: ), value: 0, valid min length: 1`. Values print as Python prints
 * them (`str()` of the value, `OrderedDict([...])` for JSON objects of option values, `b'...'` for bytes).
 * iotmi's stricter checks (maximums, patterns, enums, map sizes) are the generated validator's, in its own
 * words; run.ts adds them after these lines.
 *
 * @packageDocumentation
 */
import { keyPath, type ShapeSchema } from "../runtime/index.js";
import { isFloatKind, isIntegerKind } from "./param-values.js";
import { pythonFloatRepr, pythonStr, pythonType } from "./python-repr.js";
import { REDACTED } from "./redact.js";

/** One problem: the line to print, which check made it, and the member path in the validator's notation. @public */
export interface InputProblem {
  readonly line: string;
  readonly rule: "required" | "unknown" | "type" | "min" | "union";
  /** `OtaSchedulingConfig.MaintenanceWindows[0].DurationInMinutes`, `Tags["k"]`. */
  readonly path: string;
}

/**
 * Returns the problems of an assembled input in the AWS CLI's order, empty when it is acceptable.
 * @public
 */
export function checkInput(value: unknown, schema: ShapeSchema & { kind: "structure" }): InputProblem[] {
  const problems: InputProblem[] = [];
  check(value, schema, { shown: "", path: "" }, problems, new Set());
  return problems;
}

/** Where a value sits: as the AWS CLI shows it (`Tags (key: k)`) and as the validator names it (`Tags["k"]`). */
interface Place {
  readonly shown: string;
  readonly path: string;
  /** Inside a sensitive member: values (and map keys) are not shown. */
  readonly sensitive?: boolean;
}

function member(place: Place, name: string): Place {
  return { shown: `${place.shown}.${name}`, path: place.path === "" ? name : `${place.path}.${name}`, sensitive: place.sensitive === true };
}

function shownName(place: Place): string {
  return place.shown === "" ? "input" : place.shown.replace(/^\./, "");
}

const VALID_TYPES = {
  structure: "<class 'dict'>",
  list: "<class 'list'>, <class 'tuple'>",
  string: "<class 'str'>",
  integer: "<class 'int'>",
  float: "<class 'float'>, <class 'decimal.Decimal'>, <class 'int'>",
  boolean: "<class 'bool'>",
  timestamp: "<class 'datetime.datetime'>, timestamp-string",
  blob: "<class 'bytes'>, <class 'bytearray'>, file-like object",
} as const;

function typeError(problems: InputProblem[], place: Place, value: unknown, validTypes: string): void {
  problems.push({
    // A deliberate difference from the AWS CLI: the value of a sensitive member is not echoed.
    line: `Invalid type for parameter ${shownName(place)}, value: ${place.sensitive === true ? REDACTED : pythonStr(value)}, type: ${pythonType(value)}, valid types: ${validTypes}`,
    rule: "type",
    path: place.path,
  });
}

/** `shown` is the value as Python prints it (a float member's value is a Python float: `1.0`). */
function belowMin(problems: InputProblem[], place: Place, actual: number, min: number | undefined, what: "length" | "value", shown = String(actual)): void {
  if (min === undefined || actual >= min) return;
  problems.push({ line: `Invalid ${what} for parameter ${shownName(place)}, value: ${shown}, valid min ${what}: ${min}`, rule: "min", path: place.path });
}

function isDict(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);
}

/** Python's `isinstance(value, int)`, which booleans pass. */
function isPythonInt(value: unknown): value is number | boolean {
  return typeof value === "boolean" || (typeof value === "number" && Number.isInteger(value));
}

function check(value: unknown, schema: ShapeSchema, given: Place, problems: InputProblem[], active: Set<unknown>): void {
  const place = (schema.kind === "map" || schema.kind === "string") && schema.sensitive === true ? { ...given, sensitive: true } : given;
  switch (schema.kind) {
    case "structure":
    case "union": {
      if (!isDict(value)) return typeError(problems, place, value, VALID_TYPES.structure);
      if (active.has(value)) return;
      active.add(value);
      const names = schema.members.map((m) => m.name);
      const given = Object.keys(value);
      if (schema.kind === "union" && given.length !== 1) {
        problems.push({
          line:
            given.length === 0
              ? `Must set one of the following keys for tagged unionstructure ${shownName(place)}: ${names.join(". ")}.`
              : `Invalid number of parameters set for tagged union structure ${shownName(place)}. Can only set one of the following keys: ${names.join(". ")}.`,
          rule: "union",
          path: place.path,
        });
      }
      for (const m of schema.members) {
        if (m.required && !given.includes(m.name)) problems.push({ line: `Missing required parameter in ${shownName(place)}: "${m.name}"`, rule: "required", path: member(place, m.name).path });
      }
      for (const key of given) {
        if (!names.includes(key)) problems.push({ line: `Unknown parameter in ${shownName(place)}: "${key}", must be one of: ${names.join(", ")}`, rule: "unknown", path: member(place, key).path });
      }
      for (const key of given) {
        const m = schema.members.find((candidate) => candidate.name === key);
        if (m !== undefined) check(value[key], m.schema, member(place, key), problems, active);
      }
      active.delete(value);
      return;
    }
    case "list":
      if (!Array.isArray(value)) return typeError(problems, place, value, VALID_TYPES.list);
      belowMin(problems, place, value.length, schema.min, "length");
      value.forEach((item, i) => check(item, schema.member, { shown: `${place.shown}[${i}]`, path: `${place.path}[${i}]`, sensitive: place.sensitive === true }, problems, active));
      return;
    case "map":
      if (!isDict(value)) return typeError(problems, place, value, VALID_TYPES.structure);
      for (const [key, item] of Object.entries(value)) {
        // The keys of a sensitive map are as secret as its values: neither is shown.
        const sensitive = place.sensitive === true;
        const path = keyPath(place.path, key, sensitive);
        const label = sensitive ? REDACTED : key;
        check(key, schema.key, { shown: `${place.shown} (key: ${label})`, path, sensitive }, problems, active);
        check(item, schema.value, { shown: `${place.shown}.${label}`, path, sensitive }, problems, active);
      }
      return;
    case "string":
      if (typeof value !== "string") return typeError(problems, place, value, VALID_TYPES.string);
      belowMin(problems, place, [...value].length, schema.min, "length");
      return;
    case "boolean":
      if (typeof value !== "boolean") typeError(problems, place, value, VALID_TYPES.boolean);
      return;
    case "timestamp":
      if (!(typeof value === "number" || (typeof value === "string" && !Number.isNaN(parseTimestamp(value))))) {
        typeError(problems, place, value, VALID_TYPES.timestamp);
      }
      return;
    case "blob":
      if (typeof value !== "string" && !(value instanceof Uint8Array)) typeError(problems, place, value, VALID_TYPES.blob);
      return;
    case "document":
      return;
    default:
      if (isIntegerKind(schema.kind)) {
        if (!isPythonInt(value)) return typeError(problems, place, value, VALID_TYPES.integer);
        belowMin(problems, place, Number(value), schema.min, "value");
      } else if (isFloatKind(schema.kind)) {
        if (typeof value !== "number" && typeof value !== "boolean") return typeError(problems, place, value, VALID_TYPES.float);
        belowMin(problems, place, Number(value), schema.min, "value", typeof value === "number" ? pythonFloatRepr(value) : pythonStr(value));
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
