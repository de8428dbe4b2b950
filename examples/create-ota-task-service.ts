/**
 * Example: a small Node HTTP service that starts firmware rollouts by creating OTA tasks through iotmi.
 *
 *   POST /rollouts   {"firmwareUrl": "s3://bucket/fw.bin", "devices": ["arn:..."], "description": "v2 rollout"}
 *   Idempotency-Key: <optional, 1-64 of [A-Za-z0-9=_-]>
 *   → 201 {"taskId": "...", "taskArn": "..."}
 *
 * What it shows: one client per process (it keeps connections alive and resolves its configuration once),
 * retries made safe by passing the caller's Idempotency-Key as the ClientToken (a repeated POST returns the
 * same task instead of creating a second one), validation errors reported with their member paths, and
 * service errors mapped to HTTP statuses.
 *
 * Run it against the local emulator (no AWS account needed), after `npm run build`:
 *
 *   npx tsx examples/create-ota-task-service.ts --emulator          # service + emulator, until Ctrl-C
 *   npx tsx examples/create-ota-task-service.ts --emulator --demo   # one rollout through the service, then exit
 *
 * Against AWS: set AWS_REGION and credentials as for any AWS SDK, and omit --emulator. IOTMI_ENDPOINT overrides
 * the endpoint; PORT picks the service's port (default 8080, loopback only).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { parseArgs } from "node:util";
import { CreateOtaTaskCommand, InputValidationError, IoTManagedIntegrationsClient } from "iotmi";
import { startEmulator } from "iotmi/emulator";

/** What callers of the service send. */
interface RolloutRequest {
  readonly firmwareUrl: string;
  readonly devices: readonly string[];
  readonly description?: string;
}

const IDEMPOTENCY_KEY = /^[A-Za-z0-9=_-]{1,64}$/;

/** Builds the service around one client; the returned server is not yet listening. */
function createRolloutService(client: IoTManagedIntegrationsClient): Server {
  return createServer((req, res) => {
    handle(client, req, res).catch((error: unknown) => {
      // Only reached if writing the response itself failed; never leak internals to the caller.
      console.error("rollout service: unexpected failure", error instanceof Error ? error.message : error);
      if (!res.headersSent) reply(res, 500, { message: "internal error" });
    });
  });
}

async function handle(client: IoTManagedIntegrationsClient, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method !== "POST" || req.url !== "/rollouts") return reply(res, 404, { message: "POST /rollouts only" });
  let rollout: RolloutRequest;
  try {
    rollout = parseRollout(await readBody(req));
  } catch (error) {
    return reply(res, 400, { message: error instanceof Error ? error.message : "bad request" });
  }
  const key = req.headers["idempotency-key"];
  if (key !== undefined && (typeof key !== "string" || !IDEMPOTENCY_KEY.test(key))) {
    return reply(res, 400, { message: "Idempotency-Key must be 1-64 characters of A-Z a-z 0-9 = _ -" });
  }
  try {
    const task = await client.send(
      new CreateOtaTaskCommand({
        S3Url: rollout.firmwareUrl,
        OtaType: "ONE_TIME",
        OtaMechanism: "PUSH",
        Protocol: "HTTP",
        Target: [...rollout.devices],
        ...(rollout.description === undefined ? {} : { Description: rollout.description }),
        // Same key, same task: the service (and the emulator) deduplicate on ClientToken.
        ...(key === undefined ? {} : { ClientToken: key }),
      }),
    );
    reply(res, 201, { taskId: task.TaskId, taskArn: task.TaskArn });
  } catch (error) {
    const [status, body] = describeFailure(error);
    reply(res, status, body);
  }
}

/** Maps a client error to what this service answers; messages only, never request contents. */
function describeFailure(error: unknown): [number, Record<string, unknown>] {
  if (error instanceof InputValidationError) {
    // Rejected before any request was sent; every violation names the member path and the rule.
    const violations = error.violations.map((v) => ({ path: v.path, rule: v.rule, message: v.message }));
    return [400, { message: `the rollout breaks ${violations.length} rule(s) of CreateOtaTask`, violations }];
  }
  const failure = error as { name?: string; message?: string; $fault?: string; $metadata?: { httpStatusCode?: number } };
  if (failure.$fault === "client") {
    return [failure.$metadata?.httpStatusCode === 409 ? 409 : 422, { error: failure.name, message: failure.message }];
  }
  if (failure.name === "ThrottlingException") return [503, { error: failure.name, message: "try again later" }];
  return [502, { error: failure.name ?? "Error", message: "the OTA service call failed" }];
}

function parseRollout(text: string): RolloutRequest {
  const value = JSON.parse(text) as Partial<Record<keyof RolloutRequest, unknown>>;
  if (typeof value.firmwareUrl !== "string") throw new Error("firmwareUrl must be a string");
  if (!Array.isArray(value.devices) || !value.devices.every((d): d is string => typeof d === "string")) {
    throw new Error("devices must be an array of device ARNs");
  }
  if (value.description !== undefined && typeof value.description !== "string") {
    throw new Error("description must be a string");
  }
  return {
    firmwareUrl: value.firmwareUrl,
    devices: value.devices,
    ...(value.description === undefined ? {} : { description: value.description }),
  };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > 64 * 1024) throw new Error("request body too large");
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function reply(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolveListen, rejectListen) => {
    server.once("error", rejectListen);
    server.listen(port, "127.0.0.1", () => resolveListen((server.address() as AddressInfo).port));
  });
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { emulator: { type: "boolean" }, demo: { type: "boolean" } } });
  const emulator = values.emulator ? await startEmulator({ port: 0, quiet: true }) : undefined;
  const client = new IoTManagedIntegrationsClient(
    emulator
      ? {
          region: emulator.region,
          endpoint: emulator.url,
          // The documentation key pair, which the emulator accepts by default.
          credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" },
        }
      : { ...(process.env["IOTMI_ENDPOINT"] ? { endpoint: process.env["IOTMI_ENDPOINT"] } : {}) },
  );
  const service = createRolloutService(client);
  const port = await listen(service, values.demo ? 0 : Number(process.env["PORT"] ?? 8080));
  console.log(`rollout service on http://127.0.0.1:${port}${emulator ? ` (OTA API: emulator at ${emulator.url})` : ""}`);

  const stop = async (): Promise<void> => {
    await new Promise<void>((done) => service.close(() => done()));
    client.destroy();
    await emulator?.close();
  };
  if (!values.demo) {
    process.once("SIGINT", () => void stop());
    process.once("SIGTERM", () => void stop());
    return;
  }
  try {
    // The demo: the same rollout posted twice with one Idempotency-Key yields one task.
    const post = async (): Promise<unknown> => {
      const response = await fetch(`http://127.0.0.1:${port}/rollouts`, {
        method: "POST",
        headers: { "content-type": "application/json", "idempotency-key": "rollout-2026-11-27-thermostats" },
        body: JSON.stringify({
          firmwareUrl: "s3://firmware-bucket/thermostat/v2.0.0.bin",
          devices: ["arn:aws:iotmanagedintegrations:us-east-1:123456789012:managed-thing/thermostat01"],
          description: "Thermostat firmware 2",
        }),
      });
      return { status: response.status, body: await response.json() };
    };
    const first = await post();
    const again = await post();
    console.log(JSON.stringify({ first, again }, null, 2));
    if (emulator) console.log(`tasks stored by the emulator: ${emulator.records("CreateOtaTask").length}`);
  } finally {
    await stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? `${error.name}: ${error.message}` : String(error));
  process.exitCode = 1;
});
