/**
 * Standard-mode retries over a real loopback server with fake time: what is retried, the delays, server
 * hints, the retry quota, clock-skew correction, and that every attempt is re-signed with the same
 * invocation id and idempotency token.
 */
import { afterEach, describe, expect, it } from "vitest";
import { classifyRetry, computeRetryDelay, retryAfterFromHeaders } from "../../src/runtime/client/retry.js";
import { RetryQuota } from "../../src/runtime/client/retry-quota.js";
import { CreateWidgetCommand, InternalServerException, WidgetClient } from "./fixtures/widget-service.js";
import { fakeTime, startServer, verifySigV4, type Reply, type TestServer } from "./helpers.js";

const CREDS = { accessKeyId: "AKID", secretAccessKey: "SECRET" };
const ok: Reply = { status: 201, body: { WidgetId: "w" } };
const err = (status: number, type: string, headers: Record<string, string> = {}): Reply => ({
  status,
  headers: { "x-amzn-errortype": type, ...headers },
  body: { message: `${type} happened` },
});

let server: TestServer | undefined;
let client: WidgetClient | undefined;
afterEach(async () => {
  client?.destroy();
  await server?.close();
  server = undefined;
  client = undefined;
});

async function run(replies: Array<Reply | "reset">, config: ConstructorParameters<typeof WidgetClient>[0] = {}, randoms: number[] = []) {
  server = await startServer((_req, i, res) => {
    const reply = replies[i] ?? ok;
    if (reply === "reset") {
      res.socket?.destroy();
      return "handled";
    }
    return reply;
  });
  const time = fakeTime(Date.UTC(2026, 0, 15, 12, 0, 0), randoms);
  client = new WidgetClient({ region: "us-east-1", endpoint: server.url, credentials: CREDS, runtimeHooks: time, ...config });
  return { time, server, client };
}

describe("retry decisions (pure)", () => {
  it("classifies throttling, transient and final failures", () => {
    expect(classifyRetry({ $metadata: { httpStatusCode: 429 } })).toBe("throttling");
    expect(classifyRetry({ name: "ThrottlingException", $metadata: { httpStatusCode: 400 } })).toBe("throttling");
    expect(classifyRetry({ name: "X", $retryable: { throttling: true } })).toBe("throttling");
    for (const status of [500, 502, 503, 504]) expect(classifyRetry({ name: "X", $metadata: { httpStatusCode: status } })).toBe("transient");
    expect(classifyRetry({ name: "X", $metadata: { httpStatusCode: 501 } })).toBeUndefined();
    expect(classifyRetry({ name: "NetworkError" })).toBe("transient");
    expect(classifyRetry({ name: "TimeoutError" })).toBe("transient");
    expect(classifyRetry({ name: "Error", code: "ECONNRESET" })).toBe("transient");
    for (const status of [400, 403, 404, 409, 413]) expect(classifyRetry({ name: "ValidationException", $metadata: { httpStatusCode: status } })).toBeUndefined();
  });

  it("computes full-jitter backoff with bases 100/500 ms and a 20 s cap", () => {
    expect(computeRetryDelay(0, "transient", 0.5)).toBe(50);
    expect(computeRetryDelay(1, "transient", 0.5)).toBe(100);
    expect(computeRetryDelay(3, "transient", 0.999)).toBe(799);
    expect(computeRetryDelay(0, "throttling", 0.5)).toBe(250);
    expect(computeRetryDelay(2, "throttling", 0.5)).toBe(1000);
    expect(computeRetryDelay(10, "throttling", 0.99)).toBe(20_000);
    expect(computeRetryDelay(0, "transient", 0)).toBe(0);
  });

  it("raises the delay towards Retry-After, at most 5 s above the computed delay", () => {
    expect(computeRetryDelay(0, "transient", 0.5, 2000)).toBe(2000);
    expect(computeRetryDelay(0, "transient", 0.5, 60_000)).toBe(5050);
    expect(computeRetryDelay(0, "throttling", 0.5, 10)).toBe(250);
    const now = Date.UTC(2026, 0, 15, 12, 0, 0);
    expect(retryAfterFromHeaders({ "retry-after": "3" }, now)).toBe(3000);
    expect(retryAfterFromHeaders({ "Retry-After": new Date(now + 4000).toUTCString() }, now)).toBe(4000);
    expect(retryAfterFromHeaders({ "x-amz-retry-after": "1500", "retry-after": "9" }, now)).toBe(1500);
    expect(retryAfterFromHeaders({ "retry-after": "soon" }, now)).toBeUndefined();
  });

  it("keeps a 500-token quota: 5 per throttling retry, 10 per transient retry, refunds on success", () => {
    const quota = new RetryQuota();
    expect(quota.acquire("throttling")).toBe(5);
    expect(quota.acquire("transient")).toBe(10);
    expect(quota.available).toBe(485);
    quota.release(10);
    expect(quota.available).toBe(495);
    quota.release(undefined);
    expect(quota.available).toBe(496);
    quota.release(undefined);
    quota.release(undefined);
    quota.release(undefined);
    quota.release(undefined);
    expect(quota.available).toBe(500);
    for (let i = 0; i < 50; i++) quota.acquire("transient");
    expect(quota.available).toBe(0);
    expect(quota.acquire("throttling")).toBeUndefined();
  });
});

