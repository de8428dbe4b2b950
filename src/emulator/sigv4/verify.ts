/**
 * SigV4 request verification for the emulator: decides whether a raw request was signed by a known key for
 * this service and region within the allowed clock skew, and if not, which AWS error code and message the
 * real service would answer with.
 *
 * Supports the `Authorization` header form and the presigned query-string form, session tokens
 * (`X-Amz-Security-Token`, signed or added after signing) and `X-Amz-Date` or `Date`.
 *
 * @packageDocumentation
 */
import { timingSafeEqual } from "node:crypto";
import {
  ALGORITHM,
  EMPTY_SHA256,
  canonicalRequest,
  percentDecodeToBytes,
  sha256Hex,
  signString,
  signingKey,
  stringToSign,
  type RawHeader,
} from "./canonical.js";

/**
 * A key pair the emulator accepts. With `sessionToken`, requests must carry exactly that token.
 * @public
 */
export interface EmulatorCredential {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string | undefined;
}

/**
 * How to verify.
 * @internal
 */
export interface VerifierOptions {
  readonly credentials: readonly EmulatorCredential[];
  readonly region: string;
  /** The signing name, e.g. `iotmanagedintegrations`. */
  readonly service: string;
  readonly now: () => Date;
  /** Allowed distance between the signed date and `now`; 15 minutes as on AWS. */
  readonly maxSkewMs?: number;
  /** Remove dot segments and empty segments before encoding the path (every service but S3 does). */
  readonly normalizePath?: boolean;
}

/**
 * A request as read off the socket.
 * @internal
 */
export interface VerifiableRequest {
  readonly method: string;
  /** Undecoded path without the query string. */
  readonly path: string;
  /** Raw query string without `?`. */
  readonly query: string;
  readonly headers: readonly RawHeader[];
  readonly body: Uint8Array;
}

/**
 * Why a request was refused, as the AWS error code the service sends (always HTTP 403).
 * @public
 */
export type AuthErrorCode =
  | "MissingAuthenticationTokenException"
  | "IncompleteSignatureException"
  | "UnrecognizedClientException"
  | "InvalidSignatureException";

/**
 * The verdict on one request.
 * @internal
 */
export type VerifyResult =
  | { readonly ok: true; readonly accessKeyId: string }
  | { readonly ok: false; readonly code: AuthErrorCode; readonly message: string };

/**
 * The verdict on a request's head: refused, or acceptable so far, to be finished with the body.
 * @internal
 */
export type HeadVerdict =
  | { readonly ok: false; readonly code: AuthErrorCode; readonly message: string }
  | {
      readonly ok: true;
      /**
       * The signature itself is already proven: it covers a signed `x-amz-content-sha256` hash, checked without the
       * body; `finish` only compares the body with that hash.
       */
      readonly proven: boolean;
      readonly finish: (body: Uint8Array) => VerifyResult;
    };

/** The pieces of a SigV4 signature, whichever form carried them. */
interface SignatureClaim {
  readonly credential: string;
  readonly signedHeaders: readonly string[];
  readonly signature: string;
  readonly amzDate: string | undefined;
  readonly sessionToken: string | undefined;
  /** Presigned URLs only: the lifetime in seconds. */
  readonly expiresSeconds?: number;
  readonly presigned: boolean;
}

const SIGNATURE_MISMATCH =
  "The request signature we calculated does not match the signature you provided. Check your AWS Secret " +
  "Access Key and signing method. Consult the service documentation for details.";
const INVALID_TOKEN = "The security token included in the request is invalid.";
const FIFTEEN_MINUTES = 15 * 60 * 1000;
const PRESIGNED_SIGNATURE: ReadonlySet<string> = new Set(["X-Amz-Signature"]);
const PRESIGNED_SIGNATURE_AND_TOKEN: ReadonlySet<string> = new Set(["X-Amz-Signature", "X-Amz-Security-Token"]);

/**
 * Verifies SigV4 signatures against a fixed set of keys.
 * @internal
 */
