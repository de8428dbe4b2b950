/**
 * Runs one operation: validate → resolve endpoint → serialize (once) → per attempt: headers, sign, send,
 * deserialize — with standard retries and clock-skew correction. When the user added middleware to
 * `client.middlewareStack` or `command.middlewareStack`, the same steps run as middleware in the AWS SDK's
 * steps (`middleware-handler.ts`, loaded on first use); otherwise no stack is built at all.
 */
import { HttpResponse, type HttpRequest } from "@smithy/protocol-http";
import type {
  Endpoint,
  Handler,
  HttpHandlerOptions,
  HttpRequest as IHttpRequest,
  HttpResponse as IHttpResponse,
  MetadataBearer,
  MiddlewareStack,
  Provider,
  ResponseMetadata,
} from "@smithy/types";
import type { AbortSignalLike } from "./abort.js";
import { collectBody } from "./body.js";
import type { KnownProvider, ResolvedClientConfig } from "./config.js";
import { endpointToUrl } from "./config.js";
import type { CollectedResponse, EndpointParameters, OperationSpec } from "../protocol/contract.js";
import { resolveServiceEndpoint, type CallTarget, type ResolvedEndpoint } from "./endpoint.js";
import { AbortError, ConfigurationError, InputValidationError, NetworkError, RequestFailedError, TimeoutError } from "./errors.js";
import { isDebugEnabled } from "./logging.js";
import { responseMetadata } from "../protocol/errors.js";
import { lowerCaseHeaders } from "../protocol/headers.js";
import type { RetryKind } from "./retry.js";
import { hasUserMiddleware } from "./sdk-middleware.js";
import { correctedClockOffset } from "./signing.js";

/**
 * Everything one call carries from step to step.
 * @internal
 */
export interface CallState {
  readonly spec: OperationSpec<any, any>;
  readonly config: ResolvedClientConfig;
  readonly signal: AbortSignalLike | undefined;
  readonly handlerOptions: HttpHandlerOptions;
  readonly maxAttempts: number;
  readonly endpoint: ResolvedEndpoint;
  readonly signingRegion: string;
  readonly host: string;
  readonly debug: boolean;
  attempts: number;
  totalRetryDelay: number;
  /** Set when the last response moved the client's clock offset. */
  clockCorrected: boolean;
  /** `retryMode` is `adaptive`: retries go through the SDK's `AdaptiveRetryStrategy` (client-side rate limiting). */
  readonly adaptive: boolean;
  /** False when `httpSigningMiddleware` on a user's stack signs each attempt instead of the retry loop. */
  signInLoop: boolean;
}

/** @internal */
export type AttemptResult = { output: MetadataBearer; response: IHttpResponse };

/** Sends one signed attempt (a module function and its context rather than a closure per call). @internal */
export type SendAttempt<C> = (call: CallState, signed: IHttpRequest, context: C) => Promise<AttemptResult>;

/**
 * The handler a generated command returns from `resolveMiddleware`.
 * @public
 */
export function resolveOperationHandler<I extends object, O extends object>(
  spec: OperationSpec<I, O>,
  commandStack: MiddlewareStack<I, O & MetadataBearer>,
  clientStack: MiddlewareStack<any, any>,
  config: ResolvedClientConfig,
  options: HttpHandlerOptions | undefined,
): Handler<I, O & MetadataBearer> {
  if (!hasUserMiddleware(clientStack) && !hasUserMiddleware(commandStack)) {
    return async (args) => {
      const started = startCall(spec, config, options, args.input);
      const call = started instanceof Promise ? await started : started;
      const request = serializeCall(call, args.input);
      if (hasBodyTraits(spec)) await (await import("./request-body.js")).applyBodyTraits(spec, request, config);
      return (await retryLoop(call, request, sendAttempt, undefined)) as { output: O & MetadataBearer; response: IHttpResponse };
    };
  }
  // The middleware integration is its own module, loaded on the first call that has user middleware. The
  // stack is resolved once per handler (as the SDK does), on its first use.
  let resolved: Promise<Handler<I, O & MetadataBearer>> | undefined;
  return (args) =>
    (resolved ??= import("./middleware-handler.js").then((m) => m.withUserMiddleware(spec, commandStack, clientStack, config, options))).then(
      (handler) => handler(args),
    );
}

