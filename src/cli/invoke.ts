/**
 * Sends one operation through the generated client: client options from the global options (region,
 * endpoint, profile, TLS, timeouts, unsigned requests), a request handler that logs the signed request and the
 * response under `--debug` with secrets redacted, and the mapping of every failure to the AWS CLI's message
 * and exit code.
 *
 * @packageDocumentation
 */
import type { HttpHandlerOptions, HttpRequest, HttpResponse, Logger, RequestHandler, RequestHandlerOutput } from "@smithy/types";
import type { ClientConfig, OperationSchemaEntry, ShapeSchema } from "../runtime/index.js";
import type { GlobalOptions } from "./argv.js";
import type { CliClientFactory } from "./binding.js";
import { CliError, ConfigurationError, ExitCode, ParameterValidationError } from "./errors.js";
import { signingLog } from "./debug-signing.js";
import { redactValue } from "./redact.js";
import { serviceErrorSentence } from "./service-error.js";

/** Where diagnostics go. @internal */
export interface DebugSink {
  (line: string): void;
}

/** @public */
export interface InvokeOptions {
  readonly entry: OperationSchemaEntry;
  readonly input: Record<string, unknown>;
  readonly globals: GlobalOptions;
  readonly caBundle?: string | undefined;
  /** False with `parameter_validation = false`: the client's validators are off too. */
  readonly validateInput?: boolean | undefined;
  readonly factory: CliClientFactory;
  readonly debug?: DebugSink | undefined;
  readonly signal?: AbortSignal | undefined;
}

const NO_CREDENTIALS = 'Unable to locate credentials. You can configure credentials by running "aws configure".';
const NO_REGION = 'You must specify a region. You can also configure your region by running "aws configure".';
const SECRET_HEADERS = new Set(["authorization", "x-amz-security-token", "cookie", "set-cookie", "proxy-authorization"]);
const AUTH_HEADERS = ["authorization", "x-amz-date", "x-amz-security-token", "x-amz-content-sha256"];
const REDACTED = "***SensitiveInformation***";
/** Node's codes for certificates that do not verify. */
const TLS_ERRORS = /CERT|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)|ERR_TLS|ERR_SSL/;

/**
 * Wraps the real request handler: removes signing headers for `--no-sign-request`, and logs the request as
 * sent and the response as received when debugging.
 */
class CliRequestHandler implements RequestHandler<HttpRequest, HttpResponse, HttpHandlerOptions> {
  readonly metadata = { handlerProtocol: "http/1.1" };
  constructor(
    private readonly inner: RequestHandler<HttpRequest, HttpResponse, HttpHandlerOptions>,
    private readonly unsigned: boolean,
    private readonly entry: OperationSchemaEntry,
    private readonly debug: DebugSink | undefined,
  ) {}

  async handle(request: HttpRequest, options?: HttpHandlerOptions): Promise<RequestHandlerOutput<HttpResponse>> {
    if (this.unsigned) {
      for (const name of Object.keys(request.headers)) {
        if (AUTH_HEADERS.includes(name.toLowerCase())) delete request.headers[name];
      }
    }
    if (this.debug !== undefined) {
      // The blocks botocore logs before each request, rebuilt from the signed request.
      const signing = signingLog(request);
      if (signing !== undefined) {
        this.debug(`CanonicalRequest:\n${signing.canonicalRequest}`);
        this.debug(`StringToSign:\n${signing.stringToSign}`);
      }
      const port = request.port === undefined ? "" : `:${request.port}`;
      this.debug(`Sending http request: ${request.method} ${request.protocol}//${request.hostname}${port}${request.path}`);
      this.debug(`Request headers: ${JSON.stringify(redactHeaders(request.headers))}`);
      this.debug(`Request body: ${redactBody(request.body, this.entry.input)}`);
    }
    const result = await this.inner.handle(request, options);
    if (this.debug !== undefined) {
      const response = result.response;
      this.debug(`Response status: ${response.statusCode}`);
      this.debug(`Response headers: ${JSON.stringify(redactHeaders(response.headers))}`);
      const body = response.body instanceof Uint8Array || typeof response.body === "string" ? response.body : undefined;
      if (body !== undefined) {
        const ok = response.statusCode >= 200 && response.statusCode < 300;
        this.debug(`Response body: ${ok ? redactBody(body, this.entry.output) : decode(body)}`);
      }
    }
    return result;
  }