describe("retries on the wire", () => {
  it("retries 500/502/503/504 with backoff, re-signing each attempt with the same invocation id and token", async () => {
    const { time, server, client } = await run([err(500, "InternalServerException"), err(503, "ServiceUnavailable")], {}, [0.5, 0.25]);
    const output = await client.send(new CreateWidgetCommand({ Name: "gear" }));
    expect(output.$metadata).toMatchObject({ httpStatusCode: 201, attempts: 3, totalRetryDelay: 50 + 50 });
    expect(time.sleeps).toEqual([50, 50]); // 0.5·100·2⁰, 0.25·100·2¹
    expect(server.requests.map((r) => r.headers["amz-sdk-request"])).toEqual(["attempt=1; max=3", "attempt=2; max=3", "attempt=3; max=3"]);
    expect(new Set(server.requests.map((r) => r.headers["amz-sdk-invocation-id"])).size).toBe(1);
    expect(new Set(server.requests.map((r) => r.body)).size).toBe(1);
    // The attempt counter is signed (as the SDK v3 signs it), so each attempt has its own signature.
    expect(new Set(server.requests.map((r) => r.headers["authorization"])).size).toBe(3);
    expect(server.requests.map((r) => r.headers["x-amz-date"])).toEqual(["20260115T120000Z", "20260115T120000Z", "20260115T120000Z"]);
    for (const r of server.requests) verifySigV4(r, { ...CREDS, region: "us-east-1", service: "widgets" });
  });

  it("gives up after maxAttempts and reports the attempts on the error", async () => {
    const { time, client } = await run([err(500, "InternalServerException"), err(500, "InternalServerException"), err(500, "InternalServerException"), ok]);
    const error = await client.send(new CreateWidgetCommand({ Name: "gear" })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InternalServerException);
    expect(error).toMatchObject({ name: "InternalServerException", $fault: "server", $metadata: { httpStatusCode: 500, attempts: 3, totalRetryDelay: 150 } });
    expect(time.sleeps).toEqual([50, 100]);
  });

  it("honours the maxAttempts option", async () => {
    const { server, client } = await run([err(503, "X"), err(503, "X"), err(503, "X"), err(503, "X"), ok], { maxAttempts: 5 });
    const output = await client.send(new CreateWidgetCommand({ Name: "gear" }));
    expect(output.$metadata.attempts).toBe(5);
    expect(server.requests.at(-1)!.headers["amz-sdk-request"]).toBe("attempt=5; max=5");
  });

  it("does not retry other 4xx errors", async () => {
    for (const [status, type] of [[400, "ValidationException"], [409, "ConflictException"], [403, "AccessDeniedException"], [404, "ResourceNotFoundException"]] as const) {
      const { server, client, time } = await run([err(status, type)]);
      const error = await client.send(new CreateWidgetCommand({ Name: "gear" })).catch((e: unknown) => e);
      expect(error).toMatchObject({ name: type, $metadata: { httpStatusCode: status, attempts: 1, totalRetryDelay: 0 } });
      expect(server.requests).toHaveLength(1);
      expect(time.sleeps).toEqual([]);
      client.destroy();
      await server.close();
    }
  });

  it("uses the 500 ms base for throttling (429 and throttling codes)", async () => {
    const { time } = await run([err(429, "TooManyRequestsException"), err(400, "ThrottlingException")], {}, [0.5, 0.5]);
    await client!.send(new CreateWidgetCommand({ Name: "gear" }));
    expect(time.sleeps).toEqual([250, 500]);
  });

  it("waits as long as Retry-After / x-amz-retry-after ask, within the 5 s allowance", async () => {
    const { time } = await run([err(503, "X", { "retry-after": "2" }), err(503, "X", { "x-amz-retry-after": "60000" })], {}, [0.5, 0.5]);
    const output = await client!.send(new CreateWidgetCommand({ Name: "gear" }));
    expect(time.sleeps).toEqual([2000, 5100]);
    expect(output.$metadata.totalRetryDelay).toBe(7100);
  });

  it("retries a reset connection and reports a NetworkError when attempts run out", async () => {
    const { server, client } = await run(["reset", ok]);
    const output = await client.send(new CreateWidgetCommand({ Name: "gear" }));
    expect(output.$metadata.attempts).toBe(2);
    expect(server.requests).toHaveLength(2);
    client.destroy();
    await server.close();
    const second = await run(["reset", "reset", "reset"]);
    const error = await second.client.send(new CreateWidgetCommand({ Name: "gear" })).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "NetworkError", host: `127.0.0.1:${second.server.port}`, $metadata: { attempts: 3 } });
    expect((error as Error).message).toContain(`127.0.0.1:${second.server.port}`);
  });

  it("stops retrying when the client's quota is empty and refills it on success", async () => {
    const replies: Reply[] = [];
    for (let i = 0; i < 200; i++) replies.push(err(500, "InternalServerException"));
    const { server, client } = await run(replies, { maxAttempts: 2 });
    const quota = client.config.runtime.retryQuota;
    // 50 transient retries drain 500 tokens; the 51st call cannot retry.
    for (let i = 0; i < 51; i++) await client.send(new CreateWidgetCommand({ Name: "gear" })).catch(() => undefined);
    expect(quota.available).toBe(0);
    expect(server.requests).toHaveLength(50 * 2 + 1);
  });

  it("refunds the retry cost when a retried call succeeds", async () => {
    const { client } = await run([err(500, "InternalServerException"), ok, ok]);
    const quota = client.config.runtime.retryQuota;
    await client.send(new CreateWidgetCommand({ Name: "gear" }));
    expect(quota.available).toBe(500);
  });

  it("corrects the clock from the Date header and retries a signature-expired error once", async () => {
    const serverNow = Date.UTC(2026, 0, 15, 12, 0, 0);
    server = await startServer((req) => {
      const amzDate = req.headers["x-amz-date"]!;
      const sent = Date.UTC(+amzDate.slice(0, 4), +amzDate.slice(4, 6) - 1, +amzDate.slice(6, 8), +amzDate.slice(9, 11), +amzDate.slice(11, 13), +amzDate.slice(13, 15));
      if (Math.abs(sent - serverNow) > 5 * 60_000) {
        return {
          status: 403,
          headers: { "x-amzn-errortype": "InvalidSignatureException", date: new Date(serverNow).toUTCString() },
          body: { message: `Signature expired: ${amzDate} is now earlier than ${new Date(serverNow - 300_000).toISOString()}` },
        };
      }
      return { ...ok, headers: { date: new Date(serverNow).toUTCString() } };
    });
    // The local clock is one hour behind the server.
    const time = fakeTime(serverNow - 3_600_000);
    client = new WidgetClient({ region: "us-east-1", endpoint: server.url, credentials: CREDS, runtimeHooks: time });
    const output = await client.send(new CreateWidgetCommand({ Name: "gear" }));
    expect(output.$metadata.attempts).toBe(2);
    expect(server.requests.map((r) => r.headers["x-amz-date"])).toEqual(["20260115T110000Z", "20260115T120000Z"]);
    expect(client.config.systemClockOffset).toBe(3_600_000);
    // Later calls sign with the corrected clock straight away.
    await client.send(new CreateWidgetCommand({ Name: "gear" }));
    expect(server.requests).toHaveLength(3);
  });

  it("does not retry an InvalidSignatureException that is not about time", async () => {
    const { server, client } = await run([{ status: 403, headers: { "x-amzn-errortype": "InvalidSignatureException", date: new Date().toUTCString() }, body: { message: "The request signature we calculated does not match" } }]);
    const error = await client.send(new CreateWidgetCommand({ Name: "gear" })).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "InvalidSignatureException", $metadata: { attempts: 1 } });
    expect(server.requests).toHaveLength(1);
  });
});
