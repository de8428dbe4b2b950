/**
 * SigV4 signing with the AWS SDK's signer, and clock-skew tracking from the service's `Date` header.
 */
import { toHex, toUint8Array } from "@smithy/core/serde";
import {
  ALGORITHM_IDENTIFIER,
  AMZ_DATE_HEADER,
  AUTH_HEADER,
  createScope,
  getCanonicalHeaders,
  getPayloadHash,
  getSigningKey,
  hasHeader,
  prepareRequest,
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
const INHERITED_PARTS = ["formatDate", "createCanonicalRequest", "createStringToSign", "getCanonicalHeaderList", "validateResolvedCredentials"] as const;

/**
 * The SDK's SigV4 header signing (`SignatureV4.signRequest` with its defaults) built from the same package's
 * parts, as its SigV4a signer is: `SignatureV4` itself also carries presigning and event-stream signing (its
 * constructor makes a `HeaderFormatter`), ≈ 5.7 KB of every bundle that no call of a generated client uses.
 */
class HeaderSigner extends SignatureV4Base {
  constructor(init: ConstructorParameters<typeof SignatureV4>[0]) {
    super(init);
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
    const payloadHash = await getPayloadHash(request, this.sha256);
    if (!hasHeader(SHA256_HEADER, request.headers)) request.headers[SHA256_HEADER] = payloadHash;
    const canonicalHeaders = getCanonicalHeaders(request);
    const canonicalRequest = this.createCanonicalRequest(request, canonicalHeaders, payloadHash);
    const stringToSign = await this.createStringToSign(longDate, scope, canonicalRequest, ALGORITHM_IDENTIFIER);
    const hmac = new this.sha256(await getSigningKey(this.sha256, credentials, shortDate, region, service));
    hmac.update(toUint8Array(stringToSign));
    const signature = toHex(await hmac.digest());
    request.headers[AUTH_HEADER] =
      `${ALGORITHM_IDENTIFIER} Credential=${credentials.accessKeyId}/${scope}, ` +
      `SignedHeaders=${this.getCanonicalHeaderList(canonicalHeaders)}, Signature=${signature}`;
    return request;
  }
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
