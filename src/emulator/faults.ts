/**
 * Fault injection for testing clients: error statuses (500, 503 and 429, with or without `Retry-After`),
 * connection resets before or after the create is committed, and delays — as rates, parsed from the
 * `--faults` string or given programmatically, drawn from a seeded generator so a run can be replayed.
 *
 * @packageDocumentation
 */
import { seededRandom } from "./prng.js";

/**
 * Fault rates (each a probability in [0, 1]; the status and reset rates together at most 1).
 * @public
 */
export interface FaultOptions {
  /** 500 `InternalServerException`. */
  readonly status500?: number;
  /** 503 `ServiceUnavailableException` without `Retry-After`. */
  readonly status503?: number;
  /** 503 with `Retry-After`. */
  readonly status503RetryAfter?: number;
  /** 429 `ThrottlingException` without `Retry-After`. */
  readonly status429?: number;
  /** 429 with `Retry-After`. */
  readonly status429RetryAfter?: number;
  /** The `Retry-After` value in seconds; 1 by default. */
  readonly retryAfterSeconds?: number;
  /** The connection is reset before the request is processed: nothing is stored. */
  readonly resetBeforeCommit?: number;
  /** The create is committed, then the connection is reset instead of answering. */
  readonly resetAfterCommit?: number;
  /** Delay added before the request is processed. */
  readonly delayMs?: number;
  /** Share of requests that get the delay; 1 by default. */
  readonly delayRate?: number;
}

/**
 * What happens to one request.
 * @internal
 */
export type FaultOutcome =
  | { readonly kind: "none" }
  | { readonly kind: "status"; readonly status: 500 | 503 | 429; readonly retryAfterSeconds?: number }
  | { readonly kind: "reset-before-commit" }
  | { readonly kind: "reset-after-commit" };

/**
 * A bad `--faults` string or option.
 * @public
 */
export class FaultSpecError extends Error {
  override readonly name = "FaultSpecError";
}

const RATE_KEYS: Record<string, readonly (keyof FaultOptions)[]> = {
  status: ["status500", "status503", "status429"],
  "500": ["status500"],
  "503": ["status503"],
  "503-retry-after": ["status503RetryAfter"],
  "429": ["status429"],
  "429-retry-after": ["status429RetryAfter"],
  reset: ["resetBeforeCommit", "resetAfterCommit"],
  "reset-before": ["resetBeforeCommit"],
  "reset-after": ["resetAfterCommit"],
  "delay-rate": ["delayRate"],
};

/**
 * The `--faults` syntax, for help and error messages.
 * @public
 */
export const FAULTS_SYNTAX =
  "comma-separated key=value: status=R (split over 500/503/429), 500=R, 503=R, 503-retry-after=R, 429=R, " +
  "429-retry-after=R, retry-after=<seconds>s, reset=R (split before/after commit), reset-before=R, reset-after=R, " +
  "delay=<n>ms|<n>s, delay-rate=R; R is a probability between 0 and 1";

/**
 * Parses `status=0.1,reset=0.05,delay=200ms`.
 * @public
 */
export function parseFaults(text: string): FaultOptions {
  const out: Record<string, number> = {};
  for (const item of text.split(",")) {
    const trimmed = item.trim();
    if (trimmed === "") continue;
    const eq = trimmed.indexOf("=");
    if (eq === -1) throw new FaultSpecError(`fault '${trimmed}' has no value; expected ${FAULTS_SYNTAX}`);
    const key = trimmed.slice(0, eq).trim().toLowerCase();
    const value = trimmed.slice(eq + 1).trim();
    if (key === "delay") out["delayMs"] = parseDuration(value, key);
    else if (key === "retry-after") out["retryAfterSeconds"] = parseDuration(value, key, "s") / 1000;
    else {
      const targets = RATE_KEYS[key];
      if (targets === undefined) throw new FaultSpecError(`unknown fault '${key}'; expected ${FAULTS_SYNTAX}`);
      const rate = parseRate(value, key);
      for (const target of targets) out[target] = (out[target] ?? 0) + rate / (key === "delay-rate" ? 1 : targets.length);
    }
  }
  const options = out as FaultOptions;
  checkFaults(options);
  return options;
}

