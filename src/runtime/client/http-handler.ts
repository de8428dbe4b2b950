/**
 * The built-in HTTP handler: Node `http`/`https` with keep-alive agents, connect and response timeouts,
 * `AbortSignal`, a custom CA bundle and TLS verification (on unless explicitly disabled). It reads the whole
 * response body, since every response of a JSON protocol is consumed in full anyway. `node:https` (and with it
 * `node:tls`) is loaded on the first `https:` request only, so plain-http clients (local emulator) never pay for it.
 */
import * as http from "node:http";
import type * as https from "node:https";
import { readFileSync } from "node:fs";
import type { Socket } from "node:net";
import type { Readable } from "node:stream";
import { HttpResponse } from "@smithy/protocol-http";
import type { HttpHandlerOptions, HttpRequest, RequestHandler, RequestHandlerOutput } from "@smithy/types";
import { onAbort, type AbortSignalLike } from "./abort.js";
import { AbortError, ConfigurationError, NetworkError, RequestFailedError, TimeoutError } from "./errors.js";

/**
 * Options of the built-in handler (the SDK's `NodeHttpHandlerOptions` numbers, plus TLS settings).
 * @public
 */
export interface NodeHttpOptions {
  /** Milliseconds to establish a connection (TCP + TLS); 0 = no limit. Default 0. */
  connectionTimeout?: number | undefined;
  /** Milliseconds the socket may stay silent while waiting for the response; 0 = no limit. Default 0. */
  requestTimeout?: number | undefined;
  /** Same as `requestTimeout` (the SDK's newer name); the smaller non-zero one applies. */
  socketTimeout?: number | undefined;
  /** Reuse connections; default true. */
  keepAlive?: boolean | undefined;
  /** Sockets per host; default 50. */
  maxSockets?: number | undefined;
  /** The trusted CA certificates (PEM), replacing Node's defaults; default: the file `AWS_CA_BUNDLE` names, if set. */
  ca?: string | Buffer | Array<string | Buffer> | undefined;
  /** Verify TLS certificates; default true. Set false only for local testing. */
  rejectUnauthorized?: boolean | undefined;
  /** An agent (or agent options) for `http:` instead of the built-in keep-alive one. */
  httpAgent?: http.Agent | http.AgentOptions | undefined;
  /** An agent (or agent options) for `https:`; its own CA and verification settings then apply. */
  httpsAgent?: https.Agent | https.AgentOptions | undefined;
}

/**
 * A smithy `RequestHandler` over Node's `http`/`https`. Response bodies come back as `Uint8Array`.
 * @public
 */
export class NodeHttpRequestHandler implements RequestHandler<HttpRequest, HttpResponse, HttpHandlerOptions> {
  readonly metadata = { handlerProtocol: "http/1.1" };
  readonly #options: NodeHttpOptions;
  #httpAgent: http.Agent | undefined;
  #httpsAgent: https.Agent | undefined;

  constructor(options: NodeHttpOptions = {}) {
    this.#options = { ...options };
  }

  /** Changes one option, as smithy's handlers allow (`extensions`, defaults mode); agents made already stay. */
  updateHttpClientConfig<K extends keyof NodeHttpOptions>(key: K, value: NodeHttpOptions[K]): void {
    this.#options[key] = value;
  }

