/**
 * The built-in HTTP handler (keep-alive, TLS with a custom CA, verification on by default) and support for a
 * user-supplied smithy RequestHandler that returns a streaming body.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import * as http from "node:http";
import { createServer as createHttpsServer } from "node:https";
import * as net from "node:net";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HttpResponse } from "@smithy/protocol-http";
import type { HttpRequest } from "@smithy/types";
import { NetworkError, NodeHttpRequestHandler, TimeoutError } from "../../src/runtime/index.js";
import { CreateWidgetCommand, WidgetClient } from "./fixtures/widget-service.js";
import { startServer } from "./helpers.js";

const CREDS = { accessKeyId: "AKID", secretAccessKey: "SECRET" };

function makeCertificate(): { key: string; cert: string } | undefined {
  const dir = mkdtempSync(join(tmpdir(), "runtime-tls-"));
  try {
    execFileSync("openssl", [
      "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
      "-keyout", join(dir, "key.pem"), "-out", join(dir, "cert.pem"), "-days", "1",
      "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
    ], { stdio: "ignore" });
    return { key: readFileSync(join(dir, "key.pem"), "utf8"), cert: readFileSync(join(dir, "cert.pem"), "utf8") };
  } catch {
    return undefined;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const tls = makeCertificate();
if (tls === undefined) console.warn("http.test: openssl is not available; skipping the TLS tests");

describe.skipIf(tls === undefined)("TLS", () => {
  let url = "";
  let close: () => Promise<void> = async () => undefined;
  beforeAll(async () => {
    const server = createHttpsServer({ key: tls!.key, cert: tls!.cert }, (req, res) => {
      req.resume();
      req.on("end", () => {
        res.writeHead(201, { "content-type": "application/json" });
        res.end('{"WidgetId":"tls"}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  });
  afterAll(() => close());

  it("rejects an untrusted certificate by default", async () => {
    const client = new WidgetClient({ region: "us-east-1", endpoint: url, credentials: CREDS, maxAttempts: 1 });
    const error = await client.send(new CreateWidgetCommand({ Name: "a" })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as Error).message).toMatch(/self[- ]signed|certificate/i);
    client.destroy();
  });

  it("trusts a custom CA bundle", async () => {
    const client = new WidgetClient({ region: "us-east-1", endpoint: url, credentials: CREDS, requestHandler: { ca: tls!.cert } });
    await expect(client.send(new CreateWidgetCommand({ Name: "a" }))).resolves.toMatchObject({ WidgetId: "tls" });
    client.destroy();
  });

  it("reads the CA bundle from the file AWS_CA_BUNDLE names", async () => {
    const dir = mkdtempSync(join(tmpdir(), "runtime-ca-"));
    const saved = process.env["AWS_CA_BUNDLE"];
    try {
      writeFileSync(join(dir, "ca.pem"), tls!.cert);
      process.env["AWS_CA_BUNDLE"] = join(dir, "ca.pem");
      const client = new WidgetClient({ region: "us-east-1", endpoint: url, credentials: CREDS });
      await expect(client.send(new CreateWidgetCommand({ Name: "a" }))).resolves.toMatchObject({ WidgetId: "tls" });
      client.destroy();
    } finally {
      if (saved === undefined) delete process.env["AWS_CA_BUNDLE"];
      else process.env["AWS_CA_BUNDLE"] = saved;
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("skips verification only when rejectUnauthorized is false", async () => {
    const client = new WidgetClient({ region: "us-east-1", endpoint: url, credentials: CREDS, requestHandler: { rejectUnauthorized: false } });
    await expect(client.send(new CreateWidgetCommand({ Name: "a" }))).resolves.toMatchObject({ WidgetId: "tls" });
    client.destroy();
  });
});

describe("connections and handlers", () => {
  it("reuses one keep-alive connection for consecutive calls", async () => {
    const sockets = new Set<unknown>();
    const server = await startServer((_r, _i, _res, req) => {
      sockets.add(req.socket);
      return { status: 201, body: {} };
    });
    const client = new WidgetClient({ region: "us-east-1", endpoint: server.url, credentials: CREDS });
    for (let i = 0; i < 5; i++) await client.send(new CreateWidgetCommand({ Name: "a" }));
    expect(sockets.size).toBe(1);
    client.destroy();
    await server.close();
  });

  it("accepts a smithy RequestHandler whose response body is a stream", async () => {
    const seen: HttpRequest[] = [];
    const requestHandler = {
      handle: async (request: HttpRequest) => {
        seen.push(request);
        return {
          response: new HttpResponse({ statusCode: 201, headers: { "x-amzn-requestid": "stream" }, body: Readable.from([Buffer.from('{"Widget'), Buffer.from('Id":"s"}')]) }),
        };
      },
    };
    const client = new WidgetClient({ region: "us-east-1", credentials: CREDS, requestHandler });
    const output = await client.send(new CreateWidgetCommand({ Name: "a" }));
    expect(output).toEqual({ WidgetId: "s", $metadata: { httpStatusCode: 201, requestId: "stream", attempts: 1, totalRetryDelay: 0 } });
    expect(seen[0]!.hostname).toBe("api.widgets.us-east-1.api.aws");
    expect(seen[0]!.headers["host"]).toBe("api.widgets.us-east-1.api.aws");
  });

  it("wraps a user handler's socket errors as NetworkError naming the host", async () => {
    const requestHandler = {
      handle: async () => {
        throw Object.assign(new Error("socket hang up"), { code: "ECONNRESET" });
      },
    };
    const client = new WidgetClient({ region: "us-east-1", credentials: CREDS, requestHandler, maxAttempts: 2, runtimeHooks: { sleep: async () => undefined } });
    const error = await client.send(new CreateWidgetCommand({ Name: "a" })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect(error).toMatchObject({ host: "api.widgets.us-east-1.api.aws", code: "ECONNRESET", $metadata: { attempts: 2 } });
  });

  it("gives up connecting after connectionTimeout with a TimeoutError naming the host", async () => {
    // A socket that never finishes connecting (loopback-only tests cannot reach a black-hole address).
    class NeverConnectingAgent extends http.Agent {
      override createConnection(): net.Socket {
        const socket = new net.Socket();
        (socket as { connecting: boolean }).connecting = true;
        return socket;
      }
    }
    const handler = new NodeHttpRequestHandler({ connectionTimeout: 50, httpAgent: new NeverConnectingAgent() });
    const error = await handler
      .handle({ protocol: "http:", hostname: "127.0.0.1", port: 9, method: "GET", path: "/", headers: {} } as HttpRequest)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ phase: "connect", timeoutMs: 50, host: "127.0.0.1:9" });
    handler.destroy();
  });

  it("pipes a streaming request body", async () => {
    const server = await startServer((req) => ({ status: 200, body: { echo: req.body } }));
    const handler = new NodeHttpRequestHandler();
    const { response } = await handler.handle({
      protocol: "http:", hostname: "127.0.0.1", port: server.port, method: "POST", path: "/", headers: { "transfer-encoding": "chunked" },
      body: Readable.from([Buffer.from("str"), Buffer.from("eam")]),
    } as HttpRequest);
    expect(JSON.parse(Buffer.from(response.body as Uint8Array).toString("utf8"))).toEqual({ echo: "stream" });
    handler.destroy();
    await server.close();
  });

  it("passes the query string through", async () => {
    const server = await startServer(() => ({ status: 200, body: "{}" }));
    const handler = new NodeHttpRequestHandler();
    await handler.handle({ protocol: "http:", hostname: "127.0.0.1", port: server.port, method: "GET", path: "/x", query: { b: "2 3", a: ["1", "0"], flag: null }, headers: {} } as HttpRequest);
    expect(server.requests[0]!.path).toBe("/x?b=2%203&a=1&a=0&flag");
    handler.destroy();
    await server.close();
  });

  it("sends the request's headers as given and adds Host only when the request has none", async () => {
    const server = await startServer(() => ({ status: 200, body: "{}" }));
    const handler = new NodeHttpRequestHandler();
    const base = { protocol: "http:", hostname: "127.0.0.1", port: server.port, method: "POST", path: "/h", body: "{}" };
    await handler.handle({ ...base, headers: { "X-Mixed-Case": "kept", "content-length": "2" } } as HttpRequest);
    await handler.handle({ ...base, headers: { Host: "named.example", "content-length": "2" } } as HttpRequest);
    expect(server.requests[0]!.headers).toMatchObject({ host: `127.0.0.1:${server.port}`, "x-mixed-case": "kept" });
    expect(server.requests[1]!.headers["host"]).toBe("named.example");
    await expect(
      handler.handle({ ...base, headers: { "x-bad": "line\nbreak" } } as HttpRequest),
    ).rejects.toThrow(/x-bad/);
    handler.destroy();
    await server.close();
  });
});
