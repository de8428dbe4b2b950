/**
 * Client options (the AWS SDK v3 names) and their resolution into the configuration one client keeps for its
 * lifetime. Resolution is cheap and synchronous: anything that needs I/O (profile files, credential sources)
 * becomes a memoized provider that runs on first use.
 */
import type { HttpHandlerUserInput } from "@smithy/protocol-http";
import type { DefaultsMode, SmithyResolvedConfiguration } from "@smithy/smithy-client";
import type {
  AwsCredentialIdentity,
  AwsCredentialIdentityProvider,
  ChecksumAlgorithm,
  ChecksumConstructor,
  Endpoint,
  EndpointV2,
  HashConstructor,
  HttpHandlerOptions,
  HttpRequest,
  HttpResponse,
  Logger,
  Provider,
  RequestHandler,
  TokenIdentity,
  TokenIdentityProvider,
  RetryStrategy,
  RetryStrategyV2,
  UserAgent,
} from "@smithy/types";
import { onAbort } from "./abort.js";
import type { EndpointParameters, ServiceSpec } from "../protocol/contract.js";
import { resolveCredentialsOption } from "./credentials.js";
import type { CallTarget, ResolvedEndpoint } from "./endpoint.js";
import { DefaultSha256 } from "./default-hash.js";
import { ConfigurationError } from "./errors.js";
import { NodeHttpRequestHandler, type NodeHttpOptions } from "./http-handler.js";
import { NO_OP_LOGGER } from "./logging.js";
import type { ProfileSettingReader } from "./profile.js";
import { resolveRegionOption } from "./region.js";
import { createSigner, type RequestSigner } from "./signing.js";
import { RetryQuota } from "./retry-quota.js";
import { buildUserAgent, type UserAgentHeaders } from "./user-agent.js";

/**
 * Time and randomness the runtime uses; replaced in tests so retries run on a fake clock.
 * @internal
 */
export interface RuntimeHooks {
  /** Milliseconds since the epoch. */
  readonly now: () => number;
  /** Waits `ms`; rejects early when `signal` aborts. */
  readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Uniform in [0, 1). */
  readonly random: () => number;
  /** A fresh UUID v4 (invocation ids, idempotency tokens). */
  readonly uuid: () => string;
}

/**
 * Options of a generated client, named as in the AWS SDK for JavaScript v3.
 * @public
 */
