/**
 * Retries through an AWS SDK `RetryStrategyV2`: the `retryStrategy` option (e.g. `ConfiguredRetryStrategy`,
 * `AdaptiveRetryStrategy` from `@smithy/util-retry`), or the SDK's `AdaptiveRetryStrategy` when `retryMode` is
 * `adaptive` (client-side rate limiting). The strategy decides and waits; the runtime classifies each failure
 * as the SDK's retry middleware does. Loaded only by clients that use one.
 */
import { AdaptiveRetryStrategy } from "@smithy/core/retry";
import type { HttpRequest as IHttpRequest, HttpResponse as IHttpResponse, RetryErrorInfo, RetryErrorType, RetryStrategyV2, RetryToken } from "@smithy/types";
import type { ResolvedClientConfig } from "./config.js";
import { AbortError } from "./errors.js";
import { attempt, withMetadata, type AttemptResult, type CallState, type SendAttempt } from "./handler.js";
import { classifyRetry, retryAfterFromHeaders } from "./retry.js";

/** The adaptive strategy of each client (its rate limiter learns from every call of the client). */
const adaptiveStrategies = new WeakMap<ResolvedClientConfig, RetryStrategyV2>();

/** @internal */
export async function retryWithStrategy<C>(call: CallState, request: IHttpRequest, send: SendAttempt<C>, context: C): Promise<AttemptResult> {
  const { config, signal } = call;
  const strategy = config.retryStrategy ?? adaptiveStrategy(config);
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

function adaptiveStrategy(config: ResolvedClientConfig): RetryStrategyV2 {
  let strategy = adaptiveStrategies.get(config);
  if (strategy === undefined) {
    strategy = new AdaptiveRetryStrategy(config.maxAttempts);
    adaptiveStrategies.set(config, strategy);
  }
  return strategy;
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
