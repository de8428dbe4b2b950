/**
 * Retries through an AWS SDK `RetryStrategyV2`: the `retryStrategy` option (e.g. `ConfiguredRetryStrategy`,
 * `AdaptiveRetryStrategy` from `@smithy/util-retry`), or the SDK's `AdaptiveRetryStrategy` when `retryMode` is
 * `adaptive` (client-side rate limiting). The strategy decides and waits; the runtime classifies each failure
 * as the SDK's retry middleware does. Loaded only by clients that use one.
 *
 * The SDK's `AdaptiveRetryStrategy` (≈ 11 KB minified with its rate limiter) is imported through a package name in
 * a constant (see optional-package.ts), so bundles leave it out unless deployed with node_modules/@smithy/core.
 */
import type { HttpRequest as IHttpRequest, HttpResponse as IHttpResponse, RetryErrorInfo, RetryErrorType, RetryStrategyV2, RetryToken } from "@smithy/types";
import type { ResolvedClientConfig } from "./config.js";
import { AbortError } from "./errors.js";
import { attempt, withMetadata, type AttemptResult, type CallState, type SendAttempt } from "./handler.js";
import { missingPackageError } from "./optional-package.js";
import { classifyRetry, retryAfterFromHeaders } from "./retry.js";

/** Not a literal in `import()`: see the module comment. */
const RETRY_PACKAGE = "@smithy/core/retry";
type RetryModule = typeof import("@smithy/core/retry");

/** The adaptive strategy of each client (its rate limiter learns from every call of the client). */
const adaptiveStrategies = new WeakMap<ResolvedClientConfig, Promise<RetryStrategyV2>>();

/** @internal */
export async function retryWithStrategy<C>(call: CallState, request: IHttpRequest, send: SendAttempt<C>, context: C): Promise<AttemptResult> {
  const { config, signal } = call;
  const strategy = config.retryStrategy ?? (await adaptiveStrategy(config));
  let token: RetryToken = await strategy.acquireInitialRetryToken(config.service.sdkId);
  for (;;) {
    try {
      const result = await attempt(call, request, send, context);
      strategy.recordSuccess(token);
      return result;
    } catch (error) {
      if (signal?.aborted) throw error;
      const acquired = config.runtime.hooks.now();
      try {
        token = await strategy.refreshRetryTokenForRetry(token, errorInfo(error, config.runtime.hooks.now()));
      } catch {
        throw error;
      }
      // Strategies of @smithy/util-retry wait inside refreshRetryTokenForRetry; others report a delay to wait.
      const waited = config.runtime.hooks.now() - acquired;
      const delay = token.getRetryDelay();
      if (delay > 0 && waited < delay) {
        try {
          await config.runtime.hooks.sleep(delay - waited, signal as AbortSignal | undefined);
        } catch {
          throw withMetadata(new AbortError(call.host, signal?.reason), call, undefined);
        }
      }
      call.totalRetryDelay += Math.max(delay, waited);
    }
  }
}

function adaptiveStrategy(config: ResolvedClientConfig): Promise<RetryStrategyV2> {
  let strategy = adaptiveStrategies.get(config);
  if (strategy === undefined) {
    strategy = loadRetryPackage().then((m) => new m.AdaptiveRetryStrategy(config.maxAttempts));
    adaptiveStrategies.set(config, strategy);
  }
  return strategy;
}

async function loadRetryPackage(): Promise<RetryModule> {
  try {
    return (await import(RETRY_PACKAGE)) as RetryModule;
  } catch (error) {
    throw missingPackageError(
      error,
      `retryMode "adaptive" uses the AWS SDK's AdaptiveRetryStrategy (${RETRY_PACKAGE}), which cannot be loaded from here — a bundle leaves it out. Deploy node_modules/@smithy/core beside the bundle, pass \`retryStrategy\` (e.g. new AdaptiveRetryStrategy(…) from @smithy/util-retry, which bundles it), or use retryMode "standard".`,
    );
  }
}

/** The SDK's classification of a failure: throttling, transient, server or client error, plus Retry-After. */
function errorInfo(error: unknown, now: number): RetryErrorInfo {
  const kind = classifyRetry(error);
  const response = (error as { $response?: IHttpResponse } | null)?.$response;
  const status = (error as { $metadata?: { httpStatusCode?: number } } | null)?.$metadata?.httpStatusCode ?? response?.statusCode;
  const errorType: RetryErrorType =
    kind === "throttling" ? "THROTTLING" : kind === "transient" ? "TRANSIENT" : status !== undefined && status >= 500 ? "SERVER_ERROR" : "CLIENT_ERROR";
  const info: RetryErrorInfo = { errorType, error: error as NonNullable<RetryErrorInfo["error"]> };
  const hint = retryAfterFromHeaders(response?.headers, now);
  if (hint !== undefined) info.retryAfterHint = new Date(now + hint);
  return info;
}