export interface ClientConfig {
  /** AWS Region; default `AWS_REGION`, then `AWS_DEFAULT_REGION`, then the profile's `region`. */
  region?: string | Provider<string> | undefined;
  /** Static credentials or any AWS SDK v3 credential provider; default: the standard chain. */
  credentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider | undefined;
  /**
   * A custom endpoint URL, which the endpoint rule set receives as its `Endpoint` parameter. Default:
   * `AWS_ENDPOINT_URL_<SERVICE_ID>` (e.g. the sdkId `My Service` → `AWS_ENDPOINT_URL_MY_SERVICE`), else
   * `AWS_ENDPOINT_URL`, else the profile's `endpoint_url` — unless `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true`.
   */
  endpoint?: string | Endpoint | Provider<Endpoint> | EndpointV2 | Provider<EndpointV2> | undefined;
  /** Use the FIPS endpoint; default `AWS_USE_FIPS_ENDPOINT` or the profile's `use_fips_endpoint`, else false. */
  useFipsEndpoint?: boolean | Provider<boolean> | undefined;
  /** Use the dual-stack endpoint where the service's rule set has one; default `AWS_USE_DUALSTACK_ENDPOINT` or the profile's `use_dualstack_endpoint`, else false. */
  useDualstackEndpoint?: boolean | Provider<boolean> | undefined;
  /** Attempts per call including the first; default 3 (`AWS_MAX_ATTEMPTS`, profile `max_attempts`). */
  maxAttempts?: number | Provider<number> | undefined;
  /**
   * `standard` (default), `adaptive` (the SDK's `AdaptiveRetryStrategy`: standard retries plus client-side rate
   * limiting) or `legacy` (treated as standard); default `AWS_RETRY_MODE`, profile `retry_mode`.
   */
  retryMode?: string | Provider<string> | undefined;
  /**
   * A retry strategy of the AWS SDK (any `RetryStrategyV2`, e.g. `ConfiguredRetryStrategy` or
   * `AdaptiveRetryStrategy` from `@smithy/util-retry`); it then decides every retry and its delay.
   */
  retryStrategy?: RetryStrategy | RetryStrategyV2 | undefined;
  /**
   * The SDK's defaults mode: `standard`, `in-region`, `cross-region`, `mobile` (connect timeouts of 3.1 s, 1.1 s,
   * 3.1 s, 30 s for the built-in handler), `auto` (picks one from the environment) or `legacy` (default: no
   * timeout); default `AWS_DEFAULTS_MODE`, profile `defaults_mode`.
   */
  defaultsMode?: DefaultsMode | Provider<DefaultsMode> | undefined;
  /** An application id sent in the user agent as `app/<id>`; default `AWS_SDK_UA_APP_ID`, profile `sdk_ua_app_id`. */
  userAgentAppId?: string | undefined | Provider<string | undefined>;
  /**
   * A bearer token (or a provider of one) for services with `smithy.api#httpBearerAuth`; default the
   * `AWS_BEARER_TOKEN_<SERVICE>` environment variable. With a service that also offers SigV4 first, setting one
   * selects bearer auth, as in the SDK v3.
   */
  token?: TokenIdentity | TokenIdentityProvider | undefined;
  /** Do not prepend an operation's host prefix (`smithy.api#endpoint`) to the endpoint host. */
  disableHostPrefix?: boolean | undefined;
  /** Accepted as in the SDK; the API version is the model's. */
  apiVersion?: string | undefined;
  /** Changes to this configuration applied when the client is made, as the SDK's runtime extensions do. */
  extensions?: RuntimeExtension[] | undefined;
  /**
   * A smithy request handler (e.g. `NodeHttpHandler` or `FetchHttpHandler`), or options for the built-in Node
   * handler (`NodeHttpOptions`: the SDK's `NodeHttpHandlerOptions` numbers plus TLS settings).
   */
  requestHandler?: HttpHandlerUserInput | RequestHandler<HttpRequest, HttpResponse, HttpHandlerOptions> | NodeHttpOptions | undefined;
  /** Receives debug lines per attempt; secrets and sensitive members never reach it. */
  logger?: Logger | undefined;
  /** Appended to the user agent, e.g. `my-app/1.2`. */
  customUserAgent?: string | UserAgent | undefined;
  /** Run the generated validators before sending; default true. */
  validateInput?: boolean | undefined;
  /** Milliseconds to add to the local clock when signing; corrected automatically on clock-skew errors. */
  systemClockOffset?: number | undefined;
  /** Never compress request bodies; default `AWS_DISABLE_REQUEST_COMPRESSION`, profile `disable_request_compression`, else false. */
  disableRequestCompression?: boolean | Provider<boolean> | undefined;
  /**
   * Smallest body (bytes, 0–10485760) compressed for operations with `requestCompression`; default
   * `AWS_REQUEST_MIN_COMPRESSION_SIZE_BYTES`, profile `request_min_compression_size_bytes`, else 10240.
   */
  requestMinCompressionSizeBytes?: number | Provider<number> | undefined;
  /** Profile in the shared config/credentials files; default `AWS_PROFILE`, else `default`. */
  profile?: string | undefined;
  /**
   * The SHA-256 the SigV4 signer hashes with (a checksum constructor, as the AWS SDK's `sha256` option takes).
   * Default as in the AWS SDK v3: in Node `node:crypto` (the SDK's `@smithy/hash-node` hash), elsewhere
   * `@aws-crypto/sha256-js`, plain JavaScript that runs everywhere (about twice the CPU per signature).
   */
  sha256?: ChecksumConstructor | HashConstructor | undefined;
  /**
   * The MD5 of the `Content-MD5` header that operations with `smithy.api#httpChecksumRequired` send (the SDK's
   * `md5` option). Default `node:crypto`.
   */
  md5?: ChecksumConstructor | HashConstructor | undefined;
  /** Middleware-resolution cache of `@smithy/smithy-client`, as in the AWS SDK. */
  cacheMiddleware?: boolean | undefined;
  /** Replace time and randomness (tests). @internal */
  runtimeHooks?: Partial<RuntimeHooks> | undefined;
}

