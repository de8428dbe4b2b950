/**
 * Standard-mode retry decisions as the AWS SDK for JavaScript v3 makes them: which failures are retried,
 * how long to wait (full-jitter exponential backoff, Retry-After hints); the client-wide quota is in
 * `retry-quota.ts`. Pure functions, loaded on a call's first failure; the pipeline supplies time and randomness.
 */

/** Why a failed attempt may be retried. @internal */
export type RetryKind = "throttling" | "transient";

/** Backoff base for ordinary transient failures. @internal */
export const BASE_DELAY_MS = 100;
/** Backoff base after throttling. @internal */
export const THROTTLING_BASE_DELAY_MS = 500;
/** No single wait is longer than this. @internal */
export const MAX_DELAY_MS = 20_000;
/** A server hint may stretch the computed wait by at most this much. @internal */
export const MAX_RETRY_AFTER_EXTRA_MS = 5_000;

const THROTTLING_CODES = new Set([
  "BandwidthLimitExceeded",
  "EC2ThrottledException",
  "LimitExceededException",
  "PriorRequestNotComplete",
  "ProvisionedThroughputExceededException",
  "RequestLimitExceeded",
  "RequestThrottled",
  "RequestThrottledException",
  "SlowDown",
  "ThrottledException",
  "Throttling",
  "ThrottlingException",
  "TooManyRequestsException",
  "TransactionInProgressException",
]);
const TRANSIENT_CODES = new Set(["TimeoutError", "RequestTimeout", "RequestTimeoutException"]);
const TRANSIENT_STATUS = new Set([500, 502, 503, 504]);
const NETWORK_CODES = new Set(["ECONNRESET", "ECONNREFUSED", "EPIPE", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH", "ENOTFOUND", "EAI_AGAIN"]);
const CLOCK_SKEW_CODES = new Set([
  "AuthFailure",
  "InvalidSignatureException",
  "RequestExpired",
  "RequestInTheFuture",
  "RequestTimeTooSkewed",
  "SignatureDoesNotMatch",
]);
/** Generic signature codes also mean "wrong key"; only a time-related message makes them clock skew. */
const GENERIC_SIGNATURE_CODES = new Set(["AuthFailure", "InvalidSignatureException", "SignatureDoesNotMatch"]);
const SKEW_MESSAGE = /expired|not yet current|skew|in the future|time/i;

interface ErrorLike {
  readonly name?: unknown;
  readonly code?: unknown;
  readonly message?: unknown;
  readonly $retryable?: { readonly throttling?: boolean } | undefined;
  readonly $metadata?: { readonly httpStatusCode?: number | undefined } | undefined;
}

/**
 * Classifies a failed attempt: throttling, transient, or not retryable (undefined).
 * @internal
 */
export function classifyRetry(error: unknown): RetryKind | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const e = error as ErrorLike;
  const status = e.$metadata?.httpStatusCode;
  const name = typeof e.name === "string" ? e.name : "";
  if (status === 429 || THROTTLING_CODES.has(name) || e.$retryable?.throttling === true) return "throttling";
  if (e.$retryable !== undefined) return "transient";
  if (TRANSIENT_CODES.has(name) || name === "NetworkError") return "transient";
  if (typeof e.code === "string" && NETWORK_CODES.has(e.code)) return "transient";
  if (status !== undefined && TRANSIENT_STATUS.has(status)) return "transient";
  return undefined;
}

/**
 * True when the service rejected the request because of the signing time.
 * @internal
 */
export function isClockSkewError(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const e = error as ErrorLike;
  const name = typeof e.name === "string" ? e.name : "";
  if (!CLOCK_SKEW_CODES.has(name)) return false;
  if (!GENERIC_SIGNATURE_CODES.has(name)) return true;
  return typeof e.message === "string" && SKEW_MESSAGE.test(e.message);
}

/**
 * The wait before retry number `retryIndex` (0 for the first retry): uniform in [0, base·2^n), capped, then
 * raised towards a server hint (never beyond the computed wait plus 5 s).
 * @internal
 */
export function computeRetryDelay(retryIndex: number, kind: RetryKind, random: number, retryAfterMs?: number): number {
  const base = kind === "throttling" ? THROTTLING_BASE_DELAY_MS : BASE_DELAY_MS;
  const computed = Math.floor(Math.min(MAX_DELAY_MS, random * base * 2 ** retryIndex));
  if (retryAfterMs === undefined || retryAfterMs <= computed) return computed;
  return Math.min(retryAfterMs, computed + MAX_RETRY_AFTER_EXTRA_MS);
}

/**
 * Reads a server's retry hint in milliseconds: `x-amz-retry-after` (milliseconds), else `Retry-After`
 * (seconds or an HTTP date).
 * @internal
 */
export function retryAfterFromHeaders(headers: Record<string, string> | undefined, now: number): number | undefined {
  if (headers === undefined) return undefined;
  const amz = headerValue(headers, "x-amz-retry-after");
  if (amz !== undefined) {
    const ms = Number(amz);
    if (Number.isFinite(ms) && ms >= 0) return ms;
  }
  const standard = headerValue(headers, "retry-after");
  if (standard === undefined) return undefined;
  const seconds = Number(standard);
  if (standard.trim() !== "" && Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(standard);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Case-insensitive header lookup (handlers may keep the server's casing). @internal */
export function headerValue(headers: Record<string, string>, lowerName: string): string | undefined {
  const direct = headers[lowerName];
  if (direct !== undefined) return direct;
  for (const key of Object.keys(headers)) {
    if (key.toLowerCase() === lowerName) return headers[key];
  }
  return undefined;
}
