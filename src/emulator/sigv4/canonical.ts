/**
 * SigV4 canonicalisation as a verifier needs it: every step works on the request exactly as it came off the
 * wire (the undecoded path, the raw query string, the raw header list in arrival order), so that the
 * server reconstructs the very bytes the client signed instead of a decoded approximation of them.
 *
 * Each stage is its own function (canonical path, query, headers, request, string to sign, signature) so
 * tests can check them one by one against the official suite.
 *
 * @packageDocumentation
 */
import { createHmac } from "node:crypto";
import { sha256Hex } from "../sha256.js";

export { sha256Hex };

/** The only algorithm SigV4 (as opposed to SigV4a) defines. @internal */
export const ALGORITHM = "AWS4-HMAC-SHA256";

/** SHA-256 of the empty string, the payload hash of a request without a body. @internal */
export const EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

/** One header line as received: name in its original case, value as the HTTP parser delivered it. @internal */
export type RawHeader = readonly [name: string, value: string];

/**
 * The parts of a request that SigV4 covers, unparsed.
 * @internal
 */
export interface CanonicalRequestParts {
  readonly method: string;
  /** The path as received: still percent-encoded as the client sent it, without the query string. */
  readonly path: string;
  /** The raw query string without the leading `?`; empty when there is none. */
  readonly query: string;
  readonly headers: readonly RawHeader[];
  /** Lower-case hex SHA-256 of the body. */
  readonly payloadHash: string;
}

// RFC 3986 unreserved characters are the only bytes SigV4 leaves unencoded.
const UNRESERVED = new Uint8Array(128);
for (const c of "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~") UNRESERVED[c.charCodeAt(0)] = 1;
const HEX = "0123456789ABCDEF";

/** Percent-encodes every byte except the unreserved ones (and `/` when `keepSlash`). @internal */
export function uriEncodeBytes(bytes: Uint8Array, keepSlash: boolean): string {
  let out = "";
  for (const b of bytes) {
    if ((b < 128 && UNRESERVED[b] === 1) || (keepSlash && b === 0x2f)) out += String.fromCharCode(b);
    else out += "%" + HEX[b >> 4]! + HEX[b & 15]!;
  }
  return out;
}

/** Turns `%XX` escapes into bytes; anything else (including a malformed `%`) stays as its UTF-8 bytes. @internal */
export function percentDecodeToBytes(text: string): Uint8Array {
  const raw = Buffer.from(text, "utf8");
  const out = Buffer.allocUnsafe(raw.length);
  let n = 0;
  for (let i = 0; i < raw.length; i++) {
    const b = raw[i]!;
    if (b === 0x25 && isHex(raw[i + 1]) && isHex(raw[i + 2])) {
      out[n++] = parseInt(String.fromCharCode(raw[i + 1]!, raw[i + 2]!), 16);
      i += 2;
    } else {
      out[n++] = b;
    }
  }
  return out.subarray(0, n);
}

function isHex(b: number | undefined): boolean {
  return b !== undefined && ((b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x46) || (b >= 0x61 && b <= 0x66));
}

/**
 * The canonical URI. The path is encoded as received, so a client that sent `%20` signed `%2520` (the
 * "double encoding" every non-S3 service uses). With `normalize`, `.`/`..` segments are resolved and empty
 * segments dropped first, as the AWS SDKs do for every service but S3.
 * @internal
 */
export function canonicalPath(path: string, normalize: boolean): string {
  let p = path === "" ? "/" : path;
  // The common case, a path of unreserved characters with nothing to normalise, is its own canonical form.
  if (isPlainPath(p)) return p;
  // Only an absolute path has dot segments to resolve; anything else is signed as it stands.
  if (normalize && p.startsWith("/")) {
    const segments: string[] = [];
    for (const segment of p.split("/")) {
      if (segment === "" || segment === ".") continue;
      if (segment === "..") segments.pop();
      else segments.push(segment);
    }
    const trailing = segments.length > 0 && p.endsWith("/") ? "/" : "";
    p = "/" + segments.join("/") + trailing;
  }
  return uriEncodeBytes(Buffer.from(p, "utf8"), true);
}

/** True when a path needs neither normalising (no empty, `.` or `..` segment) nor any percent-encoding. */
function isPlainPath(path: string): boolean {
  if (path.includes("//") || path.includes("/.")) return false;
  for (let i = 0; i < path.length; i++) {
    const c = path.charCodeAt(i);
    if (c !== 0x2f && !(c < 128 && UNRESERVED[c] === 1)) return false;
  }
  return true;
}