export class SigV4Verifier {
  readonly #keys: Map<string, EmulatorCredential>;
  readonly #options: VerifierOptions;
  // Deriving a signing key costs four HMACs; clients reuse one key all day.
  readonly #keyCache = new Map<string, Buffer>();

  constructor(options: VerifierOptions) {
    this.#options = options;
    this.#keys = new Map(options.credentials.map((c) => [c.accessKeyId, c]));
  }

  /** Checks one request. Never throws for anything a client can send. */
  verify(request: VerifiableRequest): VerifyResult {
    const head = this.checkHead(request);
    return head.ok ? head.finish(request.body) : head;
  }

  /**
   * Everything that can be checked before the body arrives (the signature itself covers the body's hash):
   * presence and form of the signature, key, session token, scope, date and clock skew. A request refused here
   * need not be read further.
   */
  checkHead(request: Omit<VerifiableRequest, "body">): HeadVerdict {
    const found = authHeaders(request.headers);
    const claimOrError = readClaim(request, found);
    if ("code" in claimOrError) return { ok: false, ...claimOrError };
    const claim = claimOrError;

    const scope = claim.credential.split("/");
    if (scope.length !== 5 || scope.some((part) => part === "")) {
      return fail("IncompleteSignatureException", `Credential '${scope[0] ?? ""}/...' is not of the form <key>/<date>/<region>/<service>/aws4_request.`);
    }
    const [accessKeyId, scopeDate, scopeRegion, scopeService, terminator] = scope as [string, string, string, string, string];

    const key = this.#keys.get(accessKeyId);
    if (key === undefined) return fail("UnrecognizedClientException", INVALID_TOKEN);
    if ((key.sessionToken ?? undefined) !== claim.sessionToken) return fail("UnrecognizedClientException", INVALID_TOKEN);

    if (claim.amzDate === undefined) {
      return fail("IncompleteSignatureException", "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
    }
    const signedAt = parseAmzDate(claim.amzDate);
    if (signedAt === undefined) {
      return fail("IncompleteSignatureException", `Date must be in ISO-8601 'basic format'. Got '${claim.amzDate}'.`);
    }
    if (scopeDate !== claim.amzDate.slice(0, 8)) {
      return fail(
        "InvalidSignatureException",
        `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${scopeDate}' != '${claim.amzDate.slice(0, 8)}', from '${claim.amzDate}'.`,
      );
    }
    if (scopeRegion !== this.#options.region) {
      return fail("InvalidSignatureException", `Credential should be scoped to a valid region, not '${scopeRegion}'.`);
    }
    if (scopeService !== this.#options.service) {
      return fail("InvalidSignatureException", `Credential should be scoped to correct service: '${this.#options.service}'.`);
    }
    if (terminator !== "aws4_request") {
      return fail("InvalidSignatureException", `Credential should be scoped with a valid terminator: 'aws4_request', not '${terminator}'.`);
    }
    if (!claim.signedHeaders.includes("host")) {
      return fail("InvalidSignatureException", "'Host' must be a 'SignedHeader' in the AWS Authorization.");
    }

    const now = this.#options.now();
    const skewError = checkSkew(claim, signedAt, now, this.#options.maxSkewMs ?? FIFTEEN_MINUTES);
    if (skewError !== undefined) return fail("InvalidSignatureException", skewError);

    const check: SignatureCheck = {
      request,
      claim,
      key: this.#signingKey(key.secretAccessKey, scopeDate, scopeRegion, scopeService),
      scope: `${scopeDate}/${scopeRegion}/${scopeService}/aws4_request`,
      normalizePath: this.#options.normalizePath ?? true,
    };
    const accepted: VerifyResult = { ok: true, accessKeyId };
    // A signed x-amz-content-sha256 lets the whole signature be checked on the headers: a forged request is
    // refused before its body is read, and the body must then hash to the signed value.
    const claimedHash = claim.signedHeaders.includes("x-amz-content-sha256") ? found.contentSha256 : [];
    if (claimedHash.length === 1 && /^[0-9a-fA-F]{64}$/.test(claimedHash[0]!)) {
      const signedHash = claimedHash[0]!.toLowerCase();
      if (!signatureMatches(check, signedHash)) return MISMATCH;
      return { ok: true, proven: true, finish: (body) => (bodyHash(body) === signedHash ? accepted : MISMATCH) };
    }
    return { ok: true, proven: false, finish: (body) => (signatureMatches(check, bodyHash(body)) ? accepted : MISMATCH) };
  }

  #signingKey(secret: string, date: string, region: string, service: string): Buffer {
    const cacheKey = `${secret}\n${date}\n${region}\n${service}`;
    let key = this.#keyCache.get(cacheKey);
    if (key === undefined) {
      if (this.#keyCache.size > 64) this.#keyCache.clear();
      key = signingKey(secret, date, region, service);
      this.#keyCache.set(cacheKey, key);
    }
    return key;
  }
}

/** What a signature is checked with, once the claim's scope, key and date have passed. */
interface SignatureCheck {
  readonly request: Omit<VerifiableRequest, "body">;
  readonly claim: SignatureClaim;
  readonly key: Buffer;
  readonly scope: string;
  readonly normalizePath: boolean;
}

const MISMATCH = { ok: false, code: "InvalidSignatureException", message: SIGNATURE_MISMATCH } as const;

/** The payload hash always comes from the body received, never from what the client claims it was. */
function bodyHash(body: Uint8Array): string {
  // Every GET and DELETE has no body: skip hashing nothing.
  return body.length === 0 ? EMPTY_SHA256 : sha256Hex(body);
}

/** Does the claimed signature match the request with this payload hash? */
function signatureMatches(check: SignatureCheck, payloadHash: string): boolean {
  const { request, claim } = check;
  const parts = { method: request.method, path: request.path, query: request.query, headers: request.headers, payloadHash };
  if (!claim.presigned) return signedWith(check, canonicalRequest(parts, claim.signedHeaders, { normalizePath: check.normalizePath }));
  // A presigned URL's session token may have been appended after signing (and so not be signed).
  return (
    signedWith(check, canonicalRequest(parts, claim.signedHeaders, { normalizePath: check.normalizePath, excludeQuery: PRESIGNED_SIGNATURE })) ||
    (claim.sessionToken !== undefined &&
      signedWith(check, canonicalRequest(parts, claim.signedHeaders, { normalizePath: check.normalizePath, excludeQuery: PRESIGNED_SIGNATURE_AND_TOKEN })))
  );
}

function signedWith(check: SignatureCheck, canonical: string): boolean {
  return sameHex(signString(check.key, stringToSign(check.claim.amzDate!, check.scope, canonical)), check.claim.signature);
}

function fail(code: AuthErrorCode, message: string): { readonly ok: false; readonly code: AuthErrorCode; readonly message: string } {
  return { ok: false, code, message };
}


/** The headers verification reads, every value in arrival order. */
interface AuthHeaders {
  readonly authorization: string[];
  readonly securityToken: string[];
  readonly amzDate: string[];
  readonly date: string[];
  readonly contentSha256: string[];
}

/** Gathers the headers verification reads in one pass over the raw list (names compared case-insensitively). */
function authHeaders(headers: readonly RawHeader[]): AuthHeaders {
  const found: AuthHeaders = { authorization: [], securityToken: [], amzDate: [], date: [], contentSha256: [] };
  for (let i = 0; i < headers.length; i++) {
    const [name, value] = headers[i]!;
    // Lower-casing keeps a name's length: only names of a wanted length are lower-cased and compared.
    switch (name.length) {
      case 4:
        if (name.toLowerCase() === "date") found.date.push(value);
        break;
      case 10:
        if (name.toLowerCase() === "x-amz-date") found.amzDate.push(value);
        break;
      case 13:
        if (name.toLowerCase() === "authorization") found.authorization.push(value);
        break;
      case 20: {
        const lower = name.toLowerCase();
        if (lower === "x-amz-security-token") found.securityToken.push(value);
        else if (lower === "x-amz-content-sha256") found.contentSha256.push(value);
        break;
      }
    }
  }
  return found;
}

/** Decoded query parameters, first value wins (enough for the X-Amz-* parameters of a presigned URL). */
function queryParams(query: string): Map<string, string> {
  const params = new Map<string, string>();
  for (const part of query.split("&")) {
    if (part === "") continue;
    const eq = part.indexOf("=");
    const key = Buffer.from(percentDecodeToBytes(eq === -1 ? part : part.slice(0, eq))).toString("utf8");
    const value = eq === -1 ? "" : Buffer.from(percentDecodeToBytes(part.slice(eq + 1))).toString("utf8");
    if (!params.has(key)) params.set(key, value);
  }
  return params;
}

function readClaim(request: Omit<VerifiableRequest, "body">, found: AuthHeaders): SignatureClaim | { code: AuthErrorCode; message: string } {
  const { authorization, securityToken: tokens } = found;
  if (authorization.length > 1 || tokens.length > 1) {
    return { code: "IncompleteSignatureException", message: "Repeated Authorization or X-Amz-Security-Token header." };
  }
  if (authorization.length === 1) return readHeaderClaim(authorization[0]!, found, tokens[0]);

  const params = request.query.includes("X-Amz-") ? queryParams(request.query) : new Map<string, string>();
  if (params.has("X-Amz-Algorithm") || params.has("X-Amz-Signature")) return readPresignedClaim(params);
  return { code: "MissingAuthenticationTokenException", message: "Missing Authentication Token" };
}

function readHeaderClaim(
  authorization: string,
  found: AuthHeaders,
  sessionToken: string | undefined,
): SignatureClaim | { code: AuthErrorCode; message: string } {
  const space = authorization.indexOf(" ");
  const algorithm = space === -1 ? authorization : authorization.slice(0, space);
  if (algorithm !== ALGORITHM) {
    return { code: "IncompleteSignatureException", message: `Unsupported AWS 'algorithm': '${algorithm}'.` };
  }
  const fields = new Map<string, string>();
  for (const item of authorization.slice(space + 1).split(",")) {
    const trimmed = item.trim();
    const eq = trimmed.indexOf("=");
    if (eq > 0) fields.set(trimmed.slice(0, eq), trimmed.slice(eq + 1));
  }
  const missing = ["Credential", "SignedHeaders", "Signature"].filter((name) => !fields.has(name));
  if (missing.length > 0) {
    return {
      code: "IncompleteSignatureException",
      message: missing.map((name) => `Authorization header requires '${name}' parameter.`).join(" "),
    };
  }
  let amzDate = found.amzDate[0];
  if (amzDate === undefined && found.date[0] !== undefined) amzDate = httpDateToAmzDate(found.date[0]);
  return {
    credential: fields.get("Credential")!,
    signedHeaders: fields.get("SignedHeaders")!.split(";").filter((h) => h !== ""),
    signature: fields.get("Signature")!,
    amzDate,
    sessionToken,
    presigned: false,
  };
}

function readPresignedClaim(params: Map<string, string>): SignatureClaim | { code: AuthErrorCode; message: string } {
  const algorithm = params.get("X-Amz-Algorithm");
  if (algorithm !== ALGORITHM) {
    return { code: "IncompleteSignatureException", message: `Unsupported AWS 'algorithm': '${algorithm ?? ""}'.` };
  }
  const required = ["X-Amz-Credential", "X-Amz-SignedHeaders", "X-Amz-Signature", "X-Amz-Date"];
  const missing = required.filter((name) => !params.has(name));
  if (missing.length > 0) {
    return { code: "IncompleteSignatureException", message: missing.map((n) => `Query-string authentication requires the '${n}' parameter.`).join(" ") };
  }
  const expires = params.get("X-Amz-Expires");
  const expiresSeconds = expires === undefined ? undefined : Number(expires);
  if (expiresSeconds !== undefined && !(Number.isInteger(expiresSeconds) && expiresSeconds >= 0 && expiresSeconds <= 604800)) {
    return { code: "IncompleteSignatureException", message: "X-Amz-Expires must be an integer between 0 and 604800 seconds." };
  }
  return {
    credential: params.get("X-Amz-Credential")!,
    signedHeaders: params.get("X-Amz-SignedHeaders")!.split(";").filter((h) => h !== ""),
    signature: params.get("X-Amz-Signature")!,
    amzDate: params.get("X-Amz-Date"),
    sessionToken: params.get("X-Amz-Security-Token"),
    ...(expiresSeconds !== undefined ? { expiresSeconds } : {}),
    presigned: true,
  };
}

function checkSkew(claim: SignatureClaim, signedAt: Date, now: Date, maxSkewMs: number): string | undefined {
  const nowMs = now.getTime();
  const signedMs = signedAt.getTime();
  if (claim.presigned && claim.expiresSeconds !== undefined) {
    // A presigned URL is valid from its date for its lifetime (the real services also allow the same skew ahead).
    if (nowMs > signedMs + claim.expiresSeconds * 1000) {
      return `Signature expired: ${claim.amzDate!} is now earlier than ${formatAmzDate(new Date(nowMs - claim.expiresSeconds * 1000))} (${formatAmzDate(now)} - ${claim.expiresSeconds} sec.)`;
    }
    if (signedMs > nowMs + maxSkewMs) return notYetCurrent(claim.amzDate!, now, maxSkewMs);
    return undefined;
  }
  if (signedMs < nowMs - maxSkewMs) {
    return `Signature expired: ${claim.amzDate!} is now earlier than ${formatAmzDate(new Date(nowMs - maxSkewMs))} (${formatAmzDate(now)} - ${maxSkewMs / 60000} min.)`;
  }
  if (signedMs > nowMs + maxSkewMs) return notYetCurrent(claim.amzDate!, now, maxSkewMs);
  return undefined;
}

function notYetCurrent(amzDate: string, now: Date, maxSkewMs: number): string {
  return `Signature not yet current: ${amzDate} is still later than ${formatAmzDate(new Date(now.getTime() + maxSkewMs))} (${formatAmzDate(now)} + ${maxSkewMs / 60000} min.)`;
}

/** The last date parsed: requests signed within the same second carry the same text. */
let lastAmzDate: { readonly text: string; readonly date: Date | undefined } = { text: "", date: undefined };

/** `20150830T123600Z` → Date, or undefined when malformed. The Date may be shared: read it, never change it. @internal */
export function parseAmzDate(text: string): Date | undefined {
  if (text === lastAmzDate.text) return lastAmzDate.date;
  const date = parseAmzDateText(text);
  lastAmzDate = { text, date };
  return date;
}

function parseAmzDateText(text: string): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(text);
  if (m === null) return undefined;
  const [, y, mo, d, h, mi, s] = m as unknown as [string, string, string, string, string, string, string];
  const date = new Date(Date.UTC(+y, +mo - 1, +d, +h, +mi, +s));
  // Reject dates like 20150231 that Date.UTC would silently roll over.
  return date.getUTCDate() === +d && date.getUTCMonth() === +mo - 1 ? date : undefined;
}

/** Date → `20150830T123600Z`. @internal */
export function formatAmzDate(date: Date): string {
  return date.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
}

function httpDateToAmzDate(text: string): string | undefined {
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : formatAmzDate(new Date(ms));
}

/** Constant-time comparison of two hex signatures. */
function sameHex(expected: string, given: string): boolean {
  if (given.length !== expected.length) return false;
  return timingSafeEqual(Buffer.from(expected, "latin1"), Buffer.from(given.toLowerCase(), "latin1"));
}
