/**
 * SigV4 signing with the AWS SDK's signer, and clock-skew tracking from the service's `Date` header.
 */
import { toHex, toUint8Array } from "@smithy/core/serde";
import {
  ALGORITHM_IDENTIFIER,
  ALWAYS_UNSIGNABLE_HEADERS,
  AMZ_DATE_HEADER,
  AUTH_HEADER,
  createScope,
  getCanonicalQuery,
  getPayloadHash,
  hasHeader,
  KEY_TYPE_IDENTIFIER,
  prepareRequest,
  PROXY_HEADER_PATTERN,
  SEC_HEADER_PATTERN,
  SHA256_HEADER,
  SignatureV4Base,
  TOKEN_HEADER,
  type SignatureV4,
} from "@smithy/signature-v4";
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider, ChecksumConstructor, HashConstructor, HttpRequest } from "@smithy/types";
import { DefaultSha256 } from "./default-hash.js";
import { ConfigurationError } from "./errors.js";

/** Skew the AWS SDK tolerates before correcting the clock (the service allows 5 minutes). @internal */
export const CLOCK_SKEW_TOLERANCE_MS = 5 * 60_000;

/**
 * The two digests SigV4 needs. A SHA-256 constructor may carry them as its own static methods, done at once
 * (iotmi's Node default does: a signature then costs no promise per digest); any other is called through `new`.
 * @internal
 */
export interface Sha256Digests {
  /** Lower-case hex SHA-256 of a string (as UTF-8) or bytes. */
  hex(data: string | Uint8Array): string | Promise<string>;
  hmac(key: string | Uint8Array, data: string): Uint8Array | Promise<Uint8Array>;
}

/** Only the constructor's own statics count: a subclass (say, one that records what it hashes) must be called. */
function digestsOf(sha256: ChecksumConstructor | HashConstructor): Sha256Digests {
  const own = (name: keyof Sha256Digests): boolean => Object.prototype.hasOwnProperty.call(sha256, name);
  if (own("hex") && own("hmac")) return sha256 as unknown as Sha256Digests;
  const digest = (secret: string | Uint8Array | undefined, data: string | Uint8Array): Promise<Uint8Array> => {
    const hash = new sha256(secret);
    hash.update(toUint8Array(data));
    return hash.digest();
  };
  return { hex: async (data) => toHex(await digest(undefined, data)), hmac: digest };
}

/** @internal */
export interface RequestSigner {
  sign(request: HttpRequest, signingDate: Date, signingRegion: string, signingName: string | undefined): Promise<HttpRequest>;
}

/** One signer per client; region and signing name are given per call. @internal */
export function createSigner(
  credentials: AwsCredentialIdentityProvider,
  signingName: string,
  sha256: ChecksumConstructor | HashConstructor = DefaultSha256,
): RequestSigner {
  const signer = new HeaderSigner({
    credentials,
    region: "us-east-1", // replaced by signingRegion on every call
    service: signingName,
    sha256,
    uriEscapePath: true,
    applyChecksum: true,
  });
  return { sign: (request, signingDate, signingRegion, name) => signer.signHeaders(request, signingDate, signingRegion, name) };
}

/** The base-class methods the signer calls (checked once per client). */
const INHERITED_PARTS = ["formatDate", "getCanonicalPath", "validateResolvedCredentials"] as const;

/** `SignatureV4Base`'s path canonicalisation (declared private there; checked present with the other parts). */
type WithCanonicalPath = { getCanonicalPath(request: HttpRequest): string };

/**
 * The header part of a canonical request: `getCanonicalHeaders` (same headers left out, same value clean-up,
 * the same header kept when two names differ only in case) with `createCanonicalRequest`'s lines and
 * `getCanonicalHeaderList`'s list, in one pass and one sort. The SDK sorts the names three times and runs three
 * regular expressions over every value; most values have nothing to clean.
 */
function canonicalHeaderParts(headers: HttpRequest["headers"]): { readonly lines: string; readonly list: string } {
  const kept = new Map<string, { readonly from: string; readonly value: string }>();
  for (const name of Object.keys(headers)) {
    const value = headers[name];
    if (value == undefined) continue;
    const lower = name.toLowerCase();
    if (Object.hasOwn(ALWAYS_UNSIGNABLE_HEADERS, lower) || PROXY_HEADER_PATTERN.test(lower) || SEC_HEADER_PATTERN.test(lower)) continue;
    // The SDK visits names in sorted order and the last one wins: keep the greater name.
    const earlier = kept.get(lower);
    if (earlier !== undefined && earlier.from > name) continue;
    kept.set(lower, { from: name, value: typeof value === "string" && !NEEDS_CLEANING.test(value) ? value : cleanValue(value) });
  }
  const names = [...kept.keys()].sort();
  let lines = "";
  for (let i = 0; i < names.length; i++) lines += `${i === 0 ? "" : "\n"}${names[i]!}:${kept.get(names[i]!)!.value}`;
  return { lines, list: names.join(";") };
}

/** A value the SDK's three replacements would change: line breaks, tabs, runs of spaces, an edge space. */
const NEEDS_CLEANING = /[\r\n\t]| {2}|^ | $/;

function cleanValue(value: string): string {
  return value.replace(/[\r\n]/g, " ").replace(/[ \t]+/g, " ").replace(/^ | $/g, "");
}

/**
 * The SDK's SigV4 header signing (`SignatureV4.signRequest` with its defaults) built from the same package's
 * parts, as its SigV4a signer is: `SignatureV4` itself also carries presigning and event-stream signing (its
 * constructor makes a `HeaderFormatter`), ≈ 5.7 KB of every bundle that no call of a generated client uses.
 * Exported for the SigV4 suite (test/conformance), which signs its cases with it.
 * @internal
 */