/**
 * What a runtime extension may read and change when the client is made (the SDK's default extension
 * configuration: HTTP handler, region, credentials, retry strategy and checksum algorithms).
 * @public
 */
export interface ClientExtensionConfiguration {
  /**
   * Adds (or, with an id already listed, replaces) a checksum algorithm. As in the SDK, `sha256` becomes the
   * signer's hash and `md5` the `Content-MD5` hash; other ids are listed but unused (no flexible checksums).
   */
  addChecksumAlgorithm(algorithm: ChecksumAlgorithm): void;
  /** The client's checksum algorithms: `md5` when set, then `sha256` (the default hash unless set). */
  checksumAlgorithms(): ChecksumAlgorithm[];
  httpHandler(): RequestHandler<HttpRequest, HttpResponse, HttpHandlerOptions>;
  setHttpHandler(handler: RequestHandler<HttpRequest, HttpResponse, HttpHandlerOptions>): void;
  /** Changes one option of the request handler (handlers with `updateHttpClientConfig`, as the SDK's). */
  updateHttpClientConfig(key: string, value: unknown): void;
  httpHandlerConfigs(): Record<string, unknown>;
  region(): Provider<string | undefined>;
  setRegion(region: string | Provider<string>): void;
  credentials(): AwsCredentialIdentity | AwsCredentialIdentityProvider | undefined;
  setCredentials(credentials: AwsCredentialIdentity | AwsCredentialIdentityProvider): void;
  retryStrategy(): RetryStrategyV2 | undefined;
  setRetryStrategy(strategy: RetryStrategyV2): void;
}

/**
 * A runtime extension (the SDK's `extensions` option): `configure` runs once, when the client is made.
 * @public
 */
export interface RuntimeExtension {
  configure(extensionConfiguration: ClientExtensionConfiguration): void;
}

/**
 * Per-client state the runtime keeps between calls.
 * @internal
 */
export interface RuntimeState {
  readonly hooks: RuntimeHooks;
  /** Retry tokens shared by every call of the client. */
  readonly retryQuota: RetryQuota;
  userAgent: UserAgentHeaders;
  /**
   * Work left for the first call (user agent app id or defaults mode from a provider or the profile); cleared
   * once done.
   */
  setup: (() => Promise<void>) | undefined;
  /** Endpoint rule results by parameter key; the parameters rarely change in a client's lifetime. */
  readonly endpointCache: Map<string, ResolvedEndpoint>;
  /** The last call's endpoint and the settings it came from (see `CallTarget`). */
  lastTarget: CallTarget | undefined;
  /** The SigV4 signer, created once with the client's credential provider. */
  readonly signer: RequestSigner;
}

/**
 * Configuration of one client after defaults are applied.
 * @public
 */
