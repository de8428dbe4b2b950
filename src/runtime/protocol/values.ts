/**
 * Scalar values on the restJson1 wire: floats with NaN/Infinity (sent as strings), blobs as base64, JSON
 * bodies read from bytes, and text forms of numbers and booleans for headers, query strings and labels.
 */
import { fromBase64, fromUtf8, toBase64, toUtf8 } from "@smithy/core/serde";

/**
 * A float for a JSON body: finite numbers as they are, NaN and the infinities as the strings restJson1 uses.
 * @internal
 */
export function serializeFloat(value: number): number | string {
  if (Number.isFinite(value)) return value;
  if (Number.isNaN(value)) return "NaN";
  return value > 0 ? "Infinity" : "-Infinity";
}

/**
 * Reads a float from a JSON value, accepting the strings `NaN`, `Infinity` and `-Infinity`; throws a
 * `TypeError` on anything else that is not a number.
 * @internal
 */
export function parseFloatValue(value: unknown): number {
  if (typeof value === "number") return value;
  switch (value) {
    case "NaN":
      return NaN;
    case "Infinity":
      return Infinity;
    case "-Infinity":
      return -Infinity;
  }
  throw new TypeError(`expected a number, got ${describeType(value)}`);
}

/**
 * Parses number text from a header, query string or label; throws a `TypeError` when it is not one.
 * @internal
 */
export function parseNumberText(text: string, integer: boolean): number {
  const trimmed = text.trim();
  const special = trimmed === "NaN" || trimmed === "Infinity" || trimmed === "-Infinity";
  if (special && !integer) return parseFloatValue(trimmed);
  const pattern = integer ? /^-?\d+$/ : /^-?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
  if (!pattern.test(trimmed)) throw new TypeError(`expected ${integer ? "an integer" : "a number"}, got "${text}"`);
  return Number(trimmed);
}

/**
 * Parses `true` / `false` text from a header, query string or label.
 * @internal
 */
export function parseBooleanText(text: string): boolean {
  const trimmed = text.trim();
  if (trimmed === "true") return true;
  if (trimmed === "false") return false;
  throw new TypeError(`expected true or false, got "${text}"`);
}

/**
 * A number as text for headers, query strings and labels (NaN and the infinities spelled out).
 * @internal
 */
export function numberText(value: number): string {
  return String(serializeFloat(value));
}

/**
 * Blob input to bytes: callers may pass a Uint8Array or a string (taken as UTF-8).
 * @internal
 */
export function blobBytes(value: Uint8Array | string): Uint8Array {
  return typeof value === "string" ? fromUtf8(value) : value;
}

/**
 * Base64 of a blob (JSON bodies, headers).
 * @internal
 */
export function encodeBase64(value: Uint8Array | string): string {
  return toBase64(blobBytes(value));
}

/**
 * Bytes of a base64 text; throws a `TypeError` when the text is not base64.
 * @internal
 */
export function decodeBase64(text: unknown): Uint8Array {
  if (typeof text !== "string" || !/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 === 1) {
    throw new TypeError("expected a base64 string");
  }
  return fromBase64(text);
}

/**
 * Base64 of a UTF-8 string (headers carrying a JSON media type).
 * @internal
 */
export function encodeBase64Text(value: string): string {
  return toBase64(fromUtf8(value));
}

/**
 * The UTF-8 text of base64 (headers carrying a JSON media type).
 * @internal
 */
export function decodeBase64Text(text: string): string {
  return toUtf8(decodeBase64(text));
}

/**
 * UTF-8 text of a body.
 * @internal
 */
export function bodyText(body: Uint8Array | string | undefined): string {
  if (body === undefined) return "";
  return typeof body === "string" ? body : toUtf8(body);
}

/**
 * The length in bytes of a body: UTF-8 bytes for text (counted without encoding it).
 * @internal
 */
export function byteLength(body: string | Uint8Array): number {
  if (typeof body !== "string") return body.byteLength;
  // Node's native count when available; the loop below serves other JavaScript runtimes.
  if (typeof Buffer === "function") return Buffer.byteLength(body, "utf8");
  return utf8Length(body);
}

/** UTF-8 length of a string, counted unit by unit (lone surrogates count as the 3-byte replacement). @internal */
export function utf8Length(body: string): number {
  let bytes = 0;
  for (let i = 0; i < body.length; i++) {
    const unit = body.charCodeAt(i);
    if (unit < 0x80) bytes += 1;
    else if (unit < 0x800) bytes += 2;
    else if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < body.length && (body.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/**
 * UTF-8 bytes of a string.
 * @internal
 */
export function utf8Bytes(text: string): Uint8Array {
  return fromUtf8(text);
}

/**
 * Parses a JSON body; an empty body is an empty object. Throws `SyntaxError` on malformed JSON.
 * @internal
 */
export function parseJsonBody(body: Uint8Array | string | undefined): unknown {
  const text = bodyText(body);
  if (text.trim() === "") return {};
  return JSON.parse(text) as unknown;
}

/**
 * A short description of a value's JSON type for error messages (`string`, `number`, `array`, `null`…).
 * @internal
 */
export function describeType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (value instanceof Date) return "Date";
  if (value instanceof Uint8Array) return "Uint8Array";
  return typeof value;
}

/**
 * Sets a map entry as an own, enumerable property. A plain assignment of the key `__proto__` would replace
 * the object's prototype instead and the entry would vanish from the JSON.
 * @internal
 */
export function setEntry<T>(map: Record<string, T>, key: string, value: T): void {
  if (key === "__proto__") Object.defineProperty(map, key, { value, enumerable: true, writable: true, configurable: true });
  else map[key] = value;
}

/**
 * The JSON form of a dense list whose items are their own JSON form (strings, numbers, booleans, enums,
 * documents): the items without nulls. One shared helper instead of one generated function per such list.
 * @internal
 */
export function denseList<T>(list: readonly (T | null | undefined)[]): T[] {
  return list.filter((item): item is T => item != null);
}

/**
 * The JSON form of a dense map whose values are their own JSON form: the entries without null values, in
 * insertion order (a `__proto__` key kept as an entry).
 * @internal
 */
export function denseMap<T>(map: Readonly<Record<string, T | null | undefined>>): Record<string, T> {
  const out: Record<string, T> = {};
  for (const key in map) {
    const value = map[key];
    if (value != null) setEntry(out, key, value);
  }
  return out;
}
