// SigV4 verification over real sockets: requests signed by the AWS SDK's signer are accepted; tampered,
// stale, mis-scoped, unknown-key and unsigned ones are refused with the AWS codes.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Emulator } from "../../src/emulator/index.js";
import { DOC_KEY, errorType, inspect, send, start } from "./helpers.js";

const NOW = new Date("2026-03-01T10:00:00Z");

describe("SigV4 verification", () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await start({
      clock: () => NOW,
      credentials: [DOC_KEY, { accessKeyId: "ASIATEMP", secretAccessKey: "tempsecret", sessionToken: "the-session-token" }],
    });
  });
  afterAll(() => emulator.close());

  const at = { date: NOW };

  it("accepts a request signed with a known key and answers 201 with the task", async () => {
    const reply = await send(emulator, { sign: at, body: { S3Url: "s3://b/f.bin", OtaType: "ONE_TIME", Description: "first one" } });
    expect(reply.status).toBe(201);
    expect(reply.json?.["TaskId"]).toMatch(/^[A-Za-z0-9]+$/);
    expect(reply.json?.["TaskArn"]).toBe(`arn:aws:iotmanagedintegrations:us-east-1:123456789012:ota-task/${String(reply.json?.["TaskId"])}`);
    expect(reply.json?.["Description"]).toBe("first one");
    expect(reply.headers["x-amzn-requestid"]).toMatch(/^[0-9a-f-]{36}$/);
    expect(reply.headers["date"]).toBe(NOW.toUTCString());
  });

  it("refuses a request without any signature: 403 MissingAuthenticationTokenException", async () => {
    const reply = await send(emulator, { sign: false });
    expect(reply.status).toBe(403);
    expect(errorType(reply)).toBe("MissingAuthenticationTokenException");
    expect(reply.json?.["message"]).toBe("Missing Authentication Token");
  });

  it("refuses an unknown access key: 403 UnrecognizedClientException", async () => {
    const reply = await send(emulator, { sign: { ...at, credentials: { accessKeyId: "AKIDUNKNOWN", secretAccessKey: DOC_KEY.secretAccessKey } } });
    expect(reply.status).toBe(403);
    expect(errorType(reply)).toBe("UnrecognizedClientException");
  });

  it("refuses a known key signed with the wrong secret: 403 InvalidSignatureException", async () => {
    const reply = await send(emulator, { sign: { ...at, credentials: { accessKeyId: DOC_KEY.accessKeyId, secretAccessKey: "not-the-secret" } } });
    expect(reply.status).toBe(403);
    expect(errorType(reply)).toBe("InvalidSignatureException");
    expect(String(reply.json?.["message"])).toMatch(/^The request signature we calculated does not match/);
  });

  it("refuses a tampered body, header, path, query and date", async () => {
    const tampers: [string, Parameters<typeof send>[1]][] = [
      // Same length, so the request still parses: only the signature can notice.
      ["body", { tamper: (r) => void (r.body = r.body.toString().replace("bucket", "bucker")) }],
      ["content-type header", { tamper: (r) => void (r.headers["content-type"] = "application/json; charset=utf-8") }],
      ["path", { tamper: (r) => void (r.path = "/ota-tasks/") }],
      ["query", { query: { a: "1" }, tamper: (r) => void (r.path = r.path.replace("a=1", "a=2")) }],
      ["x-amz-date by one second", { tamper: (r) => void (r.headers["x-amz-date"] = "20260301T100001Z") }],
    ];
    for (const [what, options] of tampers) {
      const reply = await send(emulator, { sign: at, ...options });
      expect(reply.status, what).toBe(403);
      expect(errorType(reply), what).toBe("InvalidSignatureException");
    }
  });

  it("refuses a signature scoped to another service or region", async () => {
    const wrongService = await send(emulator, { sign: { ...at, service: "iot" } });
    expect(wrongService.status).toBe(403);
    expect(errorType(wrongService)).toBe("InvalidSignatureException");
    expect(String(wrongService.json?.["message"])).toContain("iotmanagedintegrations");
    const wrongRegion = await send(emulator, { sign: { ...at, region: "eu-west-1" } });
    expect(wrongRegion.status).toBe(403);
    expect(errorType(wrongRegion)).toBe("InvalidSignatureException");
    expect(String(wrongRegion.json?.["message"])).toContain("region");
  });

  it("refuses a date more than 15 minutes old or ahead with a skew message and the server Date", async () => {
    const stale = await send(emulator, { sign: { date: new Date(NOW.getTime() - 16 * 60_000) } });
    expect(stale.status).toBe(403);
    expect(errorType(stale)).toBe("InvalidSignatureException");
    expect(String(stale.json?.["message"])).toMatch(/^Signature expired: 20260301T094400Z is now earlier than 20260301T094500Z/);
    expect(stale.headers["date"]).toBe(NOW.toUTCString());
    const future = await send(emulator, { sign: { date: new Date(NOW.getTime() + 16 * 60_000) } });
    expect(future.status).toBe(403);
    expect(String(future.json?.["message"])).toMatch(/^Signature not yet current: 20260301T101600Z is still later than/);
    expect(future.headers["date"]).toBe(NOW.toUTCString());
    // 14 minutes off either way is still inside the window.
    expect((await send(emulator, { sign: { date: new Date(NOW.getTime() - 14 * 60_000) } })).status).toBe(201);
    expect((await send(emulator, { sign: { date: new Date(NOW.getTime() + 14 * 60_000) } })).status).toBe(201);
  });

  it("accepts session credentials with their token, refuses a wrong or missing token", async () => {
    const temp = { accessKeyId: "ASIATEMP", secretAccessKey: "tempsecret", sessionToken: "the-session-token" };
    const ok = await send(emulator, { sign: { ...at, credentials: temp } });
    expect(ok.status).toBe(201);
    const wrong = await send(emulator, { sign: { ...at, credentials: { ...temp, sessionToken: "another-token" } } });
    expect(wrong.status).toBe(403);
    expect(errorType(wrong)).toBe("UnrecognizedClientException");
    const { sessionToken: _dropped, ...noToken } = temp;
    const missing = await send(emulator, { sign: { ...at, credentials: noToken } });
    expect(missing.status).toBe(403);
    expect(errorType(missing)).toBe("UnrecognizedClientException");
    // The token is signed: swapping it after signing is refused as well.
    const swapped = await send(emulator, { sign: { ...at, credentials: temp }, tamper: (r) => void (r.headers["x-amz-security-token"] = "the-session-tokeN") });
    expect(swapped.status).toBe(403);
  });

  it("refuses a malformed Authorization header: 403 IncompleteSignatureException", async () => {
    const reply = await send(emulator, { sign: at, tamper: (r) => void (r.headers["authorization"] = "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260301/us-east-1/iotmanagedintegrations/aws4_request") });
    expect(reply.status).toBe(403);
    expect(errorType(reply)).toBe("IncompleteSignatureException");
    expect(String(reply.json?.["message"])).toContain("'Signature'");
  });

  it("stored only the accepted creates", async () => {
    const tasks = await inspect(emulator);
    expect(tasks.length).toBe(4); // first one, two inside the skew window, the session-token one
  });
});

describe("--no-auth", () => {
  it("accepts unsigned requests when verification is off", async () => {
    const emulator = await start({ auth: false });
    try {
      const reply = await send(emulator, { sign: false });
      expect(reply.status).toBe(201);
    } finally {
      await emulator.close();
    }
  });
});
