/**
 * Typed readers for values coming off the wire (JSON bodies, headers, query strings, labels). Generated
 * deserializers call one per value; a value of the wrong type raises {@link WireFormatError} naming the member
 * path, which the client reports as is and the server turns into a `RequestDeserializationError`.
 */
import { parseTimestamp, type TimestampFormat } from "./timestamps.js";
import { decodeBase64, describeType, parseBooleanText, parseFloatValue, parseNumberText } from "./values.js";

/**
 * A wire value that does not have the type the model gives its member.
 * @public
 */
export class WireFormatError extends TypeError {
  override readonly name = "WireFormatError";
  constructor(
    message: string,
    /** Member path, e.g. `OtaSchedulingConfig.MaintenanceWindows[0].DurationInMinutes`; empty for the root. */
    readonly path: string,
  ) {
    super(path === "" ? message : `${path}: ${message}`);
  }
}

/**
 * The path of a member (name) or list item (index) below `path`; paths are built only when a value is
 * wrong or a nested aggregate is entered, so reading a valid message costs no string work.
 * @internal
 */
export function subPath(path: string, member: string | number | undefined): string {
  if (member === undefined) return path;
  if (typeof member === "number") return `${path}[${member}]`;
  return path === "" ? member : `${path}.${member}`;
}

/**
 * The path of a map value below `path`: `Tags["env"]`; for a sensitive map the key is not shown
 * (`Tags[***SensitiveInformation***]`), since a key can be as secret as its value.
 * @internal
 */
export function keyPath(path: string, key: string, sensitive = false): string {
  return sensitive ? `${path}[***SensitiveInformation***]` : `${path}[${JSON.stringify(key)}]`;
}

type Member = string | number | undefined;

function fail(path: string, member: Member, expected: string, value: unknown): never {
  throw new WireFormatError(`expected ${expected}, got ${describeType(value)}`, subPath(path, member));
}

/** @internal */
export function readObject(value: unknown, path: string, member?: Member): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) fail(path, member, "an object", value);
  return value as Record<string, unknown>;
}

/** @internal */
export function readArray(value: unknown, path: string, member?: Member): unknown[] {
  if (!Array.isArray(value)) fail(path, member, "an array", value);
  return value;
}

/** @internal */
export function readString(value: unknown, path: string, member?: Member): string {
  if (typeof value !== "string") fail(path, member, "a string", value);
  return value;
}

/** @internal */
export function readBoolean(value: unknown, path: string, member?: Member): boolean {
  if (typeof value !== "boolean") fail(path, member, "a boolean", value);
  return value;
}

/** Smithy integer widths. @internal */
export type IntegerKind = "byte" | "short" | "integer" | "long";

const INTEGER_BOUNDS: Readonly<Record<IntegerKind, readonly [number, number]>> = {
  byte: [-128, 127],
  short: [-32768, 32767],
  integer: [-2147483648, 2147483647],
  // JavaScript numbers cannot hold every long exactly; the bounds still reject what no long can be.
  long: [-9223372036854775808, 9223372036854775807],
};

/** `a byte`, `a short`, `an integer` (32-bit and long alike) for messages. */
function integerName(kind: IntegerKind): string {
  return kind === "byte" || kind === "short" ? `a ${kind}` : "an integer";
}

function fitsInteger(value: number, kind: IntegerKind): boolean {
  const [min, max] = INTEGER_BOUNDS[kind];
  return Number.isInteger(value) && value >= min && value <= max;
}

/** An integer of the given width (default `long`): a JSON number without a fraction, within range. @internal */
export function readInteger(value: unknown, path: string, member?: Member, kind: IntegerKind = "long"): number {
  if (typeof value !== "number" || !fitsInteger(value, kind)) fail(path, member, integerName(kind), value);
  return value;
}

/** Floats and doubles, including `"NaN"`, `"Infinity"` and `"-Infinity"`. @internal */
export function readFloat(value: unknown, path: string, member?: Member): number {
  try {
    return parseFloatValue(value);
  } catch {
    return fail(path, member, "a number", value);
  }
}