/**
 * True when the operation has a body trait (`requestCompression`, `httpChecksumRequired`); only then is
 * `request-body.ts` (and with it `node:zlib` and `node:crypto`) loaded.
 * @internal
 */
export function hasBodyTraits(spec: OperationSpec<any, any>): boolean {
  return spec.httpChecksumRequired === true || (spec.requestCompression !== undefined && spec.requestCompression.length > 0);
}

/**
 * Validates the input and resolves what the call needs before serializing: synchronously once the client's
 * settings are known (every call after the first, unless the caller passed provider functions).
 * @internal
 */
export function startCall(
  spec: OperationSpec<any, any>,
  config: ResolvedClientConfig,
  options: HttpHandlerOptions | undefined,
  input: object,
): CallState | Promise<CallState> {
  if (config.validateInput) {
    const violations = spec.validate(input);
    if (violations.length > 0) throw new InputValidationError(spec.name, violations);
  }
  const region = known(config.region);
  const useFips = known(config.useFipsEndpoint);
  const useDualstack = known(config.useDualstackEndpoint);
  const customEndpoint = config.endpoint === undefined ? NO_ENDPOINT : known(config.endpoint);
  const maxAttempts = known(config.maxAttempts);
  const retryMode = known(config.retryMode);
  if (
    region !== undefined && useFips !== undefined && useDualstack !== undefined && customEndpoint !== undefined && maxAttempts !== undefined &&
    retryMode !== undefined && config.runtime.setup === undefined
  ) {
    return newCall(spec, config, options, input, region.value, { useFips: useFips.value, useDualstack: useDualstack.value }, customEndpoint.value, maxAttempts.value, retryMode.value);
  }
  return Promise.all([
    config.region(),
    config.useFipsEndpoint(),
    config.useDualstackEndpoint(),
    config.endpoint?.(),
    config.maxAttempts(),
    config.retryMode(),
    config.runtime.setup?.(),
  ]).then(([r, useFips, useDualstack, e, m, mode]) => newCall(spec, config, options, input, r, { useFips, useDualstack }, e, m, mode));
}

/** The endpoint variant settings (`useFipsEndpoint`, `useDualstackEndpoint`). */
interface EndpointVariant {
  readonly useFips: boolean;
  readonly useDualstack: boolean;
}

const NO_ENDPOINT: { readonly value: undefined } = { value: undefined };

function known<T>(provider: Provider<T>): { readonly value: T } | undefined {
  return (provider as KnownProvider<T>).known;
}

function newCall(
  spec: OperationSpec<any, any>,
  config: ResolvedClientConfig,
  options: HttpHandlerOptions | undefined,
  input: object,
  region: string | undefined,
  variant: EndpointVariant,
  customEndpoint: Endpoint | undefined,
  maxAttempts: number,
  retryMode: string,
): CallState {
  const target = callTarget(config, region, variant, customEndpoint, boundEndpointParameters(spec, config, input));
  const debug = isDebugEnabled(config.logger);
  if (debug) config.logger.debug(`${spec.name} input: ${safeJson(spec.redactInput(input))}`);
  return {
    spec,
    config,
    signal: options?.abortSignal as AbortSignalLike | undefined,
    handlerOptions: options ?? {},
    maxAttempts: Math.max(1, maxAttempts),
    endpoint: target.endpoint,
    signingRegion: target.signingRegion,
    host: target.host,
    debug,
    attempts: 0,
    totalRetryDelay: 0,
    clockCorrected: false,
    adaptive: retryMode === "adaptive",
    signInLoop: true,
  };
}

/**
 * The endpoint rule-set parameters bound by the client's `clientContextParams` options and the operation's
 * input (operation ones win, as in the SDK v3); undefined when there are none, which keeps the fast path.
 */
