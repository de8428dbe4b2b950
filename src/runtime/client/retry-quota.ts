/**
 * The client-wide retry budget (the SDK's retry quota). Kept apart from the retry rules in `retry.ts`, which
 * only a failed attempt needs: every client makes a quota and every success refunds it, so this part is loaded
 * with the client and the rules on the first failure.
 */
import type { RetryKind } from "./retry.js";

/** Tokens a client starts with. @internal */
export const INITIAL_RETRY_TOKENS = 500;
/** Cost of a retry after throttling. @internal */
export const THROTTLING_RETRY_COST = 5;
/** Cost of a retry after any other transient failure. @internal */
export const TRANSIENT_RETRY_COST = 10;
/** Refund for a call that succeeded on its first attempt. @internal */
export const NO_RETRY_INCREMENT = 1;

/**
 * The client-wide retry budget: retries spend tokens, successes give them back, an empty bucket stops
 * retrying so a struggling service is not hammered.
 * @internal
 */
export class RetryQuota {
  #tokens = INITIAL_RETRY_TOKENS;

  get available(): number {
    return this.#tokens;
  }

  /** Takes the cost of one retry; returns the cost taken, or undefined when the bucket cannot pay. */
  acquire(kind: RetryKind): number | undefined {
    const cost = kind === "throttling" ? THROTTLING_RETRY_COST : TRANSIENT_RETRY_COST;
    if (cost > this.#tokens) return undefined;
    this.#tokens -= cost;
    return cost;
  }

  /** After a success: refunds the last retry's cost, or one token when no retry was needed. */
  release(lastCost: number | undefined): void {
    this.#tokens = Math.min(INITIAL_RETRY_TOKENS, this.#tokens + (lastCost ?? NO_RETRY_INCREMENT));
  }
}