  updateHttpClientConfig(): void {}
  httpHandlerConfigs(): Record<string, never> {
    return {};
  }
  destroy(): void {
    (this.inner as { destroy?: () => void }).destroy?.();
  }
}

function redactHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) out[k] = SECRET_HEADERS.has(k.toLowerCase()) ? REDACTED : v;
  return out;
}

function decode(body: unknown): string {
  if (typeof body === "string") return body;
  if (body instanceof Uint8Array) return new TextDecoder().decode(body);
  return "";
}

/** JSON bodies are redacted member by member; anything else is shown only as its size. */
function redactBody(body: unknown, schema: ShapeSchema): string {
  const text = decode(body);
  if (text === "") return "";
  try {
    return JSON.stringify(redactValue(JSON.parse(text), schema));
  } catch {
    return `<${text.length} bytes>`;
  }
}

async function clientConfig(options: InvokeOptions): Promise<ClientConfig> {
  const { globals } = options;
  const { NodeHttpRequestHandler } = await import("../runtime/index.js");
  const seconds = (value: number | undefined): number => (value === undefined ? 60_000 : value * 1000);
  const httpOptions: ConstructorParameters<typeof NodeHttpRequestHandler>[0] = {
    connectionTimeout: seconds(globals.connectTimeout),
    requestTimeout: seconds(globals.readTimeout),
    rejectUnauthorized: globals.verifySsl,
  };
  // The AWS CLI never reads the bundle for a plain-HTTP endpoint.
  if (options.caBundle !== undefined && !/^http:/i.test(globals.endpointUrl ?? "")) {
    const { readFileSync } = await import("node:fs");
    try {
      httpOptions.ca = readFileSync(options.caBundle);
    } catch (error) {
      throw new CliError(`Could not read the CA bundle ${options.caBundle}: ${(error as Error).message}`, ExitCode.other);
    }
  }
  const handler = new CliRequestHandler(new NodeHttpRequestHandler(httpOptions), !globals.signRequest, options.entry, options.debug);
  const config: ClientConfig = { requestHandler: handler };
  if (options.validateInput === false) config.validateInput = false;
  if (globals.region !== undefined) config.region = globals.region;
  if (globals.endpointUrl !== undefined) config.endpoint = globals.endpointUrl;
  if (globals.profile !== undefined) config.profile = globals.profile;
  // Unsigned requests need no credentials; the handler strips what the signer adds.
  if (!globals.signRequest) config.credentials = { accessKeyId: "anonymous", secretAccessKey: "anonymous" };
  if (options.debug !== undefined) config.logger = debugLogger(options.debug);
  return config;
}

function debugLogger(sink: DebugSink): Logger {
  const line = (...args: unknown[]): void => sink(args.map((a) => (typeof a === "string" ? a : JSON.stringify(a))).join(" "));
  return { trace: line, debug: line, info: line, warn: line, error: line };
}

/**
 * Sends the operation and returns the client's output.
 * @throws {@link CliError} with the AWS CLI's wording and exit code for every failure.
 * @public
 */
export async function invokeOperation(options: InvokeOptions): Promise<unknown> {
  return withOperationClient(options, (send) => send(options.input));
}

/**
 * Runs `use` with one client that sends the operation with any input (a paginated command sends several
 * pages through the same client and connection).
 * @throws {@link CliError} with the AWS CLI's wording and exit code for every failure.
 * @public
 */
export async function withOperationClient<T>(options: InvokeOptions, use: (send: (input: object) => Promise<unknown>) => Promise<T>): Promise<T> {
  const config = await clientConfig(options);
  const client = options.factory.createClient(config);
  const sendOptions = options.signal === undefined ? undefined : { abortSignal: options.signal };
  try {
    return await use((input) => client.send(options.factory.createCommand(options.entry.name, input), sendOptions));
  } catch (error) {
    let maxAttempts: number | undefined;
    try {
      maxAttempts = await client.config?.maxAttempts?.();
    } catch {
      maxAttempts = undefined;
    }
    throw toCliError(error, options, maxAttempts);
  } finally {
    client.destroy?.();
  }
}

