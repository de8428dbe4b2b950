/**
 * Value comparison for protocol tests: what "equal" means between the value a generated deserializer produced
 * and the value a test expects. Dates compare by instant, bytes by content, NaN equals NaN, and a member set
 * to `undefined` counts as absent (the generated types allow both). Returns the first difference as a
 * readable path and reason instead of a boolean, so a failing test says where it failed.
 */

/** Turns text into UTF-8 bytes. @internal */
export function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

/** Decodes UTF-8 bytes (lossy for invalid sequences, only used in messages and JSON parsing). @internal */
export function text(bytes: Uint8Array): string {
  return new TextDecoder().decode(bytes);
}

/**
 * Reads whatever a request or response body may be (string, bytes, Node stream, SDK stream mixin, undefined)
 * into bytes.
 * @internal
 */
export async function bodyBytes(body: unknown): Promise<Uint8Array> {
  if (body === undefined || body === null) return new Uint8Array(0);
  if (typeof body === "string") return utf8(body);
  if (body instanceof Uint8Array) return new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  if (typeof body === "object") {
    const withTransform = body as { transformToByteArray?: () => Promise<Uint8Array> };
    if (typeof withTransform.transformToByteArray === "function") return withTransform.transformToByteArray();
    if (Symbol.asyncIterator in body) {
      const chunks: Uint8Array[] = [];
      for await (const chunk of body as AsyncIterable<unknown>) {
        chunks.push(typeof chunk === "string" ? utf8(chunk) : (chunk as Uint8Array));
      }
      return concat(chunks);
    }
  }
  throw new Error(`cannot read a body of type ${describe(body)}`);
}

function concat(chunks: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.byteLength, 0));
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.byteLength;
  }
  return out;
}

/** Byte equality. @internal */
export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.byteLength !== b.byteLength) return false;
  for (let i = 0; i < a.byteLength; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Replaces streaming blob values (objects that can only be read asynchronously) by their bytes, so that
 * {@link firstDifference} can stay synchronous.
 * @internal
 */
export async function settle(value: unknown, depth = 0): Promise<unknown> {
  if (depth > 64 || value === null || typeof value !== "object") return value;
  if (value instanceof Date || value instanceof Uint8Array) return value;
  if (typeof (value as { transformToByteArray?: unknown }).transformToByteArray === "function" || isNodeReadable(value)) {
    return bodyBytes(value);
  }
  if (Array.isArray(value)) return Promise.all(value.map((v) => settle(v, depth + 1)));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = await settle(v, depth + 1);
  return out;
}

function isNodeReadable(value: object): boolean {
  return typeof (value as { pipe?: unknown }).pipe === "function" && Symbol.asyncIterator in value;
}

/**
 * The first place where `actual` differs from `expected`, or undefined when they are equal.
 * @internal
 */
export function firstDifference(actual: unknown, expected: unknown, path = "$"): string | undefined {
  // null (a sparse entry) and undefined (an absent member) are different things.
  if (expected === undefined || expected === null) {
    return actual === expected ? undefined : `${path}: expected ${expected === null ? "null" : "absent"}, got ${describe(actual)}`;
  }
  if (typeof expected === "number") {
    if (typeof actual !== "number") return `${path}: expected ${expected}, got ${describe(actual)}`;
    if (Number.isNaN(expected) ? !Number.isNaN(actual) : actual !== expected) return `${path}: expected ${expected}, got ${actual}`;
    return undefined;
  }
  if (typeof expected !== "object") {
    return actual === expected ? undefined : `${path}: expected ${describe(expected)}, got ${describe(actual)}`;
  }
  if (expected instanceof Date) {
    if (!(actual instanceof Date)) return `${path}: expected Date ${expected.toISOString()}, got ${describe(actual)}`;
    return actual.getTime() === expected.getTime() || (Number.isNaN(actual.getTime()) && Number.isNaN(expected.getTime()))
      ? undefined
      : `${path}: expected ${expected.toISOString()}, got ${safeIso(actual)}`;
  }
  if (expected instanceof Uint8Array) {
    if (typeof actual === "string") actual = utf8(actual);
    if (!(actual instanceof Uint8Array)) return `${path}: expected bytes, got ${describe(actual)}`;
    return sameBytes(actual, expected) ? undefined : `${path}: expected bytes ${JSON.stringify(text(expected))}, got ${JSON.stringify(text(actual))}`;
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return `${path}: expected a list, got ${describe(actual)}`;
    if (actual.length !== expected.length) return `${path}: expected ${expected.length} items, got ${actual.length}`;
    for (let i = 0; i < expected.length; i++) {
      const d = firstDifference(actual[i], expected[i], `${path}[${i}]`);
      if (d !== undefined) return d;
    }
    return undefined;
  }
  if (typeof actual !== "object" || actual === null || Array.isArray(actual) || actual instanceof Date || actual instanceof Uint8Array) {
    return `${path}: expected an object, got ${describe(actual)}`;
  }
  const exp = expected as Record<string, unknown>;
  const act = actual as Record<string, unknown>;
  const keys = new Set([...Object.keys(exp), ...Object.keys(act)]);
  for (const key of [...keys].sort()) {
    const d = firstDifference(act[key], exp[key], `${path}.${key}`);
    if (d !== undefined) return d;
  }
  return undefined;
}

function safeIso(date: Date): string {
  return Number.isNaN(date.getTime()) ? "Invalid Date" : date.toISOString();
}

/** A short description of a value for messages. @internal */
export function describe(value: unknown): string {
  if (value === undefined) return "undefined";
  if (value === null) return "null";
  if (value instanceof Date) return `Date ${safeIso(value)}`;
  if (value instanceof Uint8Array) return `bytes(${value.byteLength})`;
  if (typeof value === "string") return JSON.stringify(value.length > 80 ? `${value.slice(0, 77)}...` : value);
  if (typeof value === "object") {
    const name = (value as object).constructor?.name;
    let shown: string;
    try {
      shown = JSON.stringify(value) ?? String(value);
    } catch {
      shown = String(value);
    }
    if (shown.length > 80) shown = `${shown.slice(0, 77)}...`;
    return name && name !== "Object" && name !== "Array" ? `${name} ${shown}` : shown;
  }
  return String(value);
}

/**
 * Compares two JSON texts as JSON values (key order and whitespace ignored).
 * @internal
 */
export function jsonDifference(actualText: string, expectedText: string): string | undefined {
  let expected: unknown;
  try {
    expected = JSON.parse(expectedText);
  } catch {
    return `expected body is not JSON: ${describe(expectedText)}`;
  }
  let actual: unknown;
  try {
    actual = JSON.parse(actualText);
  } catch {
    return `body is not JSON: ${describe(actualText)}`;
  }
  const d = firstDifference(actual, expected, "body");
  return d === undefined ? undefined : `${d} (body ${describe(actualText)})`;
}
