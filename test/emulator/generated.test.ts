// The emulator with the code generated from the model: its default operations (src/generated/server.ts) and the
// generated iotmi client against it, including retries through injected faults. Skips, with a message, while
// the generator has not produced those files.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { startEmulator, type Emulator, type EmulatorOptions } from "../../src/emulator/index.js";
import { createOtaTaskFixtureSpec } from "./fixtures/create-ota-task-spec.js";
import { DOC_KEY, errorType, inspect, send } from "./helpers.js";

const generatedDir = fileURLToPath(new URL("../../src/generated/", import.meta.url));
const hasServer = existsSync(`${generatedDir}server.ts`);
const hasClient = existsSync(`${generatedDir}index.ts`);
if (!hasServer) console.warn("src/generated/server.ts not generated yet: skipping the emulator tests on generated server code");
if (!hasClient) console.warn("src/generated/index.ts not generated yet: skipping the iotmi client against the emulator");

describe.skipIf(!hasServer)("emulator on the generated server spec", () => {
  it("serves CreateOtaTask by default: 201, validation, conflict", async () => {
    const emulator = await startEmulator({ quiet: true });
    try {
      const created = await send(emulator, { body: { S3Url: "s3://b/f.bin", OtaType: "ONE_TIME", Description: "gen", ClientToken: "gen-1" } });
      expect(created.status).toBe(201);
      expect(created.json?.["TaskArn"]).toMatch(/^arn:aws:iotmanagedintegrations:us-east-1:123456789012:ota-task\/[0-9a-zA-Z]+$/);
      expect(created.json?.["Description"]).toBe("gen");
      const invalid = await send(emulator, { body: { OtaType: "NEVER", OtaSchedulingConfig: { MaintenanceWindows: [{ DurationInMinutes: 2000 }] } } });
      expect(invalid.status).toBe(400);
      expect(errorType(invalid)).toBe("ValidationException");
      const message = String(invalid.json?.["message"] ?? invalid.json?.["Message"]);
      for (const path of ["S3Url", "OtaType", "DurationInMinutes"]) expect(message).toContain(path);
      const conflict = await send(emulator, { body: { S3Url: "s3://b/other", OtaType: "ONE_TIME", ClientToken: "gen-1" } });
      expect(conflict.status).toBe(409);
      expect(errorType(conflict)).toBe("ConflictException");
      const malformed = await send(emulator, { body: "{not json" });
      expect(malformed.status).toBe(400);
      expect(errorType(malformed)).toBe("SerializationException");
    } finally {
      await emulator.close();
    }
  });
});

interface GeneratedClientModule {
  IoTManagedIntegrationsClient: new (config: Record<string, unknown>) => { send(command: unknown): Promise<Record<string, unknown>>; destroy(): void };
  CreateOtaTaskCommand: new (input: Record<string, unknown>) => unknown;
}

describe.skipIf(!hasClient)("the iotmi client against the emulator", () => {
  // The generated server spec when there is one, else the hand-written fixture.
  const emulatorWith = (options: EmulatorOptions): Promise<Emulator> =>
    startEmulator({ quiet: true, ...(hasServer ? {} : { operations: [createOtaTaskFixtureSpec] }), ...options });

  const load = async (): Promise<GeneratedClientModule> => {
    const specifier = "../../src/generated/index.js";
    return (await import(specifier)) as GeneratedClientModule;
  };

  it("creates a task and reads the modelled errors", async () => {
    const { IoTManagedIntegrationsClient, CreateOtaTaskCommand } = await load();
    const emulator = await emulatorWith({});
    const client = new IoTManagedIntegrationsClient({ region: "us-east-1", endpoint: emulator.url, credentials: DOC_KEY });
    try {
      const output = await client.send(new CreateOtaTaskCommand({ S3Url: "s3://b/c.bin", OtaType: "CONTINUOUS", Description: "client" }));
      expect(output["TaskId"]).toMatch(/^[A-Za-z0-9]+$/);
      expect(output["Description"]).toBe("client");
      const wrongKey = new IoTManagedIntegrationsClient({
        region: "us-east-1",
        endpoint: emulator.url,
        credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "nope" },
      });
      const error = await wrongKey.send(new CreateOtaTaskCommand({ S3Url: "s3://b/c.bin", OtaType: "ONE_TIME" })).catch((e: unknown) => e);
      wrongKey.destroy();
      expect((error as { name: string }).name).toBe("InvalidSignatureException");
    } finally {
      client.destroy();
      await emulator.close();
    }
  });

  it("corrects a skewed client clock from the skew error's Date header", async () => {
    const { IoTManagedIntegrationsClient, CreateOtaTaskCommand } = await load();
    const emulator = await emulatorWith({});
    // The client believes it is 40 minutes earlier than the emulator does.
    const client = new IoTManagedIntegrationsClient({ region: "us-east-1", endpoint: emulator.url, credentials: DOC_KEY, systemClockOffset: -40 * 60_000 });
    try {
      const output = await client.send(new CreateOtaTaskCommand({ S3Url: "s3://b/skew.bin", OtaType: "ONE_TIME" }));
      expect(output["TaskId"]).toMatch(/^[A-Za-z0-9]+$/);
      expect(emulator.records()).toHaveLength(1);
    } finally {
      client.destroy();
      await emulator.close();
    }
  });

  it("never creates a task twice when responses are lost after the commit and the client retries", async () => {
    const { IoTManagedIntegrationsClient, CreateOtaTaskCommand } = await load();
    const emulator = await emulatorWith({ faults: { resetAfterCommit: 0.4, status503: 0.2 }, seed: 11 });
    const client = new IoTManagedIntegrationsClient({ region: "us-east-1", endpoint: emulator.url, credentials: DOC_KEY, maxAttempts: 10 });
    try {
      const ids: string[] = [];
      for (let i = 0; i < 10; i++) {
        const output = await client.send(new CreateOtaTaskCommand({ S3Url: `s3://b/${i}.bin`, OtaType: "ONE_TIME" }));
        ids.push(String(output["TaskId"]));
      }
      const tasks = await inspect(emulator);
      expect(tasks.map((t) => t.TaskId)).toEqual(ids);
    } finally {
      client.destroy();
      await emulator.close();
    }
  });
});