export interface ResolvedClientConfig extends SmithyResolvedConfiguration<HttpHandlerOptions> {
  readonly requestHandler: RequestHandler<HttpRequest, HttpResponse, HttpHandlerOptions>;
  readonly service: ServiceSpec;
  /** Resolves to undefined when no region is configured anywhere; the endpoint rules then report it. */
  readonly region: Provider<string | undefined>;
  readonly credentials: AwsCredentialIdentityProvider;
  /** Undefined, or resolves to undefined, when no custom endpoint is configured. */
  readonly endpoint: Provider<Endpoint | undefined> | undefined;
  readonly useFipsEndpoint: Provider<boolean>;
  readonly useDualstackEndpoint: Provider<boolean>;
  readonly maxAttempts: Provider<number>;
  readonly retryMode: Provider<string>;
  /** The `retryStrategy` option; undefined: the runtime's standard retries (or adaptive, per `retryMode`). */
  readonly retryStrategy: RetryStrategyV2 | undefined;
  readonly disableHostPrefix: boolean;
  readonly disableRequestCompression: Provider<boolean>;
  readonly requestMinCompressionSizeBytes: Provider<number>;
  readonly logger: Logger;
  readonly validateInput: boolean;
  /** The `md5` option (also set by an extension's `addChecksumAlgorithm`); undefined: `node:crypto`. */
  readonly md5: ChecksumConstructor | HashConstructor | undefined;
  /** Values of the service's `clientContextParams` options the caller set (rule-set parameter → value). */
  readonly clientContextParams: EndpointParameters | undefined;
  /** Updated when the service reports clock skew. */
  systemClockOffset: number;
  /** @internal */
  readonly runtime: RuntimeState;
}

const DEFAULT_MAX_ATTEMPTS = 3;
const DEFAULT_MIN_COMPRESSION_BYTES = 10_240;
const MAX_MIN_COMPRESSION_BYTES = 10_485_760;

/**
 * Applies defaults to a client's options. Synchronous: nothing is read from disk until first needed.
 * @public
 */
export function resolveClientConfig(options: ClientConfig, service: ServiceSpec): ResolvedClientConfig {
  const hooks = resolveHooks(options.runtimeHooks);
  const builtInHandler = !isRequestHandler(options.requestHandler);
  const handlerOptions = builtInHandler ? { ...((options.requestHandler ?? {}) as NodeHttpOptions) } : undefined;
  const config = applyExtensions(options, handlerOptions === undefined ? (options.requestHandler as RequestHandler<HttpRequest, HttpResponse, HttpHandlerOptions>) : new NodeHttpRequestHandler(handlerOptions));
  const profile = config.profile;
  // One read of the shared files per client, on first need (the AWS SDK reads them once per client, too).
  let settings: Promise<Readonly<Record<string, string | undefined>>> | undefined;
  const readSetting: ProfileSettingReader = (key) =>
    (settings ??= import("./profile.js").then((m) => m.loadProfileSettings(profile))).then((values) => values[key]);
  const region = remember(config.region, resolveRegionOption(config.region, readSetting));
  const userAgentAppId = resolveSetting<string | undefined>(config.userAgentAppId, "AWS_SDK_UA_APP_ID", "sdk_ua_app_id", readSetting, (s) => s, undefined);
  const credentials = resolveCredentialsOption(config.credentials, profile, hooks.now, { region, profile, userAgentAppId }, config.logger);
  const retryStrategy = config.retryStrategy === undefined ? undefined : retryStrategyV2(config.retryStrategy);
  const runtime: RuntimeState = {
    hooks,
    retryQuota: new RetryQuota(),
    userAgent: buildUserAgent(service, config.customUserAgent, typeof config.userAgentAppId === "string" ? config.userAgentAppId : process.env["AWS_SDK_UA_APP_ID"]),
    setup: undefined,
    endpointCache: new Map(),
    lastTarget: undefined,
    signer: service.bearer?.(service, config.token) ?? createSigner(credentials, service.signingName, config.sha256),
  };
  const resolved: ResolvedClientConfig = {
    apiVersion: service.apiVersion,
    requestHandler: config.requestHandler,
    service,
    region,
    credentials,
    endpoint: rememberEndpoint(config.endpoint, resolveEndpointOption(config.endpoint, service, readSetting)),
    useFipsEndpoint: resolveSetting(config.useFipsEndpoint, "AWS_USE_FIPS_ENDPOINT", "use_fips_endpoint", readSetting, parseBooleanSetting, false),
    useDualstackEndpoint: resolveSetting(config.useDualstackEndpoint, "AWS_USE_DUALSTACK_ENDPOINT", "use_dualstack_endpoint", readSetting, parseBooleanSetting, false),
    maxAttempts: resolveSetting(config.maxAttempts, "AWS_MAX_ATTEMPTS", "max_attempts", readSetting, parseAttempts, DEFAULT_MAX_ATTEMPTS),
    retryMode: resolveSetting(config.retryMode, "AWS_RETRY_MODE", "retry_mode", readSetting, (s) => s, "standard"),
    retryStrategy,
    disableHostPrefix: config.disableHostPrefix ?? false,
    disableRequestCompression: resolveSetting(config.disableRequestCompression, "AWS_DISABLE_REQUEST_COMPRESSION", "disable_request_compression", readSetting, parseBooleanSetting, false),
    requestMinCompressionSizeBytes: resolveSetting(config.requestMinCompressionSizeBytes, "AWS_REQUEST_MIN_COMPRESSION_SIZE_BYTES", "request_min_compression_size_bytes", readSetting, parseCompressionSize, DEFAULT_MIN_COMPRESSION_BYTES),
    logger: config.logger ?? NO_OP_LOGGER,
    validateInput: config.validateInput ?? true,
    md5: config.md5,
    clientContextParams: clientContextValues(config, service),
    systemClockOffset: config.systemClockOffset ?? 0,
    runtime,
  };
  if (config.cacheMiddleware !== undefined) resolved.cacheMiddleware = config.cacheMiddleware;
  runtime.setup = firstCallSetup(config, resolved, service, userAgentAppId, handlerOptions, readSetting);
  return resolved;
}