/**
 * The canonical query string: every `key=value` pair decoded, re-encoded strictly, sorted by key then value.
 * `exclude` drops parameters by their decoded name (the signature itself in a presigned URL).
 * @internal
 */
export function canonicalQuery(query: string, exclude?: ReadonlySet<string>): string {
  if (query === "") return "";
  const pairs: [string, string][] = [];
  for (const part of query.split("&")) {
    if (part === "") continue;
    const eq = part.indexOf("=");
    const rawKey = eq === -1 ? part : part.slice(0, eq);
    const rawValue = eq === -1 ? "" : part.slice(eq + 1);
    const keyBytes = percentDecodeToBytes(rawKey);
    if (exclude !== undefined && exclude.has(Buffer.from(keyBytes).toString("utf8"))) continue;
    pairs.push([uriEncodeBytes(keyBytes, false), uriEncodeBytes(percentDecodeToBytes(rawValue), false)]);
  }
  // Encoded strings are ASCII, so code-unit order is byte order, which is what SigV4 sorts by.
  pairs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
  return pairs.map(([k, v]) => `${k}=${v}`).join("&");
}

/** Trims a header value and folds every run of whitespace (including obsolete line folding) to one space. @internal */
export function trimHeaderValue(value: string): string {
  return value.trim().replace(/\s+/g, " ");
}

/**
 * The canonical headers block (each `name:value\n`) for the given lower-case signed header names. Repeated
 * headers are joined with `,` in arrival order — which is why this needs the raw header list and not
 * Node's `req.headers` (that joins with `, `).
 * @internal
 */
export function canonicalHeaders(headers: readonly RawHeader[], signedHeaders: readonly string[]): string {
  const names = sortedNames(signedHeaders);
  const values = new Array<string | undefined>(names.length);
  for (let i = 0; i < headers.length; i++) {
    const [name, value] = headers[i]!;
    const at = names.indexOf(name.toLowerCase());
    if (at !== -1) values[at] = values[at] === undefined ? trimHeaderValue(value) : `${values[at]!},${trimHeaderValue(value)}`;
  }
  let out = "";
  for (let i = 0; i < names.length; i++) out += `${names[i]!}:${values[i] ?? ""}\n`;
  return out;
}

/** The names sorted and without repeats; a list already so (what clients send) is used as it is. */
function sortedNames(names: readonly string[]): readonly string[] {
  for (let i = 1; i < names.length; i++) if (!(names[i - 1]! < names[i]!)) return [...new Set(names)].sort();
  return names;
}

/**
 * The full canonical request.
 * @internal
 */
export function canonicalRequest(
  parts: CanonicalRequestParts,
  signedHeaders: readonly string[],
  options: { readonly normalizePath: boolean; readonly excludeQuery?: ReadonlySet<string> },
): string {
  // Repeated names stay in the signed list as the client wrote them (only the header block has each once).
  const names = [...signedHeaders].sort();
  return (
    `${parts.method.toUpperCase()}\n${canonicalPath(parts.path, options.normalizePath)}\n` +
    `${canonicalQuery(parts.query, options.excludeQuery)}\n${canonicalHeaders(parts.headers, names)}\n${names.join(";")}\n${parts.payloadHash}`
  );
}

/**
 * The string to sign.
 * @internal
 */
export function stringToSign(amzDate: string, scope: string, canonical: string): string {
  return `${ALGORITHM}\n${amzDate}\n${scope}\n${sha256Hex(canonical)}`;
}

/**
 * The signing key for one day, region and service (`kSigning`).
 * @internal
 */
export function signingKey(secretAccessKey: string, date: string, region: string, service: string): Buffer {
  const kDate = createHmac("sha256", `AWS4${secretAccessKey}`).update(date).digest();
  const kRegion = createHmac("sha256", kDate).update(region).digest();
  const kService = createHmac("sha256", kRegion).update(service).digest();
  return createHmac("sha256", kService).update("aws4_request").digest();
}

/**
 * The hex signature of a string to sign.
 * @internal
 */
export function signString(key: Buffer, toSign: string): string {
  return createHmac("sha256", key).update(toSign).digest("hex");
}
