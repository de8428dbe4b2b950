/**
 * The emulator's SigV4 verification on its own, warm: CPU time per verified request (a GET without a body and a
 * CreateOtaTask-sized POST whose body hash is signed), next to the two hashes every verification must compute
 * (SHA-256 of the canonical request, HMAC-SHA256 of the string to sign, both with `node:crypto`). No sockets.
 * Prints numbers; passes or fails nothing. It sizes what the emulator throughput targets leave for everything
 * else a request needs (see src/emulator/README.md "Throughput").
 *
 * `tsx bench/sigv4-verify.ts [requests=2000] [passes=20]`
 */
import { Sha256 } from "@aws-crypto/sha256-js";
import { SignatureV4 } from "@smithy/signature-v4";
import { createHash, createHmac } from "node:crypto";
import { type VerifiableRequest, SigV4Verifier } from "../src/emulator/sigv4/verify.js";
import { CREDENTIALS, createOtaTaskInput, PATH, REGION, SIGNING_NAME } from "./workload.js";

const REQUESTS = Math.max(1, Math.min(Number(process.argv[2] ?? 2000), 50_000));
const PASSES = Math.max(1, Math.min(Number(process.argv[3] ?? 20), 1000));
const HOST = "127.0.0.1:4566";

/** Signs `count` distinct requests the way the SDK v3 does (x-amz-content-sha256 included) at one date. */
async function signedRequests(count: number, method: "GET" | "POST", signingDate: Date): Promise<VerifiableRequest[]> {
  const signer = new SignatureV4({ service: SIGNING_NAME, region: REGION, credentials: CREDENTIALS, sha256: Sha256 });
  const out: VerifiableRequest[] = [];
  for (let i = 0; i < count; i++) {
    // The client scenarios' CreateOtaTask body, made distinct per request by its idempotency token.
    const body = method === "POST" ? JSON.stringify({ ClientToken: `token-${i}`, ...createOtaTaskInput() }) : "";
    const headers: Record<string, string> = { host: HOST };
    if (method === "POST") Object.assign(headers, { "content-type": "application/json", "content-length": String(Buffer.byteLength(body)) });
    const path = method === "POST" ? PATH : `${PATH}/task-${i}`;
    const signed = await signer.sign({ method, protocol: "http:", hostname: "127.0.0.1", port: 4566, path, query: {}, headers, body }, { signingDate });
    const raw = Object.entries(signed.headers).map(([name, value]) => [name, value] as const);
    out.push({ method, path, query: "", headers: raw, body: Buffer.from(body) });
  }
  return out;
}

/** CPU microseconds per call of `work` over `items`, after two untimed passes. */
function cpuPerCall<T>(items: readonly T[], work: (item: T) => unknown): number {
  for (let p = 0; p < 2; p++) for (const item of items) work(item);
  const start = process.cpuUsage();
  for (let p = 0; p < PASSES; p++) for (const item of items) work(item);
  const used = process.cpuUsage(start);
  return (used.user + used.system) / (PASSES * items.length);
}

async function main(): Promise<void> {
  const now = new Date();
  const verifier = new SigV4Verifier({ credentials: [CREDENTIALS], region: REGION, service: SIGNING_NAME, now: () => now });
  console.log(`SigV4 verification, warm (${REQUESTS} distinct signed requests × ${PASSES} passes, after 2 untimed passes; CPU per call):`);
  for (const method of ["GET", "POST"] as const) {
    const requests = await signedRequests(REQUESTS, method, now);
    const refused = requests.filter((r) => !verifier.verify(r).ok).length;
    if (refused > 0) throw new Error(`${refused} ${method} requests were refused: the bench's signing is wrong`);
    console.log(`  ${method === "GET" ? "GetOtaTask (no body)     " : "CreateOtaTask (JSON body)"}  ${cpuPerCall(requests, (r) => verifier.verify(r)).toFixed(2).padStart(6)} µs`);
  }
  // The two hashes no verification can skip, on inputs of a GET's sizes (canonical request ≈ 330 bytes).
  const canonical = "x".repeat(330);
  const key = Buffer.alloc(32, 7);
  const toSign = "y".repeat(150);
  const inputs = Array.from({ length: REQUESTS }, (_, i) => i);
  const hashes = cpuPerCall(inputs, (i) => createHmac("sha256", key).update(toSign + i).digest("hex") + createHash("sha256").update(canonical + i).digest("hex"));
  console.log(`  the two hashes alone (SHA-256 + HMAC-SHA256, node:crypto)  ${hashes.toFixed(2).padStart(6)} µs`);
}

await main();
