/**
 * Every way a call can fail: invalid input (nothing sent), modelled and unknown service errors, network
 * failures, timeouts and aborts — each with its typed error and `$metadata`.
 */
import { afterEach, describe, expect, it } from "vitest";
import { AbortError, InputValidationError, NetworkError, TimeoutError } from "../../src/runtime/index.js";
import { ConflictException, CreateWidgetCommand, ValidationException, WidgetClient, WidgetServiceException } from "./fixtures/widget-service.js";
import { fakeTime, startServer, type Reply, type TestServer } from "./helpers.js";

const CREDS = { accessKeyId: "AKID", secretAccessKey: "SECRET" };

let server: TestServer | undefined;
let client: WidgetClient | undefined;
afterEach(async () => {
  client?.destroy();
  await server?.close();
  server = undefined;
  client = undefined;
});

async function setup(respond: Parameters<typeof startServer>[0], config: ConstructorParameters<typeof WidgetClient>[0] = {}) {
  server = await startServer(respond);
  client = new WidgetClient({ region: "us-east-1", endpoint: server.url, credentials: CREDS, runtimeHooks: fakeTime(), ...config });
  return { server, client };
}

describe("input validation", () => {
  it("throws one error listing every violation and sends nothing", async () => {
    const { server, client } = await setup(() => ({ status: 201, body: {} }));
    const error = await client.send(new CreateWidgetCommand({ Name: "", Size: 2000 })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputValidationError);
    const v = error as InputValidationError;
    expect(v.violations.map((x) => [x.path, x.rule])).toEqual([
      ["Name", "length"],
      ["Size", "range"],
    ]);
    expect(v.message).toContain("CreateWidget: 2 invalid parameters");
    expect(v.message).toContain("Name: length must be between 1 and 64, got 0");
    expect(v.message).toContain("Size: must be between 1 and 100, got 2000");
    expect(server.requests).toHaveLength(0);
  });

  it("sends the input as is when validateInput is false", async () => {
    const { server, client } = await setup(() => ({ status: 201, body: {} }), { validateInput: false });
    await client.send(new CreateWidgetCommand({ Name: "", Size: 2000 }));
    expect(JSON.parse(server.requests[0]!.body)).toMatchObject({ Name: "", Size: 2000 });
  });
});

describe("service errors", () => {
  const reply = (status: number, headers: Record<string, string>, body: object | string): Reply => ({ status, headers, body });

  it("turns a modelled code into its class with $fault, $metadata, $response and the message", async () => {
    const { client } = await setup(() => reply(409, { "x-amzn-errortype": "ConflictException:http://internal.amazon.com/", "x-amzn-requestid": "rid-9" }, { message: "already exists" }));
    const error = await client.send(new CreateWidgetCommand({ Name: "gear" })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictException);
    expect(error).toBeInstanceOf(WidgetServiceException);
    expect(error).toMatchObject({
      name: "ConflictException",
      message: "already exists",
      $fault: "client",
      $metadata: { httpStatusCode: 409, requestId: "rid-9", attempts: 1, totalRetryDelay: 0 },
    });
    expect((error as { $response?: { statusCode: number } }).$response?.statusCode).toBe(409);
  });

  it("reads the code from the body when there is no header", async () => {
    const { client } = await setup(() => reply(400, {}, { __type: "com.example#ValidationException", Message: "bad" }));
    const error = await client.send(new CreateWidgetCommand({ Name: "gear" })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationException);
    expect(error).toMatchObject({ message: "bad", $metadata: { httpStatusCode: 400 } });
  });

  it("gives an unknown code the base class named after the code", async () => {
    const { client } = await setup(() => reply(418, { "x-amzn-errortype": "TeapotException" }, { message: "short and stout" }));
    const error = await client.send(new CreateWidgetCommand({ Name: "gear" })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WidgetServiceException);
    expect(error).toMatchObject({ name: "TeapotException", $fault: "client", message: "short and stout", $metadata: { httpStatusCode: 418, attempts: 1 } });
  });

  it("reports Unknown when there is no code at all", async () => {
    const { client } = await setup(() => reply(400, {}, {}));
    const error = await client.send(new CreateWidgetCommand({ Name: "gear" })).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "Unknown", message: "UnknownError", $metadata: { httpStatusCode: 400 } });
  });
});

