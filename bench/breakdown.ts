/**
 * The client's CPU per call without the network, stage by stage: the generated validator, serializer and
 * deserializer, the SigV4 signer (as the runtime configures it, and with Node's native SHA-256 for
 * comparison), and a whole `client.send` through an in-process request handler that answers at once. The
 * difference between the whole call and its stages is the runtime's own bookkeeping. Bounded iteration counts.
 */
import { Sha256 } from "@aws-crypto/sha256-js";
import { HttpResponse } from "@smithy/protocol-http";
import { SignatureV4 } from "@smithy/signature-v4";
import { createHash, createHmac } from "node:crypto";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { type Found, firstLine, loadIotmi, ROOT } from "./locate.js";
import { CREDENTIALS, createOtaTaskInput, PREBUILT_BODY, REGION, SIGNING_NAME } from "./workload.js";

export interface Stage {
  readonly name: string;
  /** CPU per operation, microseconds. */
  readonly cpuUs: number;
}

interface OperationSpecLike {
  validate(input: object): unknown[];
  serialize(input: object, ctx: object): { headers: Record<string, string>; body?: unknown };
  deserialize(response: object): object;
}

const RESPONSE_BODY = Buffer.from(
  JSON.stringify({ TaskId: "bench-0123456789abcdef", TaskArn: "arn:aws:iotmanagedintegrations:us-east-1:123456789012:ota-task/bench", Description: "x" }),
);

function cannedResponse(): HttpResponse & { body: Uint8Array } {
  return new HttpResponse({
    statusCode: 201,
    headers: { "content-type": "application/json", "x-amzn-requestid": "00000000-0000-4000-8000-000000000000" },
    body: new Uint8Array(RESPONSE_BODY),
  }) as HttpResponse & { body: Uint8Array };
}

type SourceData = string | ArrayBuffer | ArrayBufferView;

function bytes(data: SourceData): string | Uint8Array {
  if (typeof data === "string") return data;
  return ArrayBuffer.isView(data) ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : new Uint8Array(data);
}

/** Node's native SHA-256 behind the `Checksum` interface the signer expects. */
class NodeSha256 {
  readonly #hash;
  constructor(secret?: SourceData) {
    this.#hash = secret === undefined ? createHash("sha256") : createHmac("sha256", bytes(secret));
  }
  update(data: SourceData): void {
    this.#hash.update(bytes(data));
  }
  digest(): Promise<Uint8Array> {
    return Promise.resolve(new Uint8Array(this.#hash.digest()));
  }
  reset(): void {}
}

/**
 * CPU per operation for each op, measured in slices that take turns so that background
 * load changes hit every stage alike.
 */
async function cpuPerOp(count: number, ops: readonly { name: string; op: () => unknown }[]): Promise<Stage[]> {
  const slices = 10;
  const perSlice = Math.max(1, Math.ceil(count / slices));
  for (const { op } of ops) for (let i = 0; i < Math.min(2000, count); i++) await op();
  const cpu = new Map<string, number>(ops.map(({ name }) => [name, 0]));
  for (let slice = 0; slice < slices; slice++) {
    for (const { name, op } of ops) {
      const start = process.cpuUsage();
      for (let i = 0; i < perSlice; i++) await op();
      const used = process.cpuUsage(start);
      cpu.set(name, (cpu.get(name) ?? 0) + used.user + used.system);
    }
  }
  return ops.map(({ name }) => ({ name, cpuUs: (cpu.get(name) ?? Number.NaN) / (perSlice * slices) }));
}

async function loadSpec(): Promise<Found<OperationSpecLike>> {
  for (const candidate of ["dist/generated/operations.js", "src/generated/operations.ts"]) {
    const file = join(ROOT, candidate);
    if (!existsSync(file)) continue;
    try {
      const mod = (await import(pathToFileURL(file).href)) as { CreateOtaTaskSpec?: OperationSpecLike };
      if (mod.CreateOtaTaskSpec !== undefined) return { ok: true, value: mod.CreateOtaTaskSpec, from: candidate };
    } catch (error) {
      return { ok: false, reason: `${candidate}: ${firstLine(error)}` };
    }
  }
  return { ok: false, reason: "no generated operations.ts yet" };
}

function signRequest(): Parameters<SignatureV4["sign"]>[0] {
  return {
    method: "POST",
    protocol: "https:",
    hostname: "api.iotmanagedintegrations.us-east-1.api.aws",
    path: "/ota-tasks",
    query: {},
    headers: { "content-type": "application/json", host: "api.iotmanagedintegrations.us-east-1.api.aws" },
    body: PREBUILT_BODY,
  };
}

export async function measureBreakdown(count: number): Promise<{ stages: Stage[]; missing: string[] }> {
  const ops: { name: string; op: () => unknown }[] = [];
  const missing: string[] = [];
  const jsSigner = new SignatureV4({ service: SIGNING_NAME, region: REGION, credentials: CREDENTIALS, sha256: Sha256 });
  const nodeSigner = new SignatureV4({ service: SIGNING_NAME, region: REGION, credentials: CREDENTIALS, sha256: NodeSha256 });
  ops.push({ name: "sign: SignatureV4 + sha256-js", op: () => jsSigner.sign(signRequest()) });
  ops.push({ name: "sign: SignatureV4 + node:crypto", op: () => nodeSigner.sign(signRequest()) });

  const spec = await loadSpec();
  if (spec.ok) {
    const input = createOtaTaskInput();
    const ctx = {
      endpoint: { protocol: "https:", hostname: "api.iotmanagedintegrations.us-east-1.api.aws", path: "/" },
      generateIdempotencyToken: () => "6f1c2d3e-4b5a-4c6d-8e7f-901a2b3c4d5e",
    };
    ops.push({ name: "generated validate", op: () => spec.value.validate(input) });
    ops.push({ name: "generated serialize", op: () => spec.value.serialize(input, ctx) });
    ops.push({ name: "generated deserialize", op: () => spec.value.deserialize(cannedResponse()) });
  } else {
    missing.push(`generated stages: ${spec.reason}`);
  }

  const iotmi = await loadIotmi();
  let close = (): void => {};
  if (iotmi.ok) {
    const { IoTManagedIntegrationsClient, CreateOtaTaskCommand } = iotmi.value;
    const handler = { handle: async () => ({ response: cannedResponse() }), destroy: () => {} };
    try {
      const client = new IoTManagedIntegrationsClient({ region: REGION, credentials: CREDENTIALS, requestHandler: handler });
      await client.send(new CreateOtaTaskCommand(createOtaTaskInput()));
      ops.push({ name: "client.send, in-process handler", op: () => client.send(new CreateOtaTaskCommand(createOtaTaskInput())) });
      close = () => client.destroy();
    } catch (error) {
      missing.push(`client.send: ${firstLine(error)}`);
    }
  } else {
    missing.push(`client.send: ${iotmi.reason}`);
  }
  const stages = await cpuPerOp(count, ops);
  close();
  return { stages, missing };
}