/** @internal */
export function readBigInteger(value: unknown, path: string, member?: Member): bigint {
  if (typeof value === "number" && Number.isInteger(value)) return BigInt(value);
  if (typeof value === "string" && /^-?\d+$/.test(value)) return BigInt(value);
  return fail(path, member, "an integer", value);
}

/** Big decimals stay text so no precision is lost. @internal */
export function readBigDecimal(value: unknown, path: string, member?: Member): string {
  if (typeof value === "number") return String(value);
  if (typeof value === "string" && value.trim() !== "" && !Number.isNaN(Number(value))) return value;
  return fail(path, member, "a decimal number", value);
}

/** RFC 3339 with a `Z`: what a server accepts when it takes no UTC offsets. */
const UTC_DATE_TIME = /[Zz]$/;

/**
 * A timestamp in a JSON document. Epoch seconds must be a JSON number (not text); `utcOnly` (servers) also
 * refuses date-times with a UTC offset.
 * @internal
 */
export function readTimestamp(value: unknown, path: string, member: Member, format: TimestampFormat, utcOnly = false): Date {
  const wrongType = format === "epoch-seconds" ? typeof value !== "number" : typeof value !== "string";
  if (wrongType || (utcOnly && format === "date-time" && !UTC_DATE_TIME.test(value as string))) {
    return fail(path, member, `a ${format} timestamp`, value);
  }
  try {
    return parseTimestamp(value, format);
  } catch {
    return fail(path, member, `a ${format} timestamp`, value);
  }
}

/** @internal */
export function readBlob(value: unknown, path: string, member?: Member): Uint8Array {
  try {
    return decodeBase64(value);
  } catch {
    return fail(path, member, "a base64 string", value);
  }
}

/**
 * Numbers from header, query or label text: `false` for floats, `true` or a width for integers.
 * @internal
 */
export function textToNumber(text: string, path: string, integer: boolean | IntegerKind): number {
  const kind: IntegerKind | undefined = integer === true ? "long" : integer === false ? undefined : integer;
  const expected = kind === undefined ? "a number" : integerName(kind);
  let value: number;
  try {
    value = parseNumberText(text, kind !== undefined);
  } catch {
    throw new WireFormatError(`expected ${expected}, got ${JSON.stringify(text)}`, path);
  }
  if (kind !== undefined && !fitsInteger(value, kind)) throw new WireFormatError(`expected ${expected}, got ${JSON.stringify(text)}`, path);
  return value;
}

/** @internal */
export function textToBigInteger(text: string, path: string): bigint {
  if (!/^-?\d+$/.test(text.trim())) throw new WireFormatError(`expected an integer, got ${JSON.stringify(text)}`, path);
  return BigInt(text.trim());
}

/** @internal */
export function textToBoolean(text: string, path: string): boolean {
  try {
    return parseBooleanText(text);
  } catch {
    throw new WireFormatError(`expected true or false, got ${JSON.stringify(text)}`, path);
  }
}

/** A timestamp from header, query or label text; `utcOnly` (servers) refuses date-times with an offset. @internal */
export function textToTimestamp(text: string, path: string, format: TimestampFormat, utcOnly = false): Date {
  const trimmed = text.trim();
  try {
    if (utcOnly && format === "date-time" && !UTC_DATE_TIME.test(trimmed)) throw new TypeError("offset");
    return parseTimestamp(trimmed, format);
  } catch {
    throw new WireFormatError(`expected a ${format} timestamp, got ${JSON.stringify(text)}`, path);
  }
}

/** @internal */
export function textToBlob(text: string, path: string): Uint8Array {
  try {
    return decodeBase64(text.trim());
  } catch {
    throw new WireFormatError(`expected base64, got ${JSON.stringify(text)}`, path);
  }
}

/**
 * Reads a JSON body for a request or response; malformed JSON raises a {@link WireFormatError} for the root.
 * @internal
 */
export function readJsonText(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    // An empty (or blank) body means no members; it is checked only here, so that bodies are not copied to trim.
    if (text.trim() === "") return undefined;
    throw new WireFormatError(`malformed JSON body: ${(error as Error).message}`, "");
  }
}

/**
 * A parsed error body as an object to read members from; anything else (not JSON, an array) reads as empty.
 * @internal
 */
export function asObject(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