function boundEndpointParameters(spec: OperationSpec<any, any>, config: ResolvedClientConfig, input: object): EndpointParameters | undefined {
  const fromClient = config.clientContextParams;
  const fromOperation = spec.endpointParams?.(input);
  if (fromOperation === undefined) return fromClient;
  return fromClient === undefined ? fromOperation : { ...fromClient, ...fromOperation };
}

/** The endpoint for these settings: the last call's when they are the same, else from the rule set. */
function callTarget(
  config: ResolvedClientConfig,
  region: string | undefined,
  { useFips, useDualstack }: EndpointVariant,
  customEndpoint: Endpoint | undefined,
  bound: EndpointParameters | undefined,
): CallTarget {
  const last = config.runtime.lastTarget;
  if (bound === undefined && last !== undefined && last.region === region && last.useFips === useFips && last.useDualstack === useDualstack && last.customEndpoint === customEndpoint) return last;
  const { region: endpointRegion, fips } = splitFipsPseudoRegion(region);
  const endpoint = resolveServiceEndpoint(
    config.service,
    { region: endpointRegion, useFips: useFips || fips, useDualstack, endpoint: customEndpoint === undefined ? undefined : endpointToUrl(customEndpoint), bound },
    config.runtime.endpointCache,
    undefined,
  );
  const signingRegion = endpoint.signingRegion ?? endpointRegion;
  if (signingRegion === undefined) {
    throw new ConfigurationError("Region is missing: set the region option, AWS_REGION, or region in the shared config file");
  }
  const { port, hostname } = endpoint.endpoint;
  const target: CallTarget = { region, useFips, useDualstack, customEndpoint, endpoint, signingRegion, host: port === undefined ? hostname : `${hostname}:${port}` };
  // Only calls without bound parameters reuse the last target (bound values may change from call to call).
  if (bound === undefined) config.runtime.lastTarget = target;
  return target;
}

/** `fips-us-east-1` / `us-east-1-fips` name the FIPS endpoint of `us-east-1`, as the AWS SDK accepts. */
function splitFipsPseudoRegion(region: string | undefined): { region: string | undefined; fips: boolean } {
  if (region === undefined) return { region, fips: false };
  if (region.startsWith("fips-")) return { region: region.slice(5), fips: true };
  if (region.endsWith("-fips")) return { region: region.slice(0, -5), fips: true };
  return { region, fips: false };
}

/**
 * Serializes once per call (the idempotency token is fixed here) and adds the per-call headers.
 * @internal
 */
export function serializeCall(call: CallState, input: object): IHttpRequest {
  const { config, endpoint } = call;
  const request = call.spec.serialize(input, {
    endpoint: endpoint.endpoint,
    generateIdempotencyToken: config.runtime.hooks.uuid,
    disableHostPrefix: config.disableHostPrefix,
  });
  const headers = request.headers;
  for (const name in endpoint.headers) headers[name] ??= endpoint.headers[name] as string;
  // A host prefix (`@endpoint`) changed the host name: the signed Host is the one dialled.
  headers["host"] ??= request.hostname === endpoint.endpoint.hostname ? call.host : hostWithPort(request.hostname, request.port);
  headers["user-agent"] = config.runtime.userAgent.userAgent;
  headers["x-amz-user-agent"] = config.runtime.userAgent.amzUserAgent;
  headers["amz-sdk-invocation-id"] = config.runtime.hooks.uuid();
  if (request.body !== undefined && request.body !== null && headers["content-length"] === undefined && headers["Content-Length"] === undefined) {
    const length = byteLength(request.body);
    if (length !== undefined) headers["content-length"] = String(length);
  }
  return request;
}

function hostWithPort(hostname: string, port: number | undefined): string {
  return port === undefined ? hostname : `${hostname}:${port}`;
}

/** @internal */
export function byteLength(body: unknown): number | undefined {
  if (typeof body === "string") return Buffer.byteLength(body);
  if (body instanceof Uint8Array) return body.byteLength;
  return undefined;
}

/**
 * Standard-mode retry loop. Each attempt sets `amz-sdk-request`, is signed afresh (new date, corrected clock)
 * and goes through `send`; failures are classified, the quota consulted and the backoff slept on the injected
 * clock. `send(call, signed, context)` runs one attempt (a module function and its context rather than a closure
 * per call).
 * @internal
 */
