/**
 * URI building and matching for restJson1: label and query encoding (RFC 3986), joining the endpoint's
 * base path with the operation's path, and decoding labels on the server side.
 */

// Unreserved characters per RFC 3986 stay as they are; everything else is percent-encoded, including the
// sub-delimiters encodeURIComponent leaves alone.
function encodeRfc3986(text: string): string {
  if (/^[A-Za-z0-9._~-]*$/.test(text)) return text;
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * Encodes a `@httpLabel` value for the path. A greedy label keeps its `/` separators.
 * @internal
 */
export function encodeLabel(value: string, greedy: boolean): string {
  if (!greedy) return encodeRfc3986(value);
  return value.split("/").map(encodeRfc3986).join("/");
}

/**
 * Joins the endpoint's base path (`/` or `/custom/`) and the operation's encoded path (`/ota-tasks`).
 * @internal
 */
export function joinPath(basePath: string, operationPath: string): string {
  const base = basePath.endsWith("/") ? basePath.slice(0, -1) : basePath;
  return `${base}${operationPath}`;
}

/**
 * Decodes a path segment captured by a label; undefined when it is not valid percent-encoding.
 * @internal
 */
export function decodeLabel(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

/**
 * The value of a label member, which must be present and not empty (it would make an empty path segment).
 * @internal
 */
export function requireLabel<T>(value: T | null | undefined, member: string): T {
  if (value === undefined || value === null || (value as unknown) === "") {
    throw new Error(`the path member ${member} must be set and not empty`);
  }
  return value;
}