function parseRate(value: string, key: string): number {
  const rate = /^(\d+(\.\d*)?|\.\d+)$/.test(value) ? Number(value) : NaN;
  if (!(rate >= 0 && rate <= 1)) throw new FaultSpecError(`fault '${key}' needs a rate between 0 and 1, got '${value}'`);
  return rate;
}

function parseDuration(value: string, key: string, defaultUnit: "ms" | "s" = "ms"): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s)?$/.exec(value);
  if (m === null) throw new FaultSpecError(`fault '${key}' needs a duration like 200ms or 2s, got '${value}'`);
  const n = Number(m[1]);
  return (m[2] ?? defaultUnit) === "s" ? n * 1000 : n;
}

/** The longest `setTimeout` Node honours (2^31 - 1 ms). */
const MAX_DELAY_MS = 2 ** 31 - 1;

/**
 * Throws {@link FaultSpecError} when rates are out of range or sum to more than 1.
 * @internal
 */
export function checkFaults(options: FaultOptions): void {
  let sum = 0;
  for (const key of ["status500", "status503", "status503RetryAfter", "status429", "status429RetryAfter", "resetBeforeCommit", "resetAfterCommit"] as const) {
    const rate = options[key] ?? 0;
    if (!(rate >= 0 && rate <= 1)) throw new FaultSpecError(`fault rate ${key} must be between 0 and 1, got ${rate}`);
    sum += rate;
  }
  if (sum > 1 + 1e-9) throw new FaultSpecError(`fault rates add up to ${sum.toFixed(3)}, more than 1`);
  const delayRate = options.delayRate ?? 1;
  if (!(delayRate >= 0 && delayRate <= 1)) throw new FaultSpecError(`delay rate must be between 0 and 1, got ${delayRate}`);
  const delayMs = options.delayMs ?? 0;
  if (!(delayMs >= 0)) throw new FaultSpecError("delay must not be negative");
  // Node clamps longer timers to 1 ms (TimeoutOverflowWarning): refuse a delay that would silently not happen.
  if (delayMs > MAX_DELAY_MS) {
    throw new FaultSpecError(`delay ${delayMs}ms is longer than the longest timer Node supports (${MAX_DELAY_MS}ms, about 24.8 days)`);
  }
  if (!((options.retryAfterSeconds ?? 1) >= 0)) throw new FaultSpecError("retry-after must not be negative");
}

/**
 * Draws the fault for each request. Every decision consumes exactly two numbers, so the sequence of
 * outcomes depends only on the seed and the order of requests, whatever the rates.
 * @internal
 */
export class FaultInjector {
  readonly #options: FaultOptions;
  readonly #random: () => number;
  readonly #table: readonly [number, FaultOutcome][];

  constructor(options: FaultOptions, seed: number) {
    checkFaults(options);
    this.#options = options;
    this.#random = seededRandom(seed);
    const retryAfterSeconds = options.retryAfterSeconds ?? 1;
    this.#table = [
      [options.status500 ?? 0, { kind: "status", status: 500 }],
      [options.status503 ?? 0, { kind: "status", status: 503 }],
      [options.status503RetryAfter ?? 0, { kind: "status", status: 503, retryAfterSeconds }],
      [options.status429 ?? 0, { kind: "status", status: 429 }],
      [options.status429RetryAfter ?? 0, { kind: "status", status: 429, retryAfterSeconds }],
      [options.resetBeforeCommit ?? 0, { kind: "reset-before-commit" }],
      [options.resetAfterCommit ?? 0, { kind: "reset-after-commit" }],
    ];
  }

  /** True when no fault can ever fire (so the hot path can skip drawing). */
  get inactive(): boolean {
    return this.#table.every(([rate]) => rate === 0) && !((this.#options.delayMs ?? 0) > 0);
  }

  /** The outcome and delay for the next request. */
  next(): { readonly outcome: FaultOutcome; readonly delayMs: number } {
    const u = this.#random();
    const d = this.#random();
    let outcome: FaultOutcome = NONE;
    let edge = 0;
    for (const [rate, candidate] of this.#table) {
      edge += rate;
      if (u < edge) {
        outcome = candidate;
        break;
      }
    }
    const delayMs = (this.#options.delayMs ?? 0) > 0 && d < (this.#options.delayRate ?? 1) ? this.#options.delayMs! : 0;
    return { outcome, delayMs };
  }
}

const NONE: FaultOutcome = { kind: "none" };