export async function retryLoop<C>(call: CallState, request: IHttpRequest, send: SendAttempt<C>, context: C): Promise<AttemptResult> {
  const { config, spec, signal } = call;
  if (config.retryStrategy !== undefined || call.adaptive) return (await import("./retry-strategy.js")).retryWithStrategy(call, request, send, context);
  const { hooks, retryQuota } = config.runtime;
  let lastCost: number | undefined;
  let skewRetried = false;
  for (;;) {
    let result: AttemptResult;
    try {
      result = await attempt(call, request, send, context);
    } catch (error) {
      const response = (error as { $response?: IHttpResponse }).$response;
      // The retry rules load on the first failure: a call that succeeds never needs them.
      const { classifyRetry, computeRetryDelay, isClockSkewError, retryAfterFromHeaders } = await import("./retry.js");
      let kind: RetryKind | undefined = classifyRetry(error);
      if (kind === undefined && !skewRetried && call.clockCorrected && isClockSkewError(error)) {
        kind = "transient";
        skewRetried = true;
      }
      if (kind === undefined || call.attempts >= call.maxAttempts) throw error;
      const cost = retryQuota.acquire(kind);
      if (cost === undefined) {
        if (call.debug) config.logger.debug(`${spec.name}: retry quota exhausted, not retrying`);
        throw error;
      }
      lastCost = cost;
      const hint = retryAfterFromHeaders(response?.headers, hooks.now());
      const delay = computeRetryDelay(call.attempts - 1, kind, hooks.random(), hint);
      if (call.debug) config.logger.debug(`${spec.name}: retrying (${kind}) in ${delay} ms`);
      try {
        await hooks.sleep(delay, signal as AbortSignal | undefined);
      } catch {
        throw withMetadata(new AbortError(call.host, signal?.reason), call, undefined);
      }
      call.totalRetryDelay += delay;
      continue;
    }
    retryQuota.release(lastCost);
    return result;
  }
}

/**
 * One attempt: counts it, sets `amz-sdk-request`, signs it (unless `httpSigningMiddleware` does), sends it
 * through `send`, and completes `$metadata` on the output or the error. Errors are thrown for the retry
 * decision; an abort always ends as an {@link AbortError}.
 * @internal
 */
export async function attempt<C>(call: CallState, request: IHttpRequest, send: SendAttempt<C>, context: C): Promise<AttemptResult> {
  const { config, spec, signal } = call;
  call.attempts += 1;
  call.clockCorrected = false;
  if (signal?.aborted) throw withMetadata(new AbortError(call.host, signal.reason), call, undefined);
  request.headers["amz-sdk-request"] = `attempt=${call.attempts}; max=${call.maxAttempts}`;
  const started = call.debug ? performance.now() : 0;
  // Signing failures (no credentials) are not the service's answer and are never retried.
  const signed = call.signInLoop ? await signAttempt(call, request) : request;
  let result: AttemptResult;
  try {
    result = await send(call, signed, context);
  } catch (error) {
    const response = (error as { $response?: IHttpResponse }).$response;
    withMetadata(error, call, response);
    if (call.debug) logAttempt(call, request, response?.statusCode, started, error);
    if (signal?.aborted && !(error instanceof AbortError)) throw withMetadata(new AbortError(call.host, signal.reason), call, undefined);
    throw error;
  }
  withMetadata(result.output, call, result.response);
  if (call.debug) {
    logAttempt(call, request, result.response.statusCode, started, undefined);
    config.logger.debug(`${spec.name} output: ${safeJson(spec.redactOutput(result.output))}`);
  }
  return result;
}

/** SigV4 for one attempt: a new date on the (skew-corrected) clock. @internal */
export function signAttempt(call: CallState, request: IHttpRequest): Promise<IHttpRequest> {
  const { config } = call;
  const signingDate = new Date(config.runtime.hooks.now() + config.systemClockOffset);
  return config.runtime.signer.sign(request, signingDate, call.signingRegion, call.endpoint.signingName);
}

