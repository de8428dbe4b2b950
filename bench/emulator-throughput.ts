/**
 * Emulator throughput: requests per second of `CreateOtaTask` through the emulator (SigV4 verification +
 * validation + durable, fsynced write) next to a bare `node:http` server answering a canned 201, same
 * machine, same run, same pre-signed requests, loopback only. Prints numbers; passes or fails nothing.
 *
 * `tsx bench/emulator-throughput.ts [requests=2000] [concurrency=16] [rounds=2]`
 */
import { Sha256 } from "@aws-crypto/sha256-js";
import { HttpRequest } from "@smithy/protocol-http";
import { SignatureV4 } from "@smithy/signature-v4";
import { mkdtemp, rm } from "node:fs/promises";
import { spawn } from "node:child_process";
import { Agent, createServer, request } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { startEmulator } from "../src/emulator/index.js";

const REQUESTS = Math.min(Number(process.argv[2] === "--serve" ? 0 : (process.argv[2] ?? 2000)), 50_000);
const CONCURRENCY = Math.min(Number(process.argv[3] ?? 16), 256);
const ROUNDS = Math.min(Number(process.argv[4] ?? 2), 10);
const KEY = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" };

interface Wire {
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body: string;
}

/** Signs every request up front so client-side signing does not count against either server. */
async function presign(port: number): Promise<Wire[]> {
  const signer = new SignatureV4({ credentials: KEY, region: "us-east-1", service: "iotmanagedintegrations", sha256: Sha256 });
  const wires: Wire[] = [];
  for (let i = 0; i < REQUESTS; i++) {
    const body = JSON.stringify({
      Description: `bench task ${i}`,
      S3Url: `s3://firmware-bucket/build-${i}.bin`,
      OtaType: "ONE_TIME",
      ClientToken: `bench${i}`,
      OtaSchedulingConfig: { MaintenanceWindows: [{ DurationInMinutes: 60, StartTime: "0 2 * * *" }] },
    });
    const req = new HttpRequest({
      method: "POST",
      protocol: "http:",
      hostname: "127.0.0.1",
      port,
      path: "/ota-tasks",
      headers: { host: `127.0.0.1:${port}`, "content-type": "application/json", "content-length": String(Buffer.byteLength(body)) },
      body,
    });
    const signed = await signer.sign(req);
    wires.push({ path: signed.path, headers: signed.headers, body });
  }
  return wires;
}

async function drive(port: number, wires: readonly Wire[]): Promise<{ rps: number; p50: number; p99: number; statuses: Map<number, number> }> {
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  let next = 0;
  const one = (wire: Wire): Promise<void> =>
    new Promise((resolve, reject) => {
      const t0 = performance.now();
      const req = request({ host: "127.0.0.1", port, method: "POST", path: wire.path, headers: wire.headers, agent }, (res) => {
        res.resume();
        res.on("end", () => {
          latencies.push(performance.now() - t0);
          statuses.set(res.statusCode ?? 0, (statuses.get(res.statusCode ?? 0) ?? 0) + 1);
          resolve();
        });
      });
      req.on("error", reject);
      req.end(wire.body);
    });
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < wires.length) await one(wires[next++]!);
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    rps: wires.length / seconds,
    p50: latencies[Math.floor(latencies.length * 0.5)] ?? 0,
    p99: latencies[Math.floor(latencies.length * 0.99)] ?? 0,
    statuses,
  };
}

/** Serves in this process (the child side): `--serve bare|durable|memory [dataDir]`; prints the port. */
async function serve(mode: string, dataDir: string | undefined): Promise<void> {
  let port: number;
  if (mode === "bare") {
    const canned = JSON.stringify({
      TaskId: "0123456789abcdef0123456789abcdef",
      TaskArn: "arn:aws:iotmanagedintegrations:us-east-1:123456789012:ota-task/0123456789abcdef0123456789abcdef",
    });
    const server = createServer((req, res) => {
      req.resume();
      req.on("end", () => {
        res.writeHead(201, { "content-type": "application/json", "content-length": Buffer.byteLength(canned) });
        res.end(canned);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as AddressInfo).port;
  } else {
    // The emulator's defaults: the generated server spec and CreateOtaTask handler, SigV4 on.
    const emulator = await startEmulator({ quiet: true, ...(mode === "durable" ? { dataDir } : {}) });
    port = emulator.port;
  }
  process.stdout.write(`${port}\n`);
}

/** Starts a server in a child process, so the load generator does not share its event loop. */
async function child(mode: string, dataDir?: string): Promise<{ port: number; stop: () => Promise<void> }> {
  const self = fileURLToPath(import.meta.url);
  const proc = spawn(process.execPath, ["--import", "tsx", self, "--serve", mode, ...(dataDir ? [dataDir] : [])], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const port = await new Promise<number>((resolve, reject) => {
    let out = "";
    proc.stdout.on("data", (d: Buffer) => {
      out += d.toString();
      if (out.includes("\n")) resolve(Number(out.trim()));
    });
    proc.on("exit", (code) => reject(new Error(`bench server '${mode}' exited with ${code}`)));
  });
  return {
    port,
    stop: () =>
      new Promise((resolve) => {
        proc.on("exit", () => resolve());
        proc.kill("SIGTERM");
      }),
  };
}

function row(name: string, r: { rps: number; p50: number; p99: number; statuses: Map<number, number> }): string {
  const codes = [...r.statuses].map(([code, n]) => `${code}×${n}`).join(" ");
  return `${name.padEnd(52)} ${r.rps.toFixed(0).padStart(8)} req/s   p50 ${r.p50.toFixed(2).padStart(6)} ms   p99 ${r.p99.toFixed(2).padStart(6)} ms   ${codes}`;
}

async function main(): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), "iotmi-bench-"));
  try {
    console.log(
      `emulator throughput: ${REQUESTS} CreateOtaTask requests, ${CONCURRENCY} concurrent keep-alive connections, ` +
        `loopback, each server in its own process`,
    );
    // Rounds alternate the servers so a burst of load from elsewhere hits them alike; the best round counts.
    const modes = [
      ["bare", "bare node:http, canned 201"],
      ["durable", "emulator: SigV4 + validation + fsynced append log"],
      ["memory", "emulator: SigV4 + validation, in-memory store"],
    ] as const;
    const best = new Map<string, Awaited<ReturnType<typeof drive>>>();
    for (let round = 0; round < ROUNDS; round++) {
      for (const [mode, name] of modes) {
        const roundDir = join(dataDir, `round-${round}`);
        const server = await child(mode, mode === "durable" ? roundDir : undefined);
        try {
          const result = await drive(server.port, await presign(server.port));
          if ((best.get(name)?.rps ?? 0) < result.rps) best.set(name, result);
        } finally {
          await server.stop();
        }
      }
    }
    for (const [, name] of modes) console.log(row(name, best.get(name)!));
    const ratio = best.get(modes[1][1])!.rps / best.get(modes[0][1])!.rps;
    console.log(`emulator (durable) / bare throughput: ${ratio.toFixed(2)} (best of ${ROUNDS} rounds each)`);
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

if (process.argv[2] === "--serve") await serve(process.argv[3] ?? "bare", process.argv[4]);
else await main();