export class HeaderSigner extends SignatureV4Base {
  private readonly digests: Sha256Digests;

  constructor(init: ConstructorParameters<typeof SignatureV4>[0]) {
    super(init);
    this.digests = digestsOf(this.sha256);
    // These parts are @internal to @smithy/signature-v4, so package.json pins its exact version; should another
    // version be forced in (npm overrides), fail here, clearly, rather than on the first call.
    for (const method of INHERITED_PARTS) {
      if (typeof (this as unknown as Record<string, unknown>)[method] !== "function") {
        throw new ConfigurationError(
          `@smithy/signature-v4 no longer provides SignatureV4Base.${method}, which iotmi's signer uses: install the version iotmi pins (see its package.json)`,
        );
      }
    }
  }

  async signHeaders(input: HttpRequest, signingDate: Date, region: string, signingName: string | undefined): Promise<HttpRequest> {
    const credentials: AwsCredentialIdentity = await this.credentialProvider();
    this.validateResolvedCredentials(credentials);
    const request = prepareRequest(input);
    const { longDate, shortDate } = this.formatDate(signingDate);
    const service = signingName ?? this.service;
    const scope = createScope(shortDate, region, service);
    request.headers[AMZ_DATE_HEADER] = longDate;
    if (credentials.sessionToken) request.headers[TOKEN_HEADER] = credentials.sessionToken;
    const digests = this.digests;
    const body: unknown = request.body;
    // The request is this signer's own copy: whether it carries a hash cannot change while it is signed.
    const hashGiven = hasHeader(SHA256_HEADER, request.headers);
    // getPayloadHash's cases, with the common one (a body in memory, no hash given) through the digests.
    const payloadHash =
      (typeof body === "string" || ArrayBuffer.isView(body)) && !hashGiven
        ? await digests.hex(typeof body === "string" ? body : new Uint8Array(body.buffer, body.byteOffset, body.byteLength))
        : await getPayloadHash(request, this.sha256);
    if (this.applyChecksum && !hashGiven) request.headers[SHA256_HEADER] = payloadHash;
    const { lines, list } = canonicalHeaderParts(request.headers);
    const path = (this as unknown as WithCanonicalPath).getCanonicalPath(request);
    const canonicalRequest = `${request.method}\n${path}\n${getCanonicalQuery(request)}\n${lines}\n\n${list}\n${payloadHash}`;
    const stringToSign = `${ALGORITHM_IDENTIFIER}\n${longDate}\n${scope}\n${await digests.hex(canonicalRequest)}`;
    const signature = toHex(await digests.hmac(await signingKey(digests, credentials, shortDate, region, service), stringToSign));
    request.headers[AUTH_HEADER] =
      `${ALGORITHM_IDENTIFIER} Credential=${credentials.accessKeyId}/${scope}, ` +
      `SignedHeaders=${list}, Signature=${signature}`;
    return request;
  }
}

/**
 * Signing keys per credentials object (a provider hands out the same object until it refreshes) and scope, so
 * nothing outlives the credentials it came from. The secret they were derived from is kept beside them: an object
 * whose secret is changed in place derives anew.
 */
const signingKeys = new WeakMap<AwsCredentialIdentity, { secret: string; readonly byScope: Map<string, Uint8Array> }>();
/** Scopes kept per credentials object, as the SDK's own cache (a long-lived process crosses dates and regions). */
const SCOPES_KEPT = 50;

/** The SigV4 signing key (getSigningKey's derivation), from the cache while credentials and scope repeat. */
async function signingKey(digests: Sha256Digests, credentials: AwsCredentialIdentity, shortDate: string, region: string, service: string): Promise<Uint8Array> {
  const scope = `${shortDate}/${region}/${service}`;
  let kept = signingKeys.get(credentials);
  if (kept === undefined) signingKeys.set(credentials, (kept = { secret: credentials.secretAccessKey, byScope: new Map() }));
  if (kept.secret !== credentials.secretAccessKey || kept.byScope.size >= SCOPES_KEPT) {
    kept.secret = credentials.secretAccessKey;
    kept.byScope.clear();
  }
  const cached = kept.byScope.get(scope);
  if (cached !== undefined) return cached;
  let key: string | Uint8Array = `AWS4${credentials.secretAccessKey}`;
  for (const part of [shortDate, region, service, KEY_TYPE_IDENTIFIER]) key = await digests.hmac(key, part);
  kept.byScope.set(scope, key as Uint8Array);
  return key as Uint8Array;
}

/**
 * The clock offset to use after a response carrying `dateHeader`: unchanged while local time (plus the current
 * offset) is within tolerance of the server's, else the server's time minus local time.
 * @internal
 */
export function correctedClockOffset(dateHeader: string | undefined, currentOffset: number, now: number): number {
  if (dateHeader === undefined) return currentOffset;
  const serverTime = parseDate(dateHeader);
  if (Number.isNaN(serverTime)) return currentOffset;
  if (Math.abs(now + currentOffset - serverTime) < CLOCK_SKEW_TOLERANCE_MS) return currentOffset;
  return serverTime - now;
}

/** Responses within the same second repeat the same Date text; parse each text once. */
let lastDateText = "";
let lastDateValue = Number.NaN;
function parseDate(text: string): number {
  if (text !== lastDateText) {
    lastDateText = text;
    lastDateValue = Date.parse(text);
  }
  return lastDateValue;
}
