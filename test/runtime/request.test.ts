/**
 * The exact request a call puts on the wire (method, path, body, headers), its SigV4 signature recomputed
 * independently, and the output's `$metadata`.
 */
import type { SourceData } from "@smithy/types";
import { afterEach, describe, expect, it } from "vitest";
import { NodeSha256 } from "../../src/runtime/client/default-hash.node.js";
import { CreateWidgetCommand, WidgetClient } from "./fixtures/widget-service.js";
import { fakeTime, startServer, verifySigV4, type TestServer } from "./helpers.js";

const CREDS = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" };
const VERSION = (await import("../../package.json", { with: { type: "json" } })).default.version;

let server: TestServer | undefined;
let client: WidgetClient | undefined;
afterEach(async () => {
  client?.destroy();
  await server?.close();
  server = undefined;
  client = undefined;
});

describe("request on the wire", () => {
  it("sends the serialized body, the SDK's headers, and a SigV4 signature that verifies", async () => {
    server = await startServer(() => ({ status: 201, headers: { "x-amzn-requestid": "req-1", "x-amz-id-2": "ext-2", "x-amz-cf-id": "cf-3" }, body: { WidgetId: "w-1", Unknown: true } }));
    const time = fakeTime(Date.UTC(2026, 0, 15, 12, 0, 0));
    client = new WidgetClient({ region: "eu-west-1", endpoint: server.url, credentials: CREDS, runtimeHooks: time });
    const output = await client.send(new CreateWidgetCommand({ Tags: { b: "2", a: "1" }, Size: 3, Name: "gear" }));

    expect(output).toEqual({
      WidgetId: "w-1",
      $metadata: { httpStatusCode: 201, requestId: "req-1", extendedRequestId: "ext-2", cfId: "cf-3", attempts: 1, totalRetryDelay: 0 },
    });
    expect(server.requests).toHaveLength(1);
    const request = server.requests[0]!;
    expect(request.method).toBe("POST");
    expect(request.path).toBe("/widgets");
    // The fixture serializer writes model order and fills the idempotency token from the runtime's generator.
    expect(request.body).toBe('{"ClientToken":"00000000-0000-4000-8000-000000000001","Name":"gear","Size":3,"Tags":{"b":"2","a":"1"}}');
    const { authorization, "user-agent": ua, "x-amz-user-agent": amzUa, ...rest } = request.headers;
    expect(rest).toEqual({
      "content-type": "application/json",
      "content-length": String(Buffer.byteLength(request.body)),
      host: `127.0.0.1:${server.port}`,
      "amz-sdk-invocation-id": "00000000-0000-4000-8000-000000000002",
      "amz-sdk-request": "attempt=1; max=3",
      "x-amz-date": "20260115T120000Z",
      "x-amz-content-sha256": expect.stringMatching(/^[0-9a-f]{64}$/),
      connection: "keep-alive",
    });
    expect(ua).toMatch(new RegExp(`^iotmi/${VERSION.replace(/\./g, "\\.")} ua/2\\.1 os/\\S+ lang/js md/nodejs#\\S+ api/widget-service#2024-06-01$`));
    expect(amzUa).toBe(`iotmi/${VERSION}`);
    expect(authorization).toBeDefined();
    const sig = verifySigV4(request, { ...CREDS, region: "eu-west-1", service: "widgets" });
    expect(sig.scope).toBe("20260115/eu-west-1/widgets/aws4_request");
    // Every header the SDK v3 signs, its telemetry headers included.
    expect(sig.signedHeaders).toEqual(["amz-sdk-invocation-id", "amz-sdk-request", "content-length", "content-type", "host", "x-amz-content-sha256", "x-amz-date", "x-amz-user-agent"]);
  });

  it("signs the session token and appends a custom user agent", async () => {
    server = await startServer(() => ({ status: 201, body: {} }));
    client = new WidgetClient({
      region: "us-east-1",
      endpoint: server.url,
      credentials: { ...CREDS, sessionToken: "SESSION/TOKEN==" },
      customUserAgent: "my-app/1.2",
    });
    await client.send(new CreateWidgetCommand({ Name: "gear", ClientToken: "fixed-token" }));
    const request = server.requests[0]!;
    expect(request.headers["x-amz-security-token"]).toBe("SESSION/TOKEN==");
    expect(request.headers["user-agent"]).toMatch(/ my-app\/1\.2$/);
    expect(request.headers["x-amz-user-agent"]).toMatch(/^iotmi\/\S+ my-app\/1\.2$/);
    expect(JSON.parse(request.body).ClientToken).toBe("fixed-token");
    const sig = verifySigV4(request, { ...CREDS, region: "us-east-1", service: "widgets" });
    expect(sig.signedHeaders).toContain("x-amz-security-token");
    expect(sig.signedHeaders).not.toContain("user-agent");
  });

  it("accepts a UserAgent pair list and a custom endpoint with a base path", async () => {
    server = await startServer(() => ({ status: 201, body: {} }));
    client = new WidgetClient({ region: "us-east-1", endpoint: `${server.url}/base`, credentials: CREDS, customUserAgent: [["tool", "2.0"], ["plain"]] });
    await client.send(new CreateWidgetCommand({ Name: "gear" }));
    expect(server.requests[0]!.path).toBe("/base/widgets");
    expect(server.requests[0]!.headers["user-agent"]).toMatch(/ tool\/2\.0 plain$/);
    verifySigV4(server.requests[0]!, { ...CREDS, region: "us-east-1", service: "widgets" });
  });

  it("uses a new invocation id and idempotency token per call, and reuses the connection", async () => {
    server = await startServer(() => ({ status: 201, body: {} }));
    client = new WidgetClient({ region: "us-east-1", endpoint: server.url, credentials: CREDS });
    await client.send(new CreateWidgetCommand({ Name: "one" }));
    await client.send(new CreateWidgetCommand({ Name: "two" }));
    const [a, b] = server.requests as [typeof server.requests[0] & object, typeof server.requests[0] & object];
    expect(a.headers["amz-sdk-invocation-id"]).not.toBe(b.headers["amz-sdk-invocation-id"]);
    expect(a.headers["amz-sdk-invocation-id"]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(JSON.parse(a.body).ClientToken).not.toBe(JSON.parse(b.body).ClientToken);
  });

  it("signs with the hash given as the sha256 option (here node:crypto, Node's default), and the signature still verifies", async () => {
    server = await startServer(() => ({ status: 201, body: {} }));
    const hashed: string[] = [];
    class RecordingNodeSha256 extends NodeSha256 {
      override update(data: SourceData): void {
        hashed.push(typeof data === "string" ? data : Buffer.from(ArrayBuffer.isView(data) ? data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) : data).toString("utf8"));
        super.update(data);
      }
    }
    client = new WidgetClient({ region: "us-east-1", endpoint: server.url, credentials: CREDS, sha256: RecordingNodeSha256 });
    await client.send(new CreateWidgetCommand({ Name: "gear" }));
    const request = server.requests[0]!;
    verifySigV4(request, { ...CREDS, region: "us-east-1", service: "widgets" });
    expect(hashed).toContain(request.body);
  });

  it("signs with the corrected clock when systemClockOffset is set", async () => {
    server = await startServer(() => ({ status: 201, body: {} }));
    const time = fakeTime(Date.UTC(2026, 0, 15, 12, 0, 0));
    client = new WidgetClient({ region: "us-east-1", endpoint: server.url, credentials: CREDS, runtimeHooks: time, systemClockOffset: 90_000 });
    await client.send(new CreateWidgetCommand({ Name: "gear" }));
    expect(server.requests[0]!.headers["x-amz-date"]).toBe("20260115T120130Z");
  });
});
