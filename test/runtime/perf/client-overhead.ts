/**
 * Client CPU per call: the runtime (through the fixture client) against a bare `node:http` request plus one
 * SigV4 signature with the same signer, carrying the same headers (so both sign the same bytes and only the
 * pipeline differs). Run: `npx tsx test/runtime/perf/client-overhead.ts [calls]` (or bundle it with esbuild
 * `--packages=external` and run it with node to leave the TypeScript loader out). The server runs in a child
 * process so only client-side CPU is measured.
 */
import { fork } from "node:child_process";
import { request as httpRequest, Agent } from "node:http";
import { fileURLToPath } from "node:url";
import { Sha256 } from "@aws-crypto/sha256-js";
import { HttpRequest } from "@smithy/protocol-http";
import { SignatureV4 } from "@smithy/signature-v4";
import { CreateWidgetCommand, WidgetClient } from "../fixtures/widget-service.js";

const CALLS = Number(process.argv[2] ?? 3000);
const CREDS = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" };

const child = fork(fileURLToPath(new URL("./server.mjs", import.meta.url)), [], { stdio: "inherit" });
const port = await new Promise<number>((resolve) => child.once("message", (m) => resolve(m as number)));

const agent = new Agent({ keepAlive: true, maxSockets: 50 });
const client = new WidgetClient({ region: "us-east-1", endpoint: `http://127.0.0.1:${port}`, credentials: CREDS });
const userAgent = client.config.runtime.userAgent;
const signer = new SignatureV4({ credentials: CREDS, region: "us-east-1", service: "widgets", sha256: Sha256 });

async function bare(): Promise<void> {
  const body = JSON.stringify({ ClientToken: crypto.randomUUID(), Name: "gear", Size: 3 });
  const signed = await signer.sign(
    new HttpRequest({ protocol: "http:", hostname: "127.0.0.1", port, method: "POST", path: "/widgets", headers: {
        "content-type": "application/json",
        host: `127.0.0.1:${port}`,
        "user-agent": userAgent.userAgent,
        "x-amz-user-agent": userAgent.amzUserAgent,
        "amz-sdk-invocation-id": crypto.randomUUID(),
        "content-length": String(Buffer.byteLength(body)),
        "amz-sdk-request": "attempt=1; max=3",
      }, body }),
  );
  await new Promise<void>((resolve, reject) => {
    const req = httpRequest({ hostname: "127.0.0.1", port, method: "POST", path: "/widgets", headers: signed.headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        JSON.parse(Buffer.concat(chunks).toString("utf8"));
        resolve();
      });
    });
    req.on("error", reject);
    req.end(body);
  });
}

const viaClient = async (): Promise<void> => {
  await client.send(new CreateWidgetCommand({ Name: "gear", Size: 3 }));
};

/** CPU microseconds of `calls` sequential calls. */
async function cpuOf(fn: () => Promise<void>, calls: number): Promise<number> {
  const before = process.cpuUsage();
  for (let i = 0; i < calls; i++) await fn();
  const used = process.cpuUsage(before);
  return used.user + used.system;
}

// Warm up JIT and connections, then alternate small batches so machine-load drift hits both sides alike.
await cpuOf(bare, 500);
await cpuOf(viaClient, 500);
const BATCH = 100;
const batches = Math.max(1, Math.round(CALLS / BATCH));
const ratios: number[] = [];
let bareTotal = 0;
let clientTotal = 0;
for (let b = 0; b < batches; b++) {
  const first = b % 2 === 0;
  const x = await cpuOf(first ? bare : viaClient, BATCH);
  const y = await cpuOf(first ? viaClient : bare, BATCH);
  const [bareUs, clientUs] = first ? [x, y] : [y, x];
  bareTotal += bareUs;
  clientTotal += clientUs;
  ratios.push(clientUs / bareUs);
}
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
console.log(`bare ${(bareTotal / (batches * BATCH)).toFixed(1)} µs CPU/call, client ${(clientTotal / (batches * BATCH)).toFixed(1)} µs CPU/call over ${batches * BATCH} calls each`);
console.log(`client/bare: total ${(clientTotal / bareTotal).toFixed(3)}, median of ${batches} batch pairs ${median(ratios).toFixed(3)} (target ≤ 1.15)`);
client.destroy();
agent.destroy();
child.disconnect();
