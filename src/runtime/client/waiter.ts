/**
 * Waiters (`smithy.waiters#waitable`): poll an operation until one of the model's acceptors decides, as the
 * Smithy waiters spec and the AWS SDK v3 do. Delays, jitter, `maxWaitTime` and aborting come from the SDK's own
 * implementation (`@smithy/core/client`, which `@smithy/util-waiter` re-exports), so `WaiterResult` and
 * `WaiterState` are the SDK's too.
 * Acceptors are data (generated from the model); path matchers are JMESPath expressions, evaluated with the
 * reference implementation (loaded on the first poll).
 */
import { checkExceptions, createWaiter, WaiterState, type WaiterConfiguration, type WaiterResult } from "@smithy/core/client";

/**
 * A `smithy.waiters#waitable` matcher: one of its forms.
 * @public
 */
export type WaiterMatcher =
  | { readonly output: PathMatcher }
  | { readonly inputOutput: PathMatcher }
  | { readonly success: boolean }
  | { readonly errorType: string };

/**
 * A JMESPath expression and what its result is compared with.
 * @public
 */
export interface PathMatcher {
  readonly path: string;
  readonly expected: string;
  readonly comparator: "stringEquals" | "booleanEquals" | "allStringEquals" | "anyStringEquals";
}

/**
 * One waiter of a model: the operation it polls, its acceptors in order, its delays in seconds.
 * @public
 */
export interface WaiterSpec<Client, Input, Output> {
  readonly send: (client: Client, input: Input) => Promise<Output>;
  readonly acceptors: readonly { readonly state: "success" | "failure" | "retry"; readonly matcher: WaiterMatcher }[];
  /** Seconds; the spec's defaults are 2 and 120. */
  readonly minDelay: number;
  readonly maxDelay: number;
}

type Search = (data: unknown, expression: string) => unknown;
/**
 * A bare package name in a variable: bundlers then leave the JMESPath library out of every bundle (it loads from
 * node_modules on the first poll of a waiter) instead of adding it to clients that never wait.
 */
const JMESPATH = "jmespath";
let search: Search | undefined;

/**
 * Polls until an acceptor reaches `success` (resolves with the SDK's `WaiterResult`) or `failure`, the wait
 * times out or is aborted (throws, as the SDK's `waitUntil…` functions do).
 * @public
 */
export async function waitUntil<Client, Input extends object, Output extends object>(
  params: WaiterConfiguration<Client>,
  input: Input,
  spec: WaiterSpec<Client, Input, Output>,
): Promise<WaiterResult> {
  search ??= ((await import(JMESPATH)) as { search: Search }).search;
  const configuration = { minDelay: spec.minDelay, maxDelay: spec.maxDelay, ...params };
  const result = await createWaiter(configuration, input, (client: Client, given: Input) => poll(client, given, spec));
  return checkExceptions(result);
}

/** One attempt: the first acceptor that matches decides; none matching means retry (an unmatched error fails). */
async function poll<Client, Input extends object, Output extends object>(client: Client, input: Input, spec: WaiterSpec<Client, Input, Output>): Promise<WaiterResult> {
  let output: Output | undefined;
  let error: unknown;
  try {
    output = await spec.send(client, input);
  } catch (e) {
    error = e;
  }
  const reason = error ?? output;
  for (const { state, matcher } of spec.acceptors) {
    if (matches(matcher, input, output, error)) return { state: STATES[state], reason };
  }
  // The spec: an error no acceptor expects ends the wait in failure.
  return { state: error === undefined ? WaiterState.RETRY : WaiterState.FAILURE, reason };
}

const STATES = { success: WaiterState.SUCCESS, failure: WaiterState.FAILURE, retry: WaiterState.RETRY } as const;

function matches(matcher: WaiterMatcher, input: object, output: object | undefined, error: unknown): boolean {
  if ("success" in matcher) return matcher.success === (error === undefined);
  if ("errorType" in matcher) {
    if (error === undefined) return false;
    const name = (error as { name?: unknown }).name;
    // A shape name or an absolute shape id (`ns#Name`) both name the error.
    return typeof name === "string" && (name === matcher.errorType || matcher.errorType.endsWith(`#${name}`));
  }
  if (error !== undefined || output === undefined) return false;
  const { path, expected, comparator } = "output" in matcher ? matcher.output : matcher.inputOutput;
  const data = "output" in matcher ? output : { input, output };
  return compare(search!(jsonView(data), path), expected, comparator);
}

function compare(value: unknown, expected: string, comparator: PathMatcher["comparator"]): boolean {
  switch (comparator) {
    case "stringEquals":
      return value === expected;
    case "booleanEquals":
      return typeof value === "boolean" && String(value) === expected;
    case "allStringEquals":
      return Array.isArray(value) && value.length > 0 && value.every((item) => item === expected);
    case "anyStringEquals":
      return Array.isArray(value) && value.some((item) => item === expected);
  }
}

/** The output as JMESPath sees JSON: dates as epoch seconds (what a timestamp is on the wire), no `$metadata`. */
function jsonView(value: unknown): unknown {
  if (value instanceof Date) return value.getTime() / 1000;
  if (Array.isArray(value)) return value.map(jsonView);
  if (typeof value === "object" && value !== null && !(value instanceof Uint8Array)) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) if (key !== "$metadata") out[key] = jsonView(item);
    return out;
  }
  return value;
}