/** The options after the `extensions` have changed them (the request handler already made). */
function applyExtensions(options: ClientConfig, handler: RequestHandler<HttpRequest, HttpResponse, HttpHandlerOptions>): ClientConfig & { requestHandler: RequestHandler<HttpRequest, HttpResponse, HttpHandlerOptions> } {
  const config = { ...options, requestHandler: handler };
  if (options.extensions === undefined || options.extensions.length === 0) return config;
  // The SDK's order (its AlgorithmId enum): md5 first when set, then sha256.
  const checksums: ChecksumAlgorithm[] = [{ algorithmId: () => "sha256", checksumConstructor: () => config.sha256 ?? DefaultSha256 }];
  if (config.md5 !== undefined) checksums.unshift({ algorithmId: () => "md5", checksumConstructor: () => config.md5! });
  const configurable = (): { updateHttpClientConfig?: (key: string, value: unknown) => void; httpHandlerConfigs?: () => Record<string, unknown> } => config.requestHandler as never;
  const extension: ClientExtensionConfiguration = {
    httpHandler: () => config.requestHandler,
    setHttpHandler: (h) => void (config.requestHandler = h),
    updateHttpClientConfig: (key, value) => configurable().updateHttpClientConfig?.(key, value),
    httpHandlerConfigs: () => configurable().httpHandlerConfigs?.() ?? {},
    region: () => {
      const value = config.region;
      return typeof value === "function" ? value : () => Promise.resolve(value);
    },
    setRegion: (region) => void (config.region = region),
    credentials: () => config.credentials,
    setCredentials: (credentials) => void (config.credentials = credentials),
    retryStrategy: () => (config.retryStrategy === undefined ? undefined : retryStrategyV2(config.retryStrategy)),
    setRetryStrategy: (strategy) => void (config.retryStrategy = strategy),
    addChecksumAlgorithm: (algorithm) => void checksums.push(algorithm),
    checksumAlgorithms: () => checksums,
  };
  for (const each of options.extensions) each.configure(extension);
  // As the SDK's resolveDefaultRuntimeConfig: the last algorithm listed under a known id is the one used.
  for (const algorithm of checksums) {
    const id = algorithm.algorithmId();
    if (id === "sha256" || id === "md5") config[id] = algorithm.checksumConstructor();
  }
  return config;
}

