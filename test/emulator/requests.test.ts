// Validation, malformed input, routing, media types and idempotency over real sockets, with signed requests.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Emulator } from "../../src/emulator/index.js";
import { errorType, inspect, rawSend, send, start } from "./helpers.js";

describe("requests the service refuses", () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await start();
  });
  afterAll(() => emulator.close());

  it("names every violation in one 400 ValidationException", async () => {
    const reply = await send(emulator, {
      body: {
        OtaType: "SOMETIMES",
        Description: "bad/description",
        OtaSchedulingConfig: { MaintenanceWindows: [{ DurationInMinutes: 2000 }] },
      },
    });
    expect(reply.status).toBe(400);
    expect(errorType(reply)).toBe("ValidationException");
    const message = String(reply.json?.["message"]);
    expect(message).toMatch(/^4 validation errors detected: /);
    for (const part of ["S3Url", "OtaType", "Description", "OtaSchedulingConfig.MaintenanceWindows[0].DurationInMinutes"]) {
      expect(message).toContain(part);
    }
  });

  it("answers malformed JSON with 400 SerializationException", async () => {
    const reply = await send(emulator, { body: '{"S3Url": "s3://b/f", "OtaType": ' });
    expect(reply.status).toBe(400);
    expect(errorType(reply)).toBe("SerializationException");
    expect(reply.headers["x-amzn-errortype"]).toMatch(/^SerializationException:http:\/\/internal\.amazon\.com\/coral\//);
  });

  it("answers a member of the wrong type with 400 SerializationException naming it", async () => {
    const reply = await send(emulator, { body: { S3Url: 42, OtaType: "ONE_TIME" } });
    expect(reply.status).toBe(400);
    expect(errorType(reply)).toBe("SerializationException");
    expect(String(reply.json?.["message"])).toContain("S3Url");
  });

  it("answers a body that is not JSON-typed with 415", async () => {
    const reply = await send(emulator, { headers: { "content-type": "text/plain" } });
    expect(reply.status).toBe(415);
    expect(errorType(reply)).toBe("UnsupportedMediaTypeException");
  });

  it("answers an unknown route with 404 and a wrong method with 405", async () => {
    const unknown = await send(emulator, { path: "/ota-tasks-typo" });
    expect(unknown.status).toBe(404);
    expect(errorType(unknown)).toBe("UnknownOperationException");
    const wrongMethod = await send(emulator, { method: "DELETE", body: "" });
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers["allow"]).toBe("POST");
  });

  it("answers an oversized body with 413 and survives garbage on the socket", async () => {
    const big = await send(emulator, { body: { S3Url: "x".repeat(2 * 1024 * 1024), OtaType: "ONE_TIME" } }).catch((e: Error) => e);
    // Either the 413 arrives or the server closed the socket while we were still writing; both refuse it.
    if (!(big instanceof Error)) expect(big.status).toBe(413);
    const garbage = await rawSend(new URL(emulator.url), { method: "POST", path: "/ota-tasks", headers: { "content-length": "abc" }, body: "" }).catch(
      (e: Error) => e,
    );
    expect(garbage instanceof Error || garbage.status === 400).toBe(true);
    expect((await send(emulator)).status).toBe(201);
  });

  it("every error carries a request id and a JSON message", async () => {
    const reply = await send(emulator, { body: "[]" });
    expect(reply.status).toBe(400);
    expect(reply.headers["x-amzn-requestid"]).toBeTruthy();
    expect(typeof reply.json?.["message"]).toBe("string");
  });
});

describe("idempotency", () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await start();
  });
  afterAll(() => emulator.close());

  const body = { S3Url: "s3://b/f.bin", OtaType: "ONE_TIME", Description: "idem", ClientToken: "token-1" };

  it("returns the original task for the same token and parameters", async () => {
    const first = await send(emulator, { body });
    const again = await send(emulator, { body: { ClientToken: "token-1", Description: "idem", OtaType: "ONE_TIME", S3Url: "s3://b/f.bin" } });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.json).toEqual(first.json);
    expect((await inspect(emulator)).filter((t) => t.ClientToken === "token-1")).toHaveLength(1);
  });

  it("answers the same token with different parameters with 409 ConflictException", async () => {
    const reply = await send(emulator, { body: { ...body, OtaType: "CONTINUOUS" } });
    expect(reply.status).toBe(409);
    expect(errorType(reply)).toBe("ConflictException");
  });

  it("never creates two tasks for concurrent duplicates", async () => {
    const dup = { ...body, ClientToken: "token-concurrent" };
    const replies = await Promise.all(Array.from({ length: 20 }, () => send(emulator, { body: dup })));
    expect(replies.every((r) => r.status === 201)).toBe(true);
    expect(new Set(replies.map((r) => r.json?.["TaskId"])).size).toBe(1);
    expect((await inspect(emulator)).filter((t) => t.ClientToken === "token-concurrent")).toHaveLength(1);
  });

  it("creates a new task for every request without a token", async () => {
    const before = (await inspect(emulator)).length;
    const { ClientToken: _t, ...noToken } = body;
    const a = await send(emulator, { body: noToken });
    const b = await send(emulator, { body: noToken });
    expect(a.json?.["TaskId"]).not.toBe(b.json?.["TaskId"]);
    expect((await inspect(emulator)).length).toBe(before + 2);
  });
});

describe("inspection route", () => {
  it("lists stored tasks with their inputs, unsigned, and only on GET", async () => {
    const emulator = await start();
    try {
      const created = await send(emulator, { body: { S3Url: "s3://b/x.bin", OtaType: "CONTINUOUS", Tags: { team: "fw" } } });
      const tasks = await inspect(emulator);
      expect(tasks).toHaveLength(1);
      expect(tasks[0]!.TaskId).toBe(created.json?.["TaskId"]);
      expect(tasks[0]!.Input).toEqual({ S3Url: "s3://b/x.bin", OtaType: "CONTINUOUS", Tags: { team: "fw" } });
      const post = await rawSend(new URL(emulator.url), { method: "POST", path: "/_emulator/ota-tasks", headers: {}, body: "" });
      expect(post.status).toBe(405);
      expect(emulator.records("CreateOtaTask")).toHaveLength(1);
    } finally {
      await emulator.close();
    }
  });
});
