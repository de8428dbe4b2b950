/**
 * Measurement for a proposal, not a switch: CPU per SigV4 signature of a CreateOtaTask-sized request with
 * `@aws-crypto/sha256-js` (the required hash, pure JavaScript) against a `node:crypto`-backed hash constructor
 * passed to the same `@smithy/signature-v4` signer. Both must produce the same signature (checked first).
 * Run: `npx tsx test/runtime/perf/hash-alternative.ts [signatures]`.
 */
import { createHash, createHmac, type Hash, type Hmac } from "node:crypto";
import { Sha256 } from "@aws-crypto/sha256-js";
import { HttpRequest } from "@smithy/protocol-http";
import { SignatureV4 } from "@smithy/signature-v4";
import type { Checksum, SourceData } from "@smithy/types";

const SIGNATURES = Number(process.argv[2] ?? 5000);
const CREDS = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" };

function bytesOf(data: SourceData): Uint8Array | string {
  if (typeof data === "string") return data;
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  return new Uint8Array(data);
}

/** SHA-256 / HMAC-SHA-256 over `node:crypto`, in the `Checksum` shape the signer expects. */
class NodeSha256 implements Checksum {
  readonly #secret: SourceData | undefined;
  #hash: Hash | Hmac;
  constructor(secret?: SourceData) {
    this.#secret = secret;
    this.#hash = this.#fresh();
  }
  #fresh(): Hash | Hmac {
    return this.#secret === undefined ? createHash("sha256") : createHmac("sha256", bytesOf(this.#secret));
  }
  update(data: Uint8Array | string): void {
    this.#hash.update(data);
  }
  async digest(): Promise<Uint8Array> {
    const out = this.#hash.digest();
    return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
  }
  reset(): void {
    this.#hash = this.#fresh();
  }
}

const body = JSON.stringify({
  ClientToken: "7d7f8f51-3c4f-4a87-9d0f-2f7c5c0e2b11",
  Description: "Firmware 2 rollout",
  S3Url: "s3://firmware-bucket/v2.bin",
  OtaType: "ONE_TIME",
  Target: ["arn:aws:iotmanagedintegrations:us-east-1:123456789012:managed-thing/t1"],
});
const request = (): HttpRequest =>
  new HttpRequest({
    protocol: "http:",
    hostname: "127.0.0.1",
    port: 8080,
    method: "POST",
    path: "/ota-tasks",
    headers: {
      "content-type": "application/json",
      host: "127.0.0.1:8080",
      "user-agent": "iotmi/0.1.0 ua/2.1 os/linux lang/js md/nodejs#20",
      "x-amz-user-agent": "iotmi/0.1.0",
      "amz-sdk-invocation-id": "0b7c7a9e-8f3e-4a4a-9a8e-1f2e3d4c5b6a",
      "content-length": String(Buffer.byteLength(body)),
      "amz-sdk-request": "attempt=1; max=3",
    },
    body,
  });

const options = { credentials: CREDS, region: "us-east-1", service: "iotmanagedintegrations", uriEscapePath: true, applyChecksum: true };
const jsSigner = new SignatureV4({ ...options, sha256: Sha256 });
const nodeSigner = new SignatureV4({ ...options, sha256: NodeSha256 });
const signingDate = new Date("2030-01-01T00:00:00Z");

const a = await jsSigner.sign(request(), { signingDate });
const b = await nodeSigner.sign(request(), { signingDate });
if (a.headers["authorization"] !== b.headers["authorization"]) throw new Error("the two hashes give different signatures");

async function cpuPerSignature(signer: SignatureV4, count: number): Promise<number> {
  const before = process.cpuUsage();
  for (let i = 0; i < count; i++) await signer.sign(request(), { signingDate: new Date() });
  const used = process.cpuUsage(before);
  return (used.user + used.system) / count;
}

await cpuPerSignature(jsSigner, 1000);
await cpuPerSignature(nodeSigner, 1000);
const js: number[] = [];
const node: number[] = [];
for (let round = 0; round < 5; round++) {
  js.push(await cpuPerSignature(jsSigner, SIGNATURES / 5));
  node.push(await cpuPerSignature(nodeSigner, SIGNATURES / 5));
}
const median = (xs: number[]): number => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)] as number;
console.log(`same signature: yes`);
console.log(`@aws-crypto/sha256-js: ${median(js).toFixed(1)} µs CPU per signature (median of 5 rounds)`);
console.log(`node:crypto          : ${median(node).toFixed(1)} µs CPU per signature (median of 5 rounds)`);
console.log(`node:crypto / sha256-js: ${(median(node) / median(js)).toFixed(2)}`);
