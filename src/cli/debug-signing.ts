/**
 * The SigV4 canonical request and string to sign of a signed request, rebuilt from what was sent (method,
 * path, query, the headers the `Authorization` header lists, the payload hash) so that `--debug` can print
 * them as the AWS CLI does. A session token's value is redacted.
 *
 * @packageDocumentation
 */
import { createHash } from "node:crypto";
import type { HttpRequest } from "@smithy/types";

const REDACTED = "***SensitiveInformation***";

function sha256(data: string | Uint8Array): string {
  return createHash("sha256").update(data).digest("hex");
}

/** RFC 3986 encoding, as SigV4 wants it. */
function escape(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function header(request: HttpRequest, name: string): string | undefined {
  const key = Object.keys(request.headers).find((k) => k.toLowerCase() === name);
  return key === undefined ? undefined : request.headers[key];
}

function canonicalQuery(query: HttpRequest["query"]): string {
  const pairs: string[] = [];
  for (const key of Object.keys(query ?? {}).sort()) {
    if (key.toLowerCase() === "x-amz-signature") continue;
    const value = query![key];
    const values = Array.isArray(value) ? [...value].sort() : [value ?? ""];
    for (const v of values) pairs.push(`${escape(key)}=${escape(v ?? "")}`);
  }
  return pairs.join("&");
}

function canonicalPath(path: string): string {
  const segments: string[] = [];
  for (const segment of path.split("/")) {
    if (segment === "" || segment === ".") continue;
    if (segment === "..") segments.pop();
    else segments.push(segment);
  }
  const normalised = `${path.startsWith("/") ? "/" : ""}${segments.join("/")}${segments.length > 0 && path.endsWith("/") ? "/" : ""}`;
  return encodeURIComponent(normalised).replace(/%2F/g, "/");
}

/**
 * The two blocks, or undefined for an unsigned request.
 * @internal
 */
export function signingLog(request: HttpRequest): { canonicalRequest: string; stringToSign: string } | undefined {
  const authorization = header(request, "authorization");
  const date = header(request, "x-amz-date");
  const match = authorization === undefined ? null : /^(\S+) Credential=[^/]+\/([^,]+), SignedHeaders=([^,]+),/.exec(authorization);
  if (match === null || date === undefined) return undefined;
  const [, algorithm, scope, signed] = match;
  const names = signed!.split(";");
  const body = request.body instanceof Uint8Array || typeof request.body === "string" ? request.body : "";
  const payload = header(request, "x-amz-content-sha256") ?? sha256(body);
  const canonical = [
    request.method,
    canonicalPath(request.path),
    canonicalQuery(request.query),
    ...names.map((name) => `${name}:${(header(request, name) ?? "").trim().replace(/\s+/g, " ")}`),
    "",
    signed,
    payload,
  ].join("\n");
  const shown = canonical.replace(/^(x-amz-security-token:).*$/m, `$1${REDACTED}`);
  return { canonicalRequest: shown, stringToSign: [algorithm, date, scope, sha256(canonical)].join("\n") };
}
