/**
 * Test helpers: a loopback `node:http` server that records requests and answers from a script, fake time and
 * randomness for the runtime, and an independent SigV4 check built on node:crypto.
 */
import { createHash, createHmac } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { RuntimeHooks } from "../../src/runtime/index.js";

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body: string;
}

export interface Reply {
  readonly status: number;
  readonly headers?: Record<string, string>;
  readonly body?: string | object;
}

export type Responder = (request: RecordedRequest, index: number, res: ServerResponse, req: IncomingMessage) => Reply | "handled" | Promise<Reply | "handled">;

export interface TestServer {
  readonly url: string;
  readonly port: number;
  readonly requests: RecordedRequest[];
  close(): Promise<void>;
}

/** Starts a server on 127.0.0.1 (port 0) that answers with `respond`, recording every request. */
export async function startServer(respond: Responder): Promise<TestServer> {
  const requests: RecordedRequest[] = [];
  const server: Server = createServer((req, res) => {
    // Tests run on fake clocks; a real Date header would look like clock skew. Replies add one when wanted.
    res.sendDate = false;
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(", ") : v;
      const recorded: RecordedRequest = { method: req.method ?? "", path: req.url ?? "", headers, body: Buffer.concat(chunks).toString("utf8") };
      requests.push(recorded);
      void Promise.resolve(respond(recorded, requests.length - 1, res, req)).then((reply) => {
        if (reply === "handled") return;
        const body = reply.body === undefined ? "" : typeof reply.body === "string" ? reply.body : JSON.stringify(reply.body);
        res.writeHead(reply.status, { "content-type": "application/json", ...reply.headers });
        res.end(body);
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Fake time: `sleep` records the delay and advances the clock instantly. */
export interface FakeTime extends RuntimeHooks {
  readonly sleeps: number[];
  current: number;
}

export function fakeTime(start = Date.UTC(2026, 0, 15, 12, 0, 0), randoms: number[] = []): FakeTime {
  let uuidCounter = 0;
  const state: FakeTime = {
    sleeps: [],
    current: start,
    now: () => state.current,
    sleep: async (ms: number, signal?: AbortSignal) => {
      if (signal?.aborted) throw signal.reason;
      state.sleeps.push(ms);
      state.current += ms;
    },
    random: () => (randoms.length > 0 ? (randoms.shift() as number) : 0.5),
    uuid: () => `00000000-0000-4000-8000-${String(++uuidCounter).padStart(12, "0")}`,
  };
  return state;
}

const sha256Hex = (data: string | Buffer): string => createHash("sha256").update(data).digest("hex");
const hmac = (key: Buffer | string, data: string): Buffer => createHmac("sha256", key).update(data).digest();

/** RFC 3986 encoding as SigV4 requires. */
function uriEncode(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export interface SigV4Expectation {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly region: string;
  readonly service: string;
}

/**
 * Recomputes the SigV4 signature of a request as received and returns the parsed parts; throws when the
 * signature does not match. `rawBody` gives the exact bytes when the body is not UTF-8 text.
 */
export function verifySigV4(request: RecordedRequest, expect: SigV4Expectation, rawBody?: Buffer): { signedHeaders: string[]; amzDate: string; scope: string } {
  const auth = request.headers["authorization"] ?? "";
  const match = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$/.exec(auth);
  if (match === null) throw new Error(`malformed authorization header: ${auth}`);
  const [, keyId, date, region, service, signedList, signature] = match as unknown as string[];
  if (keyId !== expect.accessKeyId) throw new Error(`access key ${keyId} != ${expect.accessKeyId}`);
  if (region !== expect.region || service !== expect.service) throw new Error(`scope ${region}/${service} != ${expect.region}/${expect.service}`);
  const amzDate = request.headers["x-amz-date"] ?? "";
  if (amzDate.slice(0, 8) !== date) throw new Error("x-amz-date does not match the credential scope date");
  const signedHeaders = (signedList as string).split(";");
  const [rawPath, rawQuery = ""] = request.path.split("?") as [string, string?];
  const canonicalPath = rawPath
    .split("/")
    .map((segment) => uriEncode(decodeURIComponent(segment)))
    .map((segment) => uriEncode(segment)) // non-S3 services double-encode the path
    .join("/");
  const canonicalQuery = rawQuery === ""
    ? ""
    : rawQuery
        .split("&")
        .map((pair) => pair.split("=").map((p) => uriEncode(decodeURIComponent(p))) as [string, string?])
        .sort(([a, av = ""], [b, bv = ""]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
        .map(([k, v = ""]) => `${k}=${v}`)
        .join("&");
  const canonicalHeaders = signedHeaders.map((h) => `${h}:${(request.headers[h] ?? "").trim().replace(/\s+/g, " ")}\n`).join("");
  const payloadHash = sha256Hex(rawBody ?? request.body);
  if (request.headers["x-amz-content-sha256"] !== undefined && request.headers["x-amz-content-sha256"] !== payloadHash) {
    throw new Error("x-amz-content-sha256 does not match the body");
  }
  const canonicalRequest = [request.method, canonicalPath, canonicalQuery, canonicalHeaders, signedList, payloadHash].join("\n");
  const scope = `${date}/${region}/${service}/aws4_request`;
  const stringToSign = ["AWS4-HMAC-SHA256", amzDate, scope, sha256Hex(canonicalRequest)].join("\n");
  const kDate = hmac(`AWS4${expect.secretAccessKey}`, date as string);
  const kRegion = hmac(kDate, region as string);
  const kService = hmac(kRegion, service as string);
  const kSigning = hmac(kService, "aws4_request");
  const expected = createHmac("sha256", kSigning).update(stringToSign).digest("hex");
  if (expected !== signature) throw new Error(`signature mismatch: got ${signature}, computed ${expected}`);
  return { signedHeaders, amzDate, scope };
}

/** Records everything a logger receives, as text. */
export function recordingLogger(): { lines: string[]; logger: { trace(...a: unknown[]): void; debug(...a: unknown[]): void; info(...a: unknown[]): void; warn(...a: unknown[]): void; error(...a: unknown[]): void } } {
  const lines: string[] = [];
  const push = (...a: unknown[]): void => {
    lines.push(a.map((x) => (typeof x === "string" ? x : JSON.stringify(x))).join(" "));
  };
  return { lines, logger: { trace: push, debug: push, info: push, warn: push, error: push } };
}
