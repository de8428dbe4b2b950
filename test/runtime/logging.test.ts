/**
 * Debug logging: method, URL, status, attempts and timings reach the logger; secrets and sensitive members
 * never do.
 */
import { afterEach, describe, expect, it } from "vitest";
import { CreateWidgetCommand, WidgetClient } from "./fixtures/widget-service.js";
import { fakeTime, recordingLogger, startServer, type TestServer } from "./helpers.js";

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe("debug logging", () => {
  it("logs each attempt and redacts secrets and sensitive members", async () => {
    server = await startServer((_r, i) =>
      i === 0 ? { status: 503, headers: { "x-amzn-errortype": "ServiceUnavailable" }, body: {} } : { status: 201, body: { WidgetId: "w", Secret: "output-secret" } },
    );
    const { lines, logger } = recordingLogger();
    const client = new WidgetClient({
      region: "us-east-1",
      endpoint: server.url,
      credentials: { accessKeyId: "AKIDLOG", secretAccessKey: "very-secret-key", sessionToken: "session-token-value" },
      logger,
      runtimeHooks: fakeTime(),
    });
    await client.send(new CreateWidgetCommand({ Name: "gear", Secret: "input-secret" }));
    const text = lines.join("\n");
    expect(text).toMatch(new RegExp(`CreateWidget attempt 1/3: POST http://127\\.0\\.0\\.1:${server.port}/widgets -> 503 ServiceUnavailable.* in [\\d.]+ ms`));
    expect(text).toMatch(/CreateWidget: retrying \(transient\) in \d+ ms/);
    expect(text).toMatch(/CreateWidget attempt 2\/3: POST .* -> 201 in [\d.]+ ms/);
    expect(text).toContain('"Secret":"***SensitiveInformation***"');
    expect(text).toContain('"Name":"gear"');
    for (const secret of ["input-secret", "output-secret", "very-secret-key", "session-token-value", "Signature="]) expect(text).not.toContain(secret);
    client.destroy();
  });

  it("does no logging work with the default logger", async () => {
    server = await startServer(() => ({ status: 201, body: {} }));
    let redactions = 0;
    const client = new WidgetClient({ region: "us-east-1", endpoint: server.url, credentials: { accessKeyId: "A", secretAccessKey: "S" } });
    const { CreateWidgetSpec } = await import("./fixtures/widget-service.js");
    const original = CreateWidgetSpec.redactInput;
    (CreateWidgetSpec as { redactInput: typeof original }).redactInput = (input) => {
      redactions += 1;
      return original(input);
    };
    try {
      await client.send(new CreateWidgetCommand({ Name: "gear" }));
    } finally {
      (CreateWidgetSpec as { redactInput: typeof original }).redactInput = original;
    }
    expect(redactions).toBe(0);
    client.destroy();
  });
});