function retryStrategyV2(strategy: RetryStrategy | RetryStrategyV2): RetryStrategyV2 {
  const s = strategy as Partial<RetryStrategyV2>;
  if (typeof s.acquireInitialRetryToken === "function" && typeof s.refreshRetryTokenForRetry === "function" && typeof s.recordSuccess === "function") return strategy as RetryStrategyV2;
  throw new ConfigurationError("retryStrategy: expected a RetryStrategyV2 (acquireInitialRetryToken, refreshRetryTokenForRetry, recordSuccess), such as ConfiguredRetryStrategy or AdaptiveRetryStrategy from @smithy/util-retry");
}

/**
 * What the first call must do before it is sent, or undefined: the user agent's app id when it comes from a
 * provider or the profile, and the defaults mode's connect timeout for the built-in handler.
 */
function firstCallSetup(
  config: ClientConfig,
  resolved: ResolvedClientConfig,
  service: ServiceSpec,
  userAgentAppId: Provider<string | undefined>,
  handlerOptions: NodeHttpOptions | undefined,
  readSetting: ProfileSettingReader,
): (() => Promise<void>) | undefined {
  const appIdLater = typeof config.userAgentAppId === "function" || (config.userAgentAppId === undefined && !process.env["AWS_SDK_UA_APP_ID"]);
  const timeoutLater = handlerOptions !== undefined && handlerOptions.connectionTimeout === undefined;
  if (!appIdLater && !timeoutLater) return undefined;
  return async () => {
    if (appIdLater) {
      const appId = await userAgentAppId();
      if (appId) resolved.runtime.userAgent = buildUserAgent(service, config.customUserAgent, appId);
    }
    if (timeoutLater) {
      const mode = await resolveDefaultsMode(config.defaultsMode, resolved.region, readSetting);
      const timeout = DEFAULTS_MODE_CONNECT_TIMEOUT[mode];
      if (timeout !== undefined) (resolved.requestHandler as NodeHttpRequestHandler).updateHttpClientConfig("connectionTimeout", timeout);
    }
    resolved.runtime.setup = undefined;
  };
}

/** Connect timeouts of the SDK's defaults modes (`loadConfigsForDefaultMode`); `legacy` sets none. */
const DEFAULTS_MODE_CONNECT_TIMEOUT: Readonly<Record<string, number | undefined>> = {
  standard: 3100,
  "in-region": 1100,
  "cross-region": 3100,
  mobile: 30_000,
};

/** The defaults mode in effect: option, `AWS_DEFAULTS_MODE`, profile `defaults_mode`, else `legacy`; `auto` as the SDK infers it. */
async function resolveDefaultsMode(option: ClientConfig["defaultsMode"], region: Provider<string | undefined>, readSetting: ProfileSettingReader): Promise<string> {
  const given = typeof option === "function" ? await option() : option;
  const mode = (given ?? (process.env["AWS_DEFAULTS_MODE"] || (await readSetting("defaults_mode"))) ?? "legacy").toLowerCase();
  if (mode === "auto") {
    const { resolveDefaultsModeConfig } = await (await import("./profile.js")).loadConfigPackage('defaultsMode "auto"');
    return resolveDefaultsModeConfig({ region: async () => (await region()) ?? "", defaultsMode: "auto" })();
  }
  if (!(mode in DEFAULTS_MODE_CONNECT_TIMEOUT) && mode !== "legacy") {
    throw new ConfigurationError(`defaultsMode: expected standard, in-region, cross-region, mobile, auto or legacy, got ${JSON.stringify(mode)}`);
  }
  return mode;
}

