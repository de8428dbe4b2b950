/**
 * The runtime's own error classes: input validation (before anything is sent) and transport failures
 * (network, timeout, abort). Errors the service sends back are generated `ServiceException` subclasses instead.
 */
import type { ResponseMetadata } from "@smithy/types";
import type { Violation } from "../protocol/contract.js";

/**
 * Thrown before sending when the generated validator finds broken constraints. Nothing was sent.
 * @public
 */
export class InputValidationError extends Error {
  override readonly name = "InputValidationError";
  /** The broken constraints in the order the validator found them: the first {@link MAX_LISTED_VIOLATIONS}. */
  readonly violations: readonly Violation[];
  /** How many constraints are broken in all (more than `violations.length` when the list was capped). */
  readonly violationCount: number;
  /** The operation whose input was rejected. */
  readonly operation: string;

  constructor(operation: string, violations: readonly Violation[]) {
    super(formatViolations(operation, violations));
    this.operation = operation;
    this.violations = violations.slice(0, MAX_LISTED_VIOLATIONS);
    this.violationCount = violations.length;
  }
}

/**
 * Messages list at most this many violations and count the rest, so one huge bad input cannot make a huge
 * error (client, CLI and emulator alike).
 * @public
 */
export const MAX_LISTED_VIOLATIONS = 100;

/**
 * The first {@link MAX_LISTED_VIOLATIONS} items as lines, then a line saying how many were left out.
 * @internal
 */
export function capListed<T>(items: readonly T[], line: (item: T) => string, omitted: (count: number) => string): string[] {
  const lines = items.slice(0, MAX_LISTED_VIOLATIONS).map(line);
  if (items.length > MAX_LISTED_VIOLATIONS) lines.push(omitted(items.length - MAX_LISTED_VIOLATIONS));
  return lines;
}

function formatViolations(operation: string, violations: readonly Violation[]): string {
  // Generated messages already name the path and the given value; only bare messages get the path prefixed.
  const lines = capListed(
    violations,
    (v) => {
      const path = v.path || "(input)";
      return `  - ${v.message.startsWith(path) ? v.message : `${path}: ${v.message}`}`;
    },
    (n) => `  - … and ${n} more`,
  );
  const count = violations.length === 1 ? "1 invalid parameter" : `${violations.length} invalid parameters`;
  return `${operation}: ${count}, nothing was sent:\n${lines.join("\n")}`;
}

/**
 * Base of the errors raised when a request could not complete at the transport level.
 * @public
 */
export abstract class RequestFailedError extends Error {
  /** Transport failures are the caller's side of the wire, as in the AWS SDK. */
  readonly $fault = "client" as const;
  /** Filled in by the runtime with the attempts made so far. */
  $metadata: ResponseMetadata = {};
  /** The host the request was going to. */
  readonly host: string;

  constructor(message: string, host: string, options?: { cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.host = host;
  }
}

/**
 * The connection could not be made or broke (DNS failure, refused, reset, TLS failure).
 * @public
 */
export class NetworkError extends RequestFailedError {
  override readonly name = "NetworkError";
  /** The system error code, e.g. `ECONNRESET`, when there is one. */
  readonly code: string | undefined;

  constructor(host: string, cause: unknown) {
    const code = errorCode(cause);
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(`Network error talking to ${host}: ${reason}`, host, { cause });
    this.code = code;
  }
}

/**
 * No connection in time (`connectionTimeout`) or no response data in time (`requestTimeout`).
 * @public
 */
export class TimeoutError extends RequestFailedError {
  override readonly name = "TimeoutError";
  /** Which phase timed out. */
  readonly phase: "connect" | "response";
  /** The limit that was exceeded, in milliseconds. */
  readonly timeoutMs: number;

  constructor(host: string, phase: "connect" | "response", timeoutMs: number) {
    const what = phase === "connect" ? "connecting to" : "waiting for a response from";
    super(`Timed out after ${timeoutMs} ms ${what} ${host}`, host, undefined);
    this.phase = phase;
    this.timeoutMs = timeoutMs;
  }
}

/**
 * The caller's `AbortSignal` fired.
 * @public
 */
export class AbortError extends RequestFailedError {
  override readonly name = "AbortError";

  constructor(host: string, reason?: unknown) {
    super(`Request to ${host} was aborted`, host, reason === undefined ? undefined : { cause: reason });
  }
}

/**
 * Configuration that cannot work (bad option values, no credentials found, endpoint rule errors).
 * @public
 */
export class ConfigurationError extends Error {
  override readonly name = "ConfigurationError";
}

/** @internal */
export function errorCode(error: unknown): string | undefined {
  if (typeof error === "object" && error !== null && "code" in error) {
    const code = (error as { code: unknown }).code;
    if (typeof code === "string") return code;
  }
  return undefined;
}
