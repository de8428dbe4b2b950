/**
 * Runs the SigV4 suite (aws-c-auth `v4` cases, see ../shared/sigv4/README.md) in both directions:
 *
 * - client: the client's own header signer (`HeaderSigner` of src/runtime/client/signing.ts), configured as the
 *   client configures it except where the case's context says otherwise (`sign_body` → `applyChecksum`,
 *   `normalize: false` → `uriEscapePath: false` with the path URI-encoded by us, as a serializer would,
 *   `omit_session_token` → token added after signing). Suites `sigv4 sign` and `sigv4 sign (node:crypto)` give it
 *   each default hash the client ships wrapped in a recording hash, which it calls through `new` (the canonical
 *   request and string to sign are observed: the signer hashes the first, HMACs the second, and both are compared
 *   with the suite); `sigv4 sign (node:crypto, in place)` gives it Node's default hash itself, whose one-shot
 *   digests the signer calls directly — the path every Node call takes — and compares what that path makes
 *   visible: the Authorization header and the headers the signer adds. Presigning (suites `sigv4 presign…`) is
 *   not part of the client: those suites check `@smithy/signature-v4`'s `SignatureV4.presign` the same way.
 * - emulator: `SigV4Verifier` (src/emulator/sigv4/verify.ts) must accept each signed request (header and
 *   presigned form), and reject it after any single character of a signed header value, the path, the
 *   query or the body is changed — except changes that provably do not alter what is signed (a path edit
 *   that normalisation removes), which are not counted.
 */
import { Sha256 } from "@aws-crypto/sha256-js";
import { HttpRequest } from "@smithy/protocol-http";
import { SignatureV4 } from "@smithy/signature-v4";
import type { SourceData } from "@smithy/types";
import { NodeSha256 } from "../../src/runtime/client/default-hash.node.js";
import { HeaderSigner } from "../../src/runtime/client/signing.js";
import { SigV4Verifier, type VerifiableRequest } from "../../src/emulator/sigv4/verify.js";
import { utf8 } from "./compare.js";
import { parseRawRequest, type RawRequest } from "./raw-http.js";
import { outcomeOf, type TestResult } from "./report.js";
import { skipReason, SKIPS, type Skip } from "./skips.js";

/** One case of suite.json. @internal */
export interface SigV4Case {
  readonly name: string;
  readonly context: {
    readonly normalize: boolean;
    readonly sign_body: boolean;
    readonly omit_session_token: boolean;
    readonly session_token?: string;
    readonly expiration_in_seconds: number;
  };
  readonly request: string;
  readonly canonicalRequest: string;
  readonly stringToSign: string;
  readonly signature: string;
  readonly authorization: string;
  readonly signedRequest: string;
  readonly presigned?: { readonly canonicalRequest: string; readonly stringToSign: string; readonly signature: string; readonly signedRequest: string };
}

/** suite.json. @internal */
export interface SigV4Suite {
  readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string };
  readonly region: string;
  readonly service: string;
  /** `20150830T123600Z`. */
  readonly date: string;
  /** ISO-8601 form of `date`. */
  readonly timestamp: string;
  readonly cases: readonly SigV4Case[];
}

type HashLog = { keyed: boolean; text: string }[];

/** The hashes the client signs with by default: everywhere, and in Node. @internal */
export const SIGNING_HASHES = { "sha256-js": Sha256, "node:crypto": NodeSha256 } as const;
/** @internal */
export type SigningHash = keyof typeof SIGNING_HASHES;