/** The `clientContextParams` options set on the client, by rule-set parameter name; undefined when none is. */
function clientContextValues(config: ClientConfig, service: ServiceSpec): EndpointParameters | undefined {
  if (service.clientContextParams === undefined) return undefined;
  let values: Record<string, string | boolean | readonly string[]> | undefined;
  for (const [parameter, option] of Object.entries(service.clientContextParams)) {
    const value = (config as Record<string, unknown>)[option];
    if (typeof value === "string" || typeof value === "boolean" || Array.isArray(value)) (values ??= {})[parameter] = value as string | boolean | readonly string[];
  }
  return values;
}

function isRequestHandler(value: unknown): value is RequestHandler<HttpRequest, HttpResponse, HttpHandlerOptions> {
  return typeof value === "object" && value !== null && typeof (value as { handle?: unknown }).handle === "function";
}

function resolveHooks(partial: Partial<RuntimeHooks> | undefined): RuntimeHooks {
  return {
    now: partial?.now ?? Date.now,
    sleep: partial?.sleep ?? realSleep,
    random: partial?.random ?? Math.random,
    uuid: partial?.uuid ?? (() => globalThis.crypto.randomUUID()),
  };
}

/** @internal */
export function realSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const stop = onAbort(signal, () => {
      clearTimeout(timer);
      reject(signal?.reason);
    });
    const timer = setTimeout(() => {
      stop();
      resolve();
    }, ms);
  });
}

/** The custom endpoint's source, unmemoized (see `remember`), or undefined when none may be configured. */
function resolveEndpointOption(endpoint: ClientConfig["endpoint"], service: ServiceSpec, readSetting: ProfileSettingReader): Provider<Endpoint | undefined> | undefined {
  if (typeof endpoint === "function") {
    // A provider may answer with an Endpoint or an EndpointV2 (`{ url }`); it is still asked on every call.
    return () => (endpoint as Provider<Endpoint | EndpointV2>)().then(toEndpoint);
  }
  if (endpoint !== undefined) {
    const promise = Promise.resolve(toEndpoint(endpoint));
    return () => promise;
  }
  if (process.env["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"]?.toLowerCase() === "true") return undefined;
  const serviceVariable = `AWS_ENDPOINT_URL_${service.sdkId.toUpperCase().replace(/[^A-Z0-9]+/g, "_")}`;
  const fromEnv = process.env[serviceVariable] || process.env["AWS_ENDPOINT_URL"];
  if (fromEnv) {
    const promise = Promise.resolve(endpointFromUrl(fromEnv));
    return () => promise;
  }
  const serviceKey = service.sdkId.toLowerCase().replace(/ /g, "_");
  return async () => {
    if ((await readSetting("ignore_configured_endpoint_urls"))?.toLowerCase() === "true") return undefined;
    // The profile's `services` section names this service's endpoint_url first, as the SDK reads it.
    const url = (await readSetting(`services.${serviceKey}.endpoint_url`)) ?? (await readSetting("endpoint_url"));
    return url === undefined ? undefined : endpointFromUrl(url);
  };
}

/** A string URL, an `Endpoint` or an EndpointV2 (`{ url: URL }`) as the `Endpoint` the runtime works with. */
function toEndpoint(endpoint: string | Endpoint | EndpointV2): Endpoint {
  if (typeof endpoint === "string") return endpointFromUrl(endpoint);
  if ("url" in endpoint && endpoint.url !== undefined) return endpointFromUrl(String(endpoint.url));
  if (typeof (endpoint as Partial<Endpoint>).hostname !== "string") {
    throw new ConfigurationError("endpoint: expected a URL string, an Endpoint ({ protocol, hostname, path }) or an EndpointV2 ({ url })");
  }
  return endpoint as Endpoint;
}

