/**
 * URI building and matching for restJson1: label and query encoding (RFC 3986), joining the endpoint's
 * base path with the operation's path, and decoding labels on the server side.
 */
import { isValidHostname } from "@smithy/core/transport";

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

/**
 * The host name of an operation with `@endpoint` (`prefix` already has its `@hostLabel`s filled): prefix +
 * endpoint host, or the endpoint host alone when the client sets `disableHostPrefix`. Throws when the result is
 * not a valid host name, as the SDK does, so no label can redirect the request elsewhere.
 * @internal
 */
export function prefixedHost(prefix: string, context: { readonly endpoint: { readonly hostname: string }; readonly disableHostPrefix?: boolean | undefined }): string {
  const hostname = context.endpoint.hostname;
  if (context.disableHostPrefix === true) return hostname;
  const prefixed = prefix + hostname;
  if (!isValidHostname(prefixed)) throw new Error(`the host name ${JSON.stringify(prefixed)} made with the operation's host prefix is not valid`);
  return prefixed;
}
