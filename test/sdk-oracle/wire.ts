/**
 * The differential wire check: one input through the generated client and through the official AWS SDK v3
 * client of the same service, both sending over real sockets to one loopback recorder (each through its own
 * transport: ours, and the SDK's `NodeHttpHandler`), and the two requests compared as the service would read
 * them. Hosts are kept: each client dials the loopback port but sends (and signs) the host it resolved.
 */
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** A request as it arrived at the recorder. @internal */
export interface Recorded {
  readonly method: string;
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
}

/** One scripted answer of the recorder. @internal */
export interface Reply {
  readonly headers?: Readonly<Record<string, string>>;
  readonly body: string;
}

/** A loopback server that records each request and answers the next queued reply, else `200 {}`. @internal */
export class Recorder {
  readonly requests: Recorded[] = [];
  /** Answers for the next requests, in order. */
  readonly replies: Reply[] = [];
  private constructor(
    private readonly server: Server,
    readonly port: number,
  ) {}

  static async start(): Promise<Recorder> {
    const requests: Recorded[] = [];
    const replies: Reply[] = [];
    const server = createServer((req: IncomingMessage, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        const headers: Record<string, string> = {};
        for (const [name, value] of Object.entries(req.headers)) if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(", ") : value;
        requests.push({ method: req.method ?? "", path: req.url ?? "", headers, body: Buffer.concat(chunks) });
        const reply = replies.shift() ?? { body: "{}" };
        res.writeHead(200, { "content-type": "application/json", "x-amzn-requestid": "req-1", ...reply.headers });
        res.end(reply.body);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const recorder = new Recorder(server, (server.address() as AddressInfo).port);
    Object.assign(recorder, { requests, replies });
    return recorder;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

interface HandlerLike {
  handle(request: any, options?: any): Promise<any>;
}

/**
 * A request handler that dials the recorder, keeping the request's Host header (hence its signature). The
 * request is copied, since both clients may look at it after sending.
 * @internal
 */
export function toRecorder(inner: HandlerLike, port: number): HandlerLike & { metadata: { handlerProtocol: string } } {
  return {
    metadata: { handlerProtocol: "http/1.1" },
    handle(request, options) {
      const host: string = request.port === undefined ? request.hostname : `${request.hostname}:${request.port}`;
      const headers: Record<string, string> = { ...request.headers };
      if (!Object.keys(headers).some((h) => h.toLowerCase() === "host")) headers["host"] = host;
      const copy = Object.assign(Object.create(Object.getPrototypeOf(request) as object) as object, request, { hostname: "127.0.0.1", port, protocol: "http:", headers });
      return inner.handle(copy, options);
    },
  };
}

/** Headers that differ by design between two clients (ids, dates, library names). */
const VOLATILE = new Set(["authorization", "x-amz-date", "amz-sdk-invocation-id", "user-agent", "x-amz-user-agent", "connection"]);

/** Idempotency tokens each client fills with its own fresh UUID. */
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}/g;

function withoutUuids(value: unknown): unknown {
  if (typeof value === "string") return value.replace(UUID, "<uuid>");
  if (Array.isArray(value)) return value.map(withoutUuids);
  if (typeof value === "object" && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withoutUuids(v)]));
  return value;
}

/** The comparable form of a request: method, path, sorted query, headers, signed-header list, body. @internal */
export function comparable(r: Recorded): Record<string, unknown> {
  const [path, query = ""] = r.path.split("?", 2) as [string, string?];
  const pairs = query === "" ? [] : query.split("&").sort();
  const headers: Record<string, string> = {};
  for (const name of Object.keys(r.headers).sort()) if (!VOLATILE.has(name)) headers[name] = r.headers[name]!;
  const signed = /SignedHeaders=([^,]+)/.exec(r.headers["authorization"] ?? "")?.[1] ?? "";
  let body: unknown = r.body.toString("utf8");
  if ((r.headers["content-type"] ?? "").includes("json") && r.body.length > 0) {
    try {
      body = JSON.parse(body as string);
      // Compared as JSON values: member order follows the model version each client was generated from (the
      // SDK's may be newer), and with it the payload hash.
      delete headers["x-amz-content-sha256"];
    } catch {
      // compared as text
    }
  }
  if (UUID.test(r.body.toString("utf8"))) delete headers["x-amz-content-sha256"];
  UUID.lastIndex = 0;
  return withoutUuids({ method: r.method, path, query: pairs, headers, signedHeaders: signed, body }) as Record<string, unknown>;
}