/** One attempt without user middleware: send, read the body, deserialize. */
async function sendAttempt(call: CallState, request: IHttpRequest): Promise<AttemptResult> {
  const raw = await sendRequest(call, request);
  // The built-in handler (and most others) answer with bytes: no await for those.
  const body = raw.body instanceof Uint8Array ? raw.body : await collectBody(raw.body);
  return deserializeBody(call, raw, body);
}

/**
 * Sends one signed request through the client's request handler; its failures become the runtime's typed errors.
 * (A promise chain rather than an async function: one frame less on every attempt.)
 * @internal
 */
export function sendRequest(call: CallState, request: IHttpRequest): Promise<IHttpResponse> {
  let sent: Promise<{ response: IHttpResponse }>;
  try {
    sent = call.config.requestHandler.handle(request as HttpRequest, call.handlerOptions);
  } catch (error) {
    return Promise.reject(transportError(call, error));
  }
  return sent.then(
    (output) => output.response,
    (error: unknown) => {
      throw transportError(call, error);
    },
  );
}

/** The runtime's typed error for a failure of the request handler. */
function transportError(call: CallState, error: unknown): unknown {
  if (call.signal?.aborted) return error instanceof AbortError ? error : new AbortError(call.host, call.signal.reason);
  if (error instanceof RequestFailedError || error instanceof ConfigurationError) return error;
  const name = (error as { name?: unknown } | null)?.name;
  if (name === "TimeoutError") return new TimeoutError(call.host, "response", call.handlerOptions.requestTimeout ?? 0);
  if (name === "AbortError") return new AbortError(call.host, error);
  return new NetworkError(call.host, error);
}

/**
 * Tracks the server clock, and lets the generated deserializer build the output or error from the body read.
 * @internal
 */
export function deserializeBody(call: CallState, raw: IHttpResponse, body: Uint8Array): AttemptResult {
  const { config } = call;
  const response = (raw instanceof HttpResponse ? raw : new HttpResponse(raw)) as CollectedResponse;
  response.body = body;
  // Lower-case names once, so the deserializer and everything below can look headers up directly.
  response.headers = lowerCaseHeaders(response.headers);
  const now = config.runtime.hooks.now();
  const offset = correctedClockOffset(response.headers["date"], config.systemClockOffset, now);
  if (offset !== config.systemClockOffset) {
    config.systemClockOffset = offset;
    call.clockCorrected = true;
  }
  try {
    return { output: call.spec.deserialize(response) as MetadataBearer, response };
  } catch (error) {
    if (typeof error === "object" && error !== null && !("$response" in error && (error as { $response?: unknown }).$response)) {
      (error as { $response?: IHttpResponse }).$response = response;
    }
    throw error;
  }
}

/** Completes `$metadata` as the AWS SDK reports it. */
/** @internal */
export function withMetadata<T>(target: T, call: CallState, response: IHttpResponse | undefined): T {
  if (typeof target !== "object" || target === null) return target;
  const metadata: ResponseMetadata = response === undefined ? {} : responseMetadata(response.statusCode, response.headers);
  metadata.attempts = call.attempts;
  metadata.totalRetryDelay = call.totalRetryDelay;
  (target as { $metadata?: ResponseMetadata }).$metadata = metadata;
  return target;
}

function logAttempt(call: CallState, request: IHttpRequest, status: number | undefined, started: number, error: unknown): void {
  const ms = (performance.now() - started).toFixed(1);
  const url = `${call.endpoint.endpoint.protocol}//${call.host}${request.path}`;
  const outcome = error === undefined ? `${status}` : `${status ?? "no response"} ${describeError(error)}`;
  call.config.logger.debug(`${call.spec.name} attempt ${call.attempts}/${call.maxAttempts}: ${request.method} ${url} -> ${outcome} in ${ms} ms`);
}

function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value, (_k, v: unknown) => (v instanceof Uint8Array ? `<${v.byteLength} bytes>` : v));
  } catch {
    return "<unserializable>";
  }
}