/** A hash that records what it was fed, so the signer's intermediate strings become observable. */
function recordingSha256(log: HashLog, hash: SigningHash) {
  const Inner = SIGNING_HASHES[hash];
  return class RecordingSha256 {
    readonly #inner: { update(data: SourceData): void; digest(): Promise<Uint8Array>; reset(): void };
    readonly #keyed: boolean;
    #chunks: Uint8Array[] = [];
    constructor(secret?: SourceData) {
      this.#inner = new Inner(secret);
      this.#keyed = secret !== undefined;
    }
    update(data: SourceData): void {
      this.#inner.update(data);
      this.#chunks.push(typeof data === "string" ? utf8(data) : new Uint8Array(ArrayBuffer.isView(data) ? data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) : data));
    }
    digest(): Promise<Uint8Array> {
      log.push({ keyed: this.#keyed, text: Buffer.concat(this.#chunks).toString("utf8") });
      return this.#inner.digest();
    }
    reset(): void {
      this.#inner.reset();
      this.#chunks = [];
    }
  };
}

/** Percent-encodes a path as a serializer does (everything but unreserved characters and `/`). */
function encodePath(path: string): string {
  let out = "";
  for (const b of utf8(path)) {
    const c = String.fromCharCode(b);
    out += /[A-Za-z0-9\-._~/]/.test(c) ? c : `%${b.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return out;
}

function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

/** The raw request as the `HttpRequest` a client would hand to the signer. */
function toHttpRequest(raw: RawRequest, normalize: boolean): HttpRequest {
  const headers: Record<string, string> = {};
  const original: Record<string, string> = {};
  for (const [name, value] of raw.headers) {
    const key = name.toLowerCase();
    // One record entry per header name: repeated headers join with "," as SigV4 joins them.
    if (key in original) headers[original[key]!] = `${headers[original[key]!]},${value}`;
    else {
      original[key] = name;
      headers[name] = value;
    }
  }
  const query: Record<string, string | string[]> = {};
  for (const part of raw.query.split("&")) {
    if (part === "") continue;
    const eq = part.indexOf("=");
    const key = safeDecode(eq === -1 ? part : part.slice(0, eq));
    const value = eq === -1 ? "" : safeDecode(part.slice(eq + 1));
    const existing = query[key];
    query[key] = existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  const host = raw.headers.find(([n]) => n.toLowerCase() === "host")?.[1] ?? "";
  return new HttpRequest({
    method: raw.method,
    protocol: "https:",
    hostname: host,
    // With uriEscapePath the signer normalises and encodes; without, it signs the path as given, encoded.
    path: normalize ? raw.path : encodePath(raw.path),
    query,
    headers,
    ...(raw.body === "" ? {} : { body: raw.body }),
  });
}

/** What both signers are built from for a case: its credentials (with the token unless omitted) and context. */
function signerInit(suite: SigV4Suite, c: SigV4Case, sha256: ConstructorParameters<typeof SignatureV4>[0]["sha256"]): ConstructorParameters<typeof SignatureV4>[0] {
  const token = c.context.session_token !== undefined && !c.context.omit_session_token ? c.context.session_token : undefined;
  return {
    credentials: { ...suite.credentials, ...(token === undefined ? {} : { sessionToken: token }) },
    region: suite.region,
    service: suite.service,
    sha256,
    uriEscapePath: c.context.normalize,
    applyChecksum: c.context.sign_body,
  };
}

function lastLogged(log: HashLog, keyed: boolean, prefix: string): string | undefined {
  for (let i = log.length - 1; i >= 0; i--) if (log[i]!.keyed === keyed && log[i]!.text.startsWith(prefix)) return log[i]!.text;
  return undefined;
}

function header(headers: Record<string, string>, name: string): string | undefined {
  for (const [k, v] of Object.entries(headers)) if (k.toLowerCase() === name.toLowerCase()) return v;
  return undefined;
}

/**
 * Header-form signing of one case by the client's signer: with `hash` wrapped in a recording hash (intermediate
 * strings compared too), or, for `"in place"`, with Node's default hash as the client uses it. @internal
 */
export async function checkSign(suite: SigV4Suite, c: SigV4Case, hash: SigningHash | "in place" = "sha256-js"): Promise<string | undefined> {
  const log: HashLog = [];
  const raw = parseRawRequest(c.request);
  const signer = new HeaderSigner(signerInit(suite, c, hash === "in place" ? NodeSha256 : recordingSha256(log, hash)));
  const signed = await signer.signHeaders(toHttpRequest(raw, c.context.normalize), new Date(suite.timestamp), suite.region, suite.service);
  if (c.context.omit_session_token && c.context.session_token !== undefined) signed.headers["X-Amz-Security-Token"] = c.context.session_token;
  const problems: string[] = [];
  if (hash !== "in place") {
    const canonical = lastLogged(log, false, `${raw.method}\n`);
    if (canonical !== c.canonicalRequest) problems.push(`canonical request: expected ${JSON.stringify(c.canonicalRequest)}, got ${JSON.stringify(canonical)}`);
    const toSign = lastLogged(log, true, "AWS4-HMAC-SHA256\n");
    if (toSign !== c.stringToSign) problems.push(`string to sign: expected ${JSON.stringify(c.stringToSign)}, got ${JSON.stringify(toSign)}`);
  }
  const authorization = header(signed.headers, "authorization");
  if (authorization !== c.authorization) problems.push(`Authorization: expected ${c.authorization}, got ${authorization ?? "none"}`);
  // Every header of the expected signed request must be on the signed request with the same value.
  const expected = toHttpRequest(parseRawRequest(c.signedRequest), true).headers;
  for (const [name, value] of Object.entries(expected)) {
    if (name.toLowerCase() === "authorization") continue;
    const got = header(signed.headers, name);
    if (got !== value) problems.push(`header ${name}: expected ${JSON.stringify(value)}, got ${got === undefined ? "none" : JSON.stringify(got)}`);
  }
  for (const name of Object.keys(signed.headers)) {
    if (header(expected, name) === undefined) problems.push(`unexpected header ${name}`);
  }
  return problems.length === 0 ? undefined : problems.join("; ");
}

/** Query-string (presigned) signing of one case. @internal */
export async function checkPresign(suite: SigV4Suite, c: SigV4Case, hash: SigningHash = "sha256-js"): Promise<string | undefined> {
  const p = c.presigned;
  if (p === undefined) return "the case has no presigned variant";
  const log: HashLog = [];
  const raw = parseRawRequest(c.request);
  const presigned = await new SignatureV4(signerInit(suite, { ...c, context: { ...c.context, sign_body: false } }, recordingSha256(log, hash))).presign(toHttpRequest(raw, c.context.normalize), {
    signingDate: new Date(suite.timestamp),
    expiresIn: c.context.expiration_in_seconds,
  });
  const problems: string[] = [];
  const canonical = lastLogged(log, false, `${raw.method}\n`);
  if (canonical !== p.canonicalRequest) problems.push(`canonical request: expected ${JSON.stringify(p.canonicalRequest)}, got ${JSON.stringify(canonical)}`);
  const toSign = lastLogged(log, true, "AWS4-HMAC-SHA256\n");
  if (toSign !== p.stringToSign) problems.push(`string to sign: expected ${JSON.stringify(p.stringToSign)}, got ${JSON.stringify(toSign)}`);
  const signature = presigned.query?.["X-Amz-Signature"];
  if (signature !== p.signature) problems.push(`X-Amz-Signature: expected ${p.signature}, got ${String(signature)}`);
  return problems.length === 0 ? undefined : problems.join("; ");
}

function verifierFor(suite: SigV4Suite, c: SigV4Case): SigV4Verifier {
  return new SigV4Verifier({
    credentials: [{ ...suite.credentials, sessionToken: c.context.session_token }],
    region: suite.region,
    service: suite.service,
    now: () => new Date(suite.timestamp),
    normalizePath: c.context.normalize,
  });
}

function verifiable(raw: RawRequest): VerifiableRequest {
  return { method: raw.method, path: raw.path, query: raw.query, headers: raw.headers, body: utf8(raw.body) };
}

/** The verifier accepts the suite's signed request (header form, and presigned form when present). @internal */
export function checkVerify(suite: SigV4Suite, c: SigV4Case, form: "header" | "presigned"): string | undefined {
  const text = form === "header" ? c.signedRequest : c.presigned?.signedRequest;
  if (text === undefined) return "the case has no presigned variant";
  const result = verifierFor(suite, c).verify(verifiable(parseRawRequest(text)));
  return result.ok ? undefined : `rejected: ${result.code}: ${result.message}`;
}

/** `.`/`..`/empty segments resolved, as path normalisation does; used only to rule out no-op path edits. */
function normalizedPath(path: string): string {
  const segments: string[] = [];
  for (const s of path.split("/")) {
    if (s === "" || s === ".") continue;
    if (s === "..") segments.pop();
    else segments.push(s);
  }
  return `/${segments.join("/")}${segments.length > 0 && path.endsWith("/") ? "/" : ""}`;
}

/** Every string obtained by replacing one character of `text` by a non-whitespace character it is not. */
function* oneCharEdits(text: string): Generator<[number, string]> {
  const chars = [...text];
  for (let i = 0; i < chars.length; i++) {
    const replacement = chars[i]!.toUpperCase() === "X" ? "Y" : "X";
    yield [i, [...chars.slice(0, i), replacement, ...chars.slice(i + 1)].join("")];
  }
}

/**
 * The verifier rejects the signed request after any one-character change of a signed header value, the
 * path, the query or the body. Returns the problem or undefined; `tried` counts the edits checked.
 * @internal
 */
export function checkTamper(suite: SigV4Suite, c: SigV4Case): { problem: string | undefined; tried: number } {
  const raw = parseRawRequest(c.signedRequest);
  const verifier = verifierFor(suite, c);
  const authorization = raw.headers.find(([n]) => n.toLowerCase() === "authorization")?.[1] ?? "";
  const signed = new Set((/SignedHeaders=([^,\s]+)/.exec(authorization)?.[1] ?? "").split(";"));
  const accepted: string[] = [];
  let tried = 0;
  const attempt = (what: string, request: RawRequest): void => {
    tried++;
    if (verifier.verify(verifiable(request)).ok) accepted.push(what);
  };

  raw.headers.forEach(([name, value], index) => {
    if (!signed.has(name.toLowerCase())) return;
    for (const [i, edited] of oneCharEdits(value)) {
      const headers = raw.headers.map((h, j) => (j === index ? ([h[0], edited] as const) : h));
      attempt(`header ${name}[${i}]`, { ...raw, headers });
    }
  });
  for (const [i, edited] of oneCharEdits(raw.path)) {
    if (c.context.normalize && normalizedPath(edited) === normalizedPath(raw.path)) continue;
    attempt(`path[${i}] ${JSON.stringify(edited)}`, { ...raw, path: edited });
  }
  for (const [i, edited] of oneCharEdits(raw.query)) attempt(`query[${i}] ${JSON.stringify(edited)}`, { ...raw, query: edited });
  for (const [i, edited] of oneCharEdits(raw.body)) attempt(`body[${i}]`, { ...raw, body: edited });

  if (accepted.length === 0) return { problem: undefined, tried };
  return { problem: `accepted ${accepted.length} of ${tried} tampered requests: ${accepted.slice(0, 5).join(", ")}`, tried };
}

/**
 * Runs all four directions over every case; suites `sigv4 sign`, `sigv4 presign` (and both again with the
 * node:crypto hash), `sigv4 sign (node:crypto, in place)`, `sigv4 verify`, `sigv4 verify-presigned`, `sigv4 tamper`.
 * @internal
 */
export async function runSigV4Suite(suite: SigV4Suite, skips: readonly Skip[] = SKIPS): Promise<TestResult[]> {
  const results: TestResult[] = [];
  const run = async (name: string, c: SigV4Case, check: () => Promise<string | undefined> | string | undefined): Promise<void> => {
    const reason = skipReason(`${name}/${c.name}`, skips);
    results.push({ suite: name, id: c.name, outcome: reason !== undefined ? { status: "skip", reason } : await outcomeOf(check) });
  };
  for (const c of suite.cases) await run("sigv4 sign", c, () => checkSign(suite, c, "sha256-js"));
  for (const c of suite.cases) await run("sigv4 presign", c, () => checkPresign(suite, c, "sha256-js"));
  for (const c of suite.cases) await run("sigv4 sign (node:crypto)", c, () => checkSign(suite, c, "node:crypto"));
  for (const c of suite.cases) await run("sigv4 presign (node:crypto)", c, () => checkPresign(suite, c, "node:crypto"));
  for (const c of suite.cases) await run("sigv4 sign (node:crypto, in place)", c, () => checkSign(suite, c, "in place"));
  for (const c of suite.cases) await run("sigv4 verify", c, () => checkVerify(suite, c, "header"));
  for (const c of suite.cases) await run("sigv4 verify-presigned", c, () => checkVerify(suite, c, "presigned"));
  for (const c of suite.cases) await run("sigv4 tamper", c, () => checkTamper(suite, c).problem);
  return results;
}