interface ErrorLike {
  name?: unknown;
  message?: unknown;
  $fault?: unknown;
  $metadata?: { attempts?: number; httpStatusCode?: number };
  violations?: readonly { path: string; message: string }[];
  phase?: unknown;
}

/**
 * Maps a failure of `client.send` to the AWS CLI's message and exit code.
 * @internal
 */
export function toCliError(error: unknown, options: Pick<InvokeOptions, "entry" | "globals">, maxAttempts?: number): CliError {
  if (error instanceof CliError) return error;
  const e = (typeof error === "object" && error !== null ? error : {}) as ErrorLike;
  const name = typeof e.name === "string" ? e.name : "Error";
  const message = typeof e.message === "string" ? e.message : String(error);
  if (name === "InputValidationError" && Array.isArray(e.violations)) {
    // Each violation's message names its path; prefix the path when a message does not.
    const count = (e as { violationCount?: unknown }).violationCount;
    return new ParameterValidationError(
      e.violations.map((v) => (v.path === "" || v.message.includes(v.path) ? v.message : `${v.path}: ${v.message}`)),
      typeof count === "number" ? count : e.violations.length,
    );
  }
  // The AWS CLI's sentences; what the credential chain tried shows under --debug.
  if (name === "CredentialsProviderError") {
    // An SSO login that expired (or was never made) is not a missing credential: say which login to redo.
    if (/\bsso login\b/.test(message)) return new CliError(message, ExitCode.other);
    return new ConfigurationError(NO_CREDENTIALS);
  }
  if (name === "ConfigurationError") {
    if (/region/i.test(message)) return new ConfigurationError(NO_REGION);
    return new CliError(message, /credential/i.test(message) ? ExitCode.configuration : ExitCode.other);
  }
  const url = endpointUrl(options, typeof (e as { host?: unknown }).host === "string" ? (e as { host: string }).host : undefined);
  if (name === "TimeoutError") {
    const phase = e.phase === "connect" ? "Connect" : "Read";
    return new CliError(`${phase} timeout on endpoint URL: "${url}"`, ExitCode.other);
  }
  if (name === "NetworkError") {
    const cause = (e as { cause?: { code?: unknown; message?: unknown } }).cause;
    if (typeof cause?.code === "string" && TLS_ERRORS.test(cause.code)) {
      return new CliError(`SSL validation failed for ${url} ${String(cause.message ?? cause.code)}`, ExitCode.other);
    }
    // Refused, unresolvable, unreachable: nothing was sent. Reset or closed: the request may have been acted on.
    if (CLOSED_AFTER_CONNECT.has(String((e as { code?: unknown }).code))) {
      return new CliError(`Connection was closed before we received a valid response from endpoint URL: "${url}".`, ExitCode.other);
    }
    return new CliError(`Could not connect to the endpoint URL: "${url}"`, ExitCode.other);
  }
  if (name === "AbortError") return new CliError("", ExitCode.interrupted);
  if ((e.$fault === "client" || e.$fault === "server") && e.$metadata !== undefined) {
    const attempts = e.$metadata.attempts ?? 1;
    const response = (e as { $response?: { statusCode?: number; headers?: Record<string, string>; body?: unknown } }).$response;
    const body = response?.body instanceof Uint8Array || typeof response?.body === "string" ? response.body : undefined;
    const sentence = serviceErrorSentence({
      operation: options.entry.name,
      name,
      message,
      status: response?.statusCode ?? e.$metadata.httpStatusCode,
      headers: response?.headers,
      body,
      attempts,
      maxAttempts: maxAttempts ?? (attempts > 1 ? attempts : undefined),
    });
    return new CliError(sentence, ExitCode.service);
  }
  return new CliError(message, ExitCode.other);
}

/** System error codes of a connection that was made and then dropped (botocore's ConnectionClosedError). */
const CLOSED_AFTER_CONNECT: ReadonlySet<string> = new Set(["ECONNRESET", "EPIPE"]);

function endpointUrl(options: Pick<InvokeOptions, "entry" | "globals">, host: string | undefined): string {
  const base = options.globals.endpointUrl ?? (host === undefined ? "" : `https://${host}`);
  return `${base.replace(/\/$/, "")}${options.entry.http.uri}`;
}
