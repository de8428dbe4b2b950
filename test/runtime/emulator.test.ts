/**
 * The runtime under the generated client against the local emulator (real HTTP, SigV4 verification): a
 * create, a clock-skew recovery, retries through injected faults with one idempotent record, typed service
 * errors, and client-side validation that sends nothing. Shared time is faked on both sides.
 */
import { afterEach, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "../../src/emulator/index.js";
import {
  CreateOtaTaskCommand,
  IoTManagedIntegrationsClient,
  IoTManagedIntegrationsServiceException,
  ThrottlingException,
  type CreateOtaTaskCommandInput,
} from "../../src/generated/index.js";
import { InputValidationError } from "../../src/runtime/index.js";
import { fakeTime } from "./helpers.js";

const CREDS = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" };
const SERVER_NOW = Date.UTC(2026, 2, 1, 9, 0, 0);
const INPUT: CreateOtaTaskCommandInput = {
  S3Url: "s3://firmware-bucket/thermostat/v2.bin",
  OtaType: "ONE_TIME",
  Protocol: "HTTP",
  Target: ["arn:aws:iotmanagedintegrations:us-east-1:123456789012:managed-thing/t1"],
  Description: "runtime test",
};

let emulator: Emulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

async function start(options: Parameters<typeof startEmulator>[0] = {}): Promise<Emulator> {
  emulator = await startEmulator({ port: 0, quiet: true, clock: () => new Date(SERVER_NOW), sleep: async () => undefined, ...options });
  return emulator;
}

describe("against the emulator", () => {
  it("creates an OTA task with a verified signature", async () => {
    const emu = await start();
    const client = new IoTManagedIntegrationsClient({ region: "us-east-1", endpoint: emu.url, credentials: CREDS, runtimeHooks: fakeTime(SERVER_NOW) });
    const output = await client.send(new CreateOtaTaskCommand(INPUT));
    expect(output.TaskId).toMatch(/\S/);
    expect(output.$metadata).toMatchObject({ httpStatusCode: 201, attempts: 1, totalRetryDelay: 0 });
    expect(emu.records("CreateOtaTask")).toHaveLength(1);
    client.destroy();
  });

  it.each([
    ["behind (Signature expired)", -20 * 60_000],
    ["ahead (Signature not yet current)", 20 * 60_000],
  ])("recovers from a clock %s: corrected clock → success on the second attempt", async (_label, skew) => {
    const emu = await start();
    const time = fakeTime(SERVER_NOW + skew);
    const client = new IoTManagedIntegrationsClient({ region: "us-east-1", endpoint: emu.url, credentials: CREDS, runtimeHooks: time });
    const output = await client.send(new CreateOtaTaskCommand(INPUT));
    expect(output.$metadata.attempts).toBe(2);
    expect(client.config.systemClockOffset).toBe(-skew);
    expect(emu.records("CreateOtaTask")).toHaveLength(1);
    client.destroy();
  });

  it("retries injected 503/429/resets with one idempotency token per call, storing one task per call", async () => {
    const emu = await start({ faults: { status503: 0.2, status429RetryAfter: 0.1, resetAfterCommit: 0.2 }, seed: 7 });
    const time = fakeTime(SERVER_NOW);
    const client = new IoTManagedIntegrationsClient({ region: "us-east-1", endpoint: emu.url, credentials: CREDS, runtimeHooks: time, maxAttempts: 10 });
    const outputs = [];
    for (let i = 0; i < 5; i++) outputs.push(await client.send(new CreateOtaTaskCommand({ ...INPUT, Description: `call ${i}` })));
    expect(new Set(outputs.map((o) => o.TaskId)).size).toBe(5);
    expect(emu.records("CreateOtaTask")).toHaveLength(5);
    expect(outputs.some((o) => o.$metadata.attempts! > 1)).toBe(true);
    expect(time.sleeps.length).toBeGreaterThan(0);
    client.destroy();
  });

  it("surfaces an unmodelled error code as the service base exception named after it", async () => {
    const emu = await start();
    const client = new IoTManagedIntegrationsClient({
      region: "us-east-1",
      endpoint: emu.url,
      credentials: { accessKeyId: "AKIDUNKNOWN", secretAccessKey: "nope" },
      runtimeHooks: fakeTime(SERVER_NOW),
    });
    const error = await client.send(new CreateOtaTaskCommand(INPUT)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IoTManagedIntegrationsServiceException);
    expect(error).toMatchObject({ name: "UnrecognizedClientException", $fault: "client", $metadata: { httpStatusCode: 403, attempts: 1 } });
    expect((error as { $response?: { statusCode: number } }).$response?.statusCode).toBe(403);
    client.destroy();
  });

  it("throws the generated class for a modelled error", async () => {
    const emu = await start({ faults: { status429: 1 }, seed: 1 });
    const client = new IoTManagedIntegrationsClient({ region: "us-east-1", endpoint: emu.url, credentials: CREDS, runtimeHooks: fakeTime(SERVER_NOW), maxAttempts: 2 });
    const error = await client.send(new CreateOtaTaskCommand(INPUT)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ThrottlingException);
    expect(error).toMatchObject({ $metadata: { httpStatusCode: 429, attempts: 2 } });
    client.destroy();
  });

  it("validates before sending", async () => {
    const emu = await start();
    const client = new IoTManagedIntegrationsClient({ region: "us-east-1", endpoint: emu.url, credentials: CREDS });
    const bad = { ...INPUT, S3Url: undefined } as unknown as CreateOtaTaskCommandInput;
    await expect(client.send(new CreateOtaTaskCommand(bad))).rejects.toBeInstanceOf(InputValidationError);
    expect(emu.records()).toHaveLength(0);
    client.destroy();
  });
});