  /** The options in effect. */
  httpHandlerConfigs(): NodeHttpOptions {
    return { ...this.#options };
  }

  handle(request: HttpRequest, options?: HttpHandlerOptions): Promise<RequestHandlerOutput<HttpResponse>> {
    if (httpsModule === undefined && (request.protocol === "https:" || request.protocol === "https")) {
      return loadHttps().then(() => this.handle(request, options));
    }
    return new Promise((resolve, reject) => {
      const host = request.port === undefined ? request.hostname : `${request.hostname}:${request.port}`;
      const signal = options?.abortSignal as AbortSignalLike | undefined;
      if (signal?.aborted) {
        reject(new AbortError(host, signal.reason));
        return;
      }
      const secure = request.protocol === "https:" || request.protocol === "https";
      const hostname = request.hostname.startsWith("[") ? request.hostname.slice(1, -1) : request.hostname;
      const req = (secure ? (httpsModule as typeof https) : http).request({
        protocol: secure ? "https:" : "http:",
        hostname,
        port: request.port,
        method: request.method,
        path: requestPath(request),
        headers: headerList(request.headers, host, request.body === undefined || request.body === null || request.body === "" ? request.method : undefined),
        agent: secure ? this.#secureAgent() : this.#plainAgent(),
      });

      let settled = false;
      let connectTimer: NodeJS.Timeout | undefined;
      let stopListening = (): void => undefined;
      const fail = (error: unknown): void => {
        if (settled) return;
        settled = true;
        cleanup();
        reject(error instanceof RequestFailedError ? error : new NetworkError(host, error));
      };
      const cleanup = (): void => {
        if (connectTimer !== undefined) clearTimeout(connectTimer);
        stopListening();
      };
      stopListening = onAbort(signal, () => req.destroy(new AbortError(host, signal?.reason)));

      const connectionTimeout = this.#options.connectionTimeout ?? 0;
      if (connectionTimeout > 0) {
        req.once("socket", (socket: Socket) => {
          if (!socket.connecting) return; // a reused keep-alive socket is already connected
          connectTimer = setTimeout(() => req.destroy(new TimeoutError(host, "connect", connectionTimeout)), connectionTimeout);
          socket.once(secure ? "secureConnect" : "connect", () => clearTimeout(connectTimer));
        });
      }
      const readTimeout = smallestPositive(options?.requestTimeout, this.#options.requestTimeout, this.#options.socketTimeout);
      if (readTimeout > 0) {
        req.setTimeout(readTimeout, () => req.destroy(new TimeoutError(host, "response", readTimeout)));
      }

      req.on("error", fail);
      req.on("response", (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("error", fail);
        res.on("close", () => {
          if (!res.complete) fail(new NetworkError(host, Object.assign(new Error("connection closed before the response was complete"), { code: "ECONNRESET" })));
        });
        res.on("end", () => {
          if (settled) return;
          settled = true;
          cleanup();
          const body = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks);
          const response = new HttpResponse({
            statusCode: res.statusCode ?? 0,
            headers: flattenHeaders(res.headers),
            body: new Uint8Array(body.buffer, body.byteOffset, body.byteLength),
          });
          if (res.statusMessage !== undefined) response.reason = res.statusMessage;
          resolve({ response });
        });
      });
      const body = request.body as unknown;
      if (body !== null && typeof body === "object" && typeof (body as Readable).pipe === "function") {
        // A streaming body (e.g. set by user middleware) is piped; its errors fail the request.
        (body as Readable).on("error", (error) => req.destroy(error)).pipe(req);
      } else {
        req.end(body as string | Uint8Array | undefined);
      }
    });
  }

  /** Closes pooled connections. */
  destroy(): void {
    this.#httpAgent?.destroy();
    this.#httpsAgent?.destroy();
    this.#httpAgent = undefined;
    this.#httpsAgent = undefined;
  }

  #plainAgent(): http.Agent {
    if (this.#httpAgent !== undefined) return this.#httpAgent;
    const given = this.#options.httpAgent;
    if (given instanceof http.Agent) return (this.#httpAgent = given);
    return (this.#httpAgent = new http.Agent({ keepAlive: this.#options.keepAlive ?? true, maxSockets: this.#options.maxSockets ?? 50, ...given }));
  }

  /** Only called once `node:https` is loaded. */
  #secureAgent(): https.Agent {
    if (this.#httpsAgent !== undefined) return this.#httpsAgent;
    const { Agent } = httpsModule as typeof https;
    const given = this.#options.httpsAgent;
    if (given instanceof Agent) return (this.#httpsAgent = given);
    const tls: https.AgentOptions = { keepAlive: this.#options.keepAlive ?? true, maxSockets: this.#options.maxSockets ?? 50, ...given };
    // A CA bundle from the option, else from the file AWS_CA_BUNDLE names (as the AWS CLI does). Like Node's
    // `ca`, a bundle replaces the default roots.
    const bundle = this.#options.ca ?? tls.ca ?? readCaBundle(process.env["AWS_CA_BUNDLE"]);
    if (bundle !== undefined) tls.ca = bundle;
    // Verification stays on unless the caller says false in so many words.
    tls.rejectUnauthorized = this.#options.rejectUnauthorized !== false && given?.rejectUnauthorized !== false;
    return (this.#httpsAgent = new Agent(tls));
  }
}

/** `node:https`, once some request needed it. */
let httpsModule: typeof https | undefined;
let httpsLoading: Promise<void> | undefined;
function loadHttps(): Promise<void> {
  return (httpsLoading ??= import("node:https").then((m) => {
    httpsModule = m;
  }));
}

function readCaBundle(path: string | undefined): Buffer | undefined {
  if (path === undefined || path === "") return undefined;
  try {
    return readFileSync(path);
  } catch (error) {
    throw new ConfigurationError(`AWS_CA_BUNDLE: cannot read ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function smallestPositive(...values: Array<number | undefined>): number {
  let best = 0;
  for (const v of values) if (v !== undefined && v > 0 && (best === 0 || v < best)) best = v;
  return best;
}

function requestPath(request: HttpRequest): string {
  const query = request.query;
  if (query === undefined || isEmpty(query)) return request.path;
  const parts: string[] = [];
  for (const [key, value] of Object.entries(query)) {
    const k = encodeQuery(key);
    if (value === null) parts.push(k);
    else if (Array.isArray(value)) for (const v of value) parts.push(`${k}=${encodeQuery(v)}`);
    else parts.push(`${k}=${encodeQuery(value)}`);
  }
  return parts.length === 0 ? request.path : `${request.path}?${parts.join("&")}`;
}

function isEmpty(record: object): boolean {
  for (const _ in record) return false;
  return true;
}

/**
 * Headers as the flat name/value list Node also accepts: Node then writes them as given (still validating each)
 * instead of storing them one `setHeader` call at a time, which costs several microseconds per request. In this
 * form Node adds neither a `Host` nor the `Content-Length: 0` of an empty body, so they are added here.
 *
 * @param emptyBodyMethod - the method, when the request has no body: a method that normally carries one (POST,
 *   PUT, PATCH) then says `Content-Length: 0`, as Node (and so the AWS SDK) does, instead of going chunked.
 */
function headerList(headers: Record<string, string>, host: string, emptyBodyMethod: string | undefined): string[] {
  const list: string[] = [];
  let hasHost = false;
  let hasLength = false;
  for (const name in headers) {
    const value = headers[name];
    if (value === undefined) continue;
    list.push(name, value);
    if (!hasHost && name.length === 4 && name.toLowerCase() === "host") hasHost = true;
    else if (!hasLength && (name.length === 14 || name.length === 17)) {
      const lower = name.toLowerCase();
      hasLength = lower === "content-length" || lower === "transfer-encoding";
    }
  }
  if (!hasHost) list.push("host", host);
  if (!hasLength && emptyBodyMethod !== undefined && !NO_DEFAULT_BODY.has(emptyBodyMethod.toUpperCase())) list.push("content-length", "0");
  return list;
}

/** Methods Node sends without a body by default (its `useChunkedEncodingByDefault` is false for them). */
const NO_DEFAULT_BODY: ReadonlySet<string> = new Set(["GET", "HEAD", "DELETE", "OPTIONS", "TRACE", "CONNECT"]);

/** RFC 3986 unreserved characters stay; everything else is percent-encoded (as SigV4 canonicalises). */
function encodeQuery(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function flattenHeaders(headers: http.IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name in headers) {
    const value = headers[name];
    if (value === undefined) continue;
    out[name] = typeof value === "string" ? value : value.join(", ");
  }
  return out;
}
