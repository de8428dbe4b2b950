/**
 * SigV4 signing with the AWS SDK's signer, and clock-skew tracking from the service's `Date` header.
 */
import { SignatureV4 } from "@smithy/signature-v4";
import type { AwsCredentialIdentityProvider, ChecksumConstructor, HashConstructor, HttpRequest } from "@smithy/types";
import { DefaultSha256 } from "./default-hash.js";

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
  const signer = new SignatureV4({
    credentials,
    region: "us-east-1", // replaced by signingRegion on every call
    service: signingName,
    sha256,
    uriEscapePath: true,
    applyChecksum: true,
  });
  return {
    sign: (request, signingDate, signingRegion, name) =>
      signer.sign(request, {
        signingDate,
        signingRegion,
        ...(name === undefined ? {} : { signingService: name }),
      }),
  };
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
