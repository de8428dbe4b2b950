/**
 * Client options (the AWS SDK v3 names) and their resolution into the configuration one client keeps for its
 * lifetime. Resolution is cheap and synchronous: anything that needs I/O (profile files, credential sources)
 * becomes a memoized provider that runs on first use.
 */
import type { SmithyResolvedConfiguration } from "@smithy/smithy-client";
import type {
  AwsCredentialIdentity,
  AwsCredentialIdentityProvider,
  ChecksumConstructor,
  Endpoint,
  HashConstructor,
  HttpHandlerOptions,
  HttpRequest,
  HttpResponse,
  Logger,
  Provider,
  RequestHandler,
  UserAgent,
} from "@smithy/types";
import { onAbort } from "./abort.js";
import type { ServiceSpec } from "./contract.js";
import { resolveCredentialsOption } from "./credentials.js";
import type { CallTarget, ResolvedEndpoint } from "./endpoint.js";
import { ConfigurationError } from "./errors.js";
import { NodeHttpRequestHandler, type NodeHttpOptions } from "./http-handler.js";
import { NO_OP_LOGGER } from "./logging.js";
import type { ProfileSettingReader } from "./profile.js";
import { resolveRegionOption } from "./region.js";
import { createSigner, type RequestSigner } from "./signing.js";
import { RetryQuota } from "./retry.js";
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
  endpoint?: string | Endpoint | Provider<Endpoint> | undefined;
  /** Use the FIPS endpoint; default `AWS_USE_FIPS_ENDPOINT` or the profile's `use_fips_endpoint`, else false. */
  useFipsEndpoint?: boolean | Provider<boolean> | undefined;
  /** Attempts per call including the first; default 3 (`AWS_MAX_ATTEMPTS`, profile `max_attempts`). */
  maxAttempts?: number | Provider<number> | undefined;
  /** `standard` (default), `adaptive` (treated as standard) or `legacy` (treated as standard). */
  retryMode?: string | Provider<string> | undefined;
  /** A smithy `RequestHandler` (e.g. `NodeHttpHandler`), or options for the built-in Node handler. */
  requestHandler?: RequestHandler<HttpRequest, HttpResponse, HttpHandlerOptions> | NodeHttpOptions | undefined;
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
   * The SHA-256 the SigV4 signer hashes with (a checksum constructor, as the AWS SDK's `sha256` option takes);
   * default `@aws-crypto/sha256-js`, plain JavaScript that runs everywhere. In Node, a `node:crypto` one such as
   * `Hash.bind(null, "sha256")` from `@smithy/hash-node` signs with about half the CPU.
   */
  sha256?: ChecksumConstructor | HashConstructor | undefined;
  /** Middleware-resolution cache of `@smithy/smithy-client`, as in the AWS SDK. */
  cacheMiddleware?: boolean | undefined;
  /** Replace time and randomness (tests). @internal */
  runtimeHooks?: Partial<RuntimeHooks> | undefined;
}

/**
 * Per-client state the runtime keeps between calls.
 * @internal
 */
export interface RuntimeState {
  readonly hooks: RuntimeHooks;
  /** Retry tokens shared by every call of the client. */
  readonly retryQuota: RetryQuota;
  readonly userAgent: UserAgentHeaders;
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
  readonly maxAttempts: Provider<number>;
  readonly retryMode: Provider<string>;
  readonly disableRequestCompression: Provider<boolean>;
  readonly requestMinCompressionSizeBytes: Provider<number>;
  readonly logger: Logger;
  readonly validateInput: boolean;
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
export function resolveClientConfig(config: ClientConfig, service: ServiceSpec): ResolvedClientConfig {
  const hooks = resolveHooks(config.runtimeHooks);
  const requestHandler = isRequestHandler(config.requestHandler)
    ? config.requestHandler
    : new NodeHttpRequestHandler(config.requestHandler ?? {});
  const profile = config.profile;
  // One read of the shared files per client, on first need (the AWS SDK reads them once per client, too).
  let settings: Promise<Readonly<Record<string, string | undefined>>> | undefined;
  const readSetting: ProfileSettingReader = (key) =>
    (settings ??= import("./profile.js").then((m) => m.loadProfileSettings(profile))).then((values) => values[key]);
  const region = remember(config.region, resolveRegionOption(config.region, readSetting));
  const credentials = resolveCredentialsOption(config.credentials, profile, hooks.now, { region, profile });
  const resolved: ResolvedClientConfig = {
    apiVersion: service.apiVersion,
    requestHandler,
    service,
    region,
    credentials,
    endpoint: rememberEndpoint(config.endpoint, resolveEndpointOption(config.endpoint, service, readSetting)),
    useFipsEndpoint: resolveSetting(config.useFipsEndpoint, "AWS_USE_FIPS_ENDPOINT", "use_fips_endpoint", readSetting, parseBooleanSetting, false),
    maxAttempts: resolveSetting(config.maxAttempts, "AWS_MAX_ATTEMPTS", "max_attempts", readSetting, parseAttempts, DEFAULT_MAX_ATTEMPTS),
    retryMode: resolveSetting(config.retryMode, "AWS_RETRY_MODE", "retry_mode", readSetting, (s) => s, "standard"),
    disableRequestCompression: resolveSetting(config.disableRequestCompression, "AWS_DISABLE_REQUEST_COMPRESSION", "disable_request_compression", readSetting, parseBooleanSetting, false),
    requestMinCompressionSizeBytes: resolveSetting(config.requestMinCompressionSizeBytes, "AWS_REQUEST_MIN_COMPRESSION_SIZE_BYTES", "request_min_compression_size_bytes", readSetting, parseCompressionSize, DEFAULT_MIN_COMPRESSION_BYTES),
    logger: config.logger ?? NO_OP_LOGGER,
    validateInput: config.validateInput ?? true,
    systemClockOffset: config.systemClockOffset ?? 0,
    runtime: {
      hooks,
      retryQuota: new RetryQuota(),
      userAgent: buildUserAgent(service, config.customUserAgent),
      endpointCache: new Map(),
      lastTarget: undefined,
      signer: createSigner(credentials, service.signingName, config.sha256),
    },
  };
  if (config.cacheMiddleware !== undefined) resolved.cacheMiddleware = config.cacheMiddleware;
  return resolved;
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
  if (typeof endpoint === "function") return endpoint;
  if (endpoint !== undefined) {
    const promise = Promise.resolve(typeof endpoint === "string" ? endpointFromUrl(endpoint) : endpoint);
    return () => promise;
  }
  if (process.env["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"]?.toLowerCase() === "true") return undefined;
  const serviceVariable = `AWS_ENDPOINT_URL_${service.sdkId.toUpperCase().replace(/[^A-Z0-9]+/g, "_")}`;
  const fromEnv = process.env[serviceVariable] || process.env["AWS_ENDPOINT_URL"];
  if (fromEnv) {
    const promise = Promise.resolve(endpointFromUrl(fromEnv));
    return () => promise;
  }
  return async () => {
    if ((await readSetting("ignore_configured_endpoint_urls"))?.toLowerCase() === "true") return undefined;
    const url = await readSetting("endpoint_url");
    return url === undefined ? undefined : endpointFromUrl(url);
  };
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