/** @internal */
export function endpointFromUrl(url: string): Endpoint {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ConfigurationError(`endpoint: not a valid URL: ${JSON.stringify(url)}`);
  }
  const endpoint: Endpoint = {
    protocol: parsed.protocol,
    hostname: parsed.hostname,
    path: parsed.pathname,
  };
  if (parsed.port !== "") endpoint.port = Number(parsed.port);
  if (parsed.search !== "") {
    const query: Record<string, string> = {};
    for (const [k, v] of parsed.searchParams) query[k] = v;
    endpoint.query = query;
  }
  return endpoint;
}

/** Turns an `Endpoint` back into the URL string the rule set's `Endpoint` parameter expects. @internal */
export function endpointToUrl(endpoint: Endpoint): string {
  const port = endpoint.port === undefined ? "" : `:${endpoint.port}`;
  const host = endpoint.hostname.includes(":") && !endpoint.hostname.startsWith("[") ? `[${endpoint.hostname}]` : endpoint.hostname;
  const protocol = endpoint.protocol.endsWith(":") ? endpoint.protocol : `${endpoint.protocol}:`;
  const path = endpoint.path === "/" ? "" : endpoint.path;
  return `${protocol}//${host}${port}${path}`;
}

/**
 * A provider whose value, once it has resolved, can be read without awaiting: calls then resolve their
 * settings synchronously instead of awaiting four promises each.
 * @internal
 */
export interface KnownProvider<T> extends Provider<T> {
  /** Set once the (memoized) value has resolved. */
  known?: { readonly value: T };
}

/**
 * Memoizes the provider made from a non-function option (constant, environment or profile: the one cache of
 * these settings) and makes its value readable once resolved; a function the caller passed stays as it is and
 * is asked on every call.
 */
function remember<T>(option: unknown, provider: Provider<T>): Provider<T> {
  if (typeof option === "function") return provider;
  let promise: Promise<T> | undefined;
  const memo: KnownProvider<T> = () =>
    (promise ??= provider().then((value) => {
      memo.known = { value };
      return value;
    }));
  return memo;
}

function rememberEndpoint(option: ClientConfig["endpoint"], provider: Provider<Endpoint | undefined> | undefined): Provider<Endpoint | undefined> | undefined {
  return provider === undefined ? undefined : remember(option, provider);
}

/**
 * Option → environment variable → profile setting → default, as a memoized provider. The profile files are
 * only read when neither the option nor the environment decides. A function the caller passed is returned as
 * it is; every other source is memoized (and made readable once resolved) by `remember`.
 */
function resolveSetting<T>(
  option: T | Provider<T> | undefined,
  envName: string,
  profileKey: string,
  readSetting: ProfileSettingReader,
  parse: (text: string, source: string) => T,
  fallback: T,
): Provider<T> {
  if (typeof option === "function") return option as Provider<T>;
  if (option !== undefined) {
    const promise = Promise.resolve(option);
    return remember(option, () => promise);
  }
  const env = process.env[envName];
  if (env !== undefined && env !== "") {
    const promise = Promise.resolve().then(() => parse(env, envName));
    promise.catch(() => undefined);
    return remember(option, () => promise);
  }
  return remember(option, () => readSetting(profileKey).then((text) => (text === undefined ? fallback : parse(text, `profile setting ${profileKey}`))));
}

function parseBooleanSetting(text: string, source: string): boolean {
  const lower = text.trim().toLowerCase();
  if (lower === "true") return true;
  if (lower === "false") return false;
  throw new ConfigurationError(`${source}: expected true or false, got ${JSON.stringify(text)}`);
}

function parseAttempts(text: string, source: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new ConfigurationError(`${source}: expected a whole number ≥ 1, got ${JSON.stringify(text)}`);
  return n;
}

function parseCompressionSize(text: string, source: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0 || n > MAX_MIN_COMPRESSION_BYTES) {
    throw new ConfigurationError(`${source}: expected a whole number of bytes from 0 to ${MAX_MIN_COMPRESSION_BYTES}, got ${JSON.stringify(text)}`);
  }
  return n;
}