describe("transport errors", () => {
  it("names host and cause when the connection is refused", async () => {
    const { server, client } = await setup(() => ({ status: 201 }), { maxAttempts: 2 });
    const port = server.port;
    await server.close();
    const error = await client.send(new CreateWidgetCommand({ Name: "gear" })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect(error).toMatchObject({ code: "ECONNREFUSED", host: `127.0.0.1:${port}`, $fault: "client", $metadata: { attempts: 2 } });
    expect((error as Error).message).toMatch(new RegExp(`127\\.0\\.0\\.1:${port}.*ECONNREFUSED`));
  });

  it("times out a silent server, retries, and reports a TimeoutError when attempts run out", async () => {
    const { server, client } = await setup(() => "handled", { requestHandler: { requestTimeout: 50 }, maxAttempts: 2 });
    const error = await client.send(new CreateWidgetCommand({ Name: "gear" })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ phase: "response", timeoutMs: 50, host: `127.0.0.1:${server.port}`, $metadata: { attempts: 2 } });
    expect(server.requests).toHaveLength(2);
  });

  it("recovers when a timed-out attempt is followed by an answer", async () => {
    const { server, client } = await setup((_r, i) => (i === 0 ? "handled" : { status: 201, body: { WidgetId: "late" } }), { requestHandler: { requestTimeout: 50 } });
    const output = await client.send(new CreateWidgetCommand({ Name: "gear" }));
    expect(output).toMatchObject({ WidgetId: "late", $metadata: { attempts: 2 } });
    expect(server.requests).toHaveLength(2);
  });

  it("honours a per-call requestTimeout passed in send options", async () => {
    const { client } = await setup(() => "handled", { maxAttempts: 1 });
    const error = await client.send(new CreateWidgetCommand({ Name: "gear" }), { requestTimeout: 30 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "TimeoutError", timeoutMs: 30 });
  });

  it("aborts an in-flight request through the AbortSignal", async () => {
    const controller = new AbortController();
    const { server, client } = await setup(() => {
      controller.abort();
      return "handled";
    });
    const error = await client.send(new CreateWidgetCommand({ Name: "gear" }), { abortSignal: controller.signal }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AbortError);
    expect(error).toMatchObject({ host: `127.0.0.1:${server.port}`, $metadata: { attempts: 1 } });
    expect(server.requests).toHaveLength(1);
  });

  it("accepts the older smithy AbortSignal shape (aborted + onabort)", async () => {
    const legacy: { aborted: boolean; onabort: (() => void) | null } = { aborted: false, onabort: null };
    const { client } = await setup(() => {
      legacy.aborted = true;
      legacy.onabort?.();
      return "handled";
    });
    const error = await client.send(new CreateWidgetCommand({ Name: "gear" }), { abortSignal: legacy as never }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AbortError);
    expect(legacy.onabort).toBeNull();
  });

  it("sends nothing when the signal is already aborted", async () => {
    const { server, client } = await setup(() => ({ status: 201 }));
    const error = await client.send(new CreateWidgetCommand({ Name: "gear" }), { abortSignal: AbortSignal.abort() }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AbortError);
    expect(server.requests).toHaveLength(0);
  });

  it("stops waiting between retries when aborted during the backoff", async () => {
    const controller = new AbortController();
    const time = fakeTime();
    const sleep = (_ms: number, signal?: AbortSignal): Promise<void> =>
      new Promise((_resolve, reject) => {
        signal?.addEventListener("abort", () => reject(signal.reason));
        controller.abort();
      });
    const { server, client } = await setup(() => ({ status: 503, headers: { "x-amzn-errortype": "ServiceUnavailable" }, body: {} }), { runtimeHooks: { ...time, sleep } });
    const error = await client.send(new CreateWidgetCommand({ Name: "gear" }), { abortSignal: controller.signal }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AbortError);
    expect(error).toMatchObject({ $metadata: { attempts: 1 } });
    expect(server.requests).toHaveLength(1);
  });
});

describe("truncated responses", () => {
  it("reports a response cut off mid-body as a NetworkError and retries it", async () => {
    const { server, client } = await setup((_r, i, res) => {
      if (i > 0) return { status: 201, body: { WidgetId: "whole" } };
      res.writeHead(201, { "content-type": "application/json", "content-length": "100" });
      res.write('{"WidgetId":');
      setImmediate(() => res.socket?.destroy());
      return "handled";
    });
    const output = await client.send(new CreateWidgetCommand({ Name: "gear" }));
    expect(output).toMatchObject({ WidgetId: "whole", $metadata: { attempts: 2 } });
    expect(server.requests).toHaveLength(2);
  });
});
