/**
 * Emulator throughput: requests per second of `CreateOtaTask` and then `GetOtaTask` (of the tasks just created)
 * through the emulator — SigV4 verification, validation, a durable write for each create — next to a bare
 * `node:http` server answering the same requests with a canned answer of the same shape, same machine, same
 * pre-signed requests, loopback only. Each server runs in a child process of its own; rounds interleave the
 * servers so that load from elsewhere on the machine hits them alike, and each round's ratio is taken within
 * the round (the medians over rounds are the figures; the best round is shown beside them). Prints numbers;
 * passes or fails nothing. Targets (issue 15): creates ≥ 0.5× bare, gets ≥ 0.8× bare.
 *
 * The emulator runs from the build (`dist/node/emulator.js`, what `iotmi serve` and `import "iotmi/emulator"`
 * load), so `npm run build` first. Beside requests per second each server reports the CPU time its process
 * spent per request (user + system, from `process.cpuUsage()` around each phase): on a shared machine that
 * figure moves less than throughput does; its kernel part and (Linux) the part spent off the main thread — V8's
 * background compiler and GC helpers, libuv's thread pool — are printed with it. The load generator's own CPU
 * time per request is printed beside it
 * ("client"): a server that needs less than the client per request is held to the client's pace when the
 * machine has a core for each, and the ratio then moves with the machine's load (see src/emulator/README.md
 * "Throughput"). BENCH_PROFILE_DIR=<dir> writes a CPU profile (sampled every 100 µs) of each phase of each
 * server's first round there (open in Chrome DevTools); BENCH_PROFILE_REGIME=sustained profiles the sustained
 * phases instead. The third server is the emulator with `fsync` (each batch on disk before its answers);
 * BENCH_THIRD=memory makes it the in-memory emulator instead, and BENCH_COMPARE=<dir> another build's emulator
 * (its dist/node directory, e.g. a copy made before a change, durable with the default settings): an A/B of two
 * builds.
 *
 * Two regimes, from the same server processes: the server's FIRST requests (fresh process: V8 compiles the
 * request path while they run, on background threads that count as the server's CPU) and, after `warmup` more
 * creates and gets untimed, its SUSTAINED rate (the same number of timed requests again, compiled code). The
 * targets are throughput targets, judged on the sustained rate (without a warm-up, on the first requests); the
 * first requests' ratios measure warm-up (mostly V8 compiling more code than the bare server has) and are
 * printed beside them. What separates the two is in src/emulator/README.md "Throughput".
 *
 * `tsx bench/emulator-throughput.ts [requests=2000] [concurrency=16] [rounds=6] [warmup=6000]`
 */
import { Sha256 } from "@aws-crypto/sha256-js";
import { HttpRequest } from "@smithy/protocol-http";
import { SignatureV4 } from "@smithy/signature-v4";
import { mkdtemp, rm } from "node:fs/promises";
import { spawn } from "node:child_process";
import { Agent, createServer, request } from "node:http";
import type { AddressInfo } from "node:net";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import { PerformanceObserver } from "node:perf_hooks";
import { CREDENTIALS, REGION, SIGNING_NAME } from "./workload.js";

const REQUESTS = Math.min(Number(process.argv[2] === "--serve" ? 0 : (process.argv[2] ?? 2000)), 50_000);
const CONCURRENCY = Math.min(Number(process.argv[3] ?? 16), 256);
const ROUNDS = Math.min(Number(process.argv[4] ?? 6), 20);
/** Requests of each kind a server serves, untimed, between its first phases and its sustained ones (0: none). */
const WARMUP = Math.min(Number(process.argv[5] ?? 6000), 100_000);

interface Plain {
  readonly method: "POST" | "GET";
  readonly path: string;
  readonly body: string;
}

interface Wire {
  readonly method: string;
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body: string;
}

/** The creates of one run: distinct tasks, each with its own ClientToken. */
function creates(run: string): Plain[] {
  return Array.from({ length: REQUESTS }, (_, i) => ({
    method: "POST" as const,
    path: "/ota-tasks",
    body: JSON.stringify({
      Description: `bench task ${i}`,
      S3Url: `s3://firmware-bucket/build-${i}.bin`,
      OtaType: "ONE_TIME",
      Target: ["thing-a", "thing-b"],
      ClientToken: `bench${run}x${i}`,
      OtaSchedulingConfig: { MaintenanceWindows: [{ DurationInMinutes: 60, StartTime: "0 2 * * *" }] },
    }),
  }));
}

/** Signs every request up front so client-side signing does not count against either server. */
async function presign(port: number, plain: readonly Plain[]): Promise<Wire[]> {
  const signer = new SignatureV4({ credentials: CREDENTIALS, region: REGION, service: SIGNING_NAME, sha256: Sha256 });
  const wires: Wire[] = [];
  for (const { method, path, body } of plain) {
    const headers: Record<string, string> = { host: `127.0.0.1:${port}` };
    if (method === "POST") Object.assign(headers, { "content-type": "application/json", "content-length": String(Buffer.byteLength(body)) });
    const signed = await signer.sign(new HttpRequest({ method, protocol: "http:", hostname: "127.0.0.1", port, path, headers, ...(method === "POST" ? { body } : {}) }));
    wires.push({ method, path: signed.path, headers: signed.headers, body });
  }
  return wires;
}

interface Result {
  readonly rps: number;
  readonly p50: number;
  readonly p99: number;
  readonly statuses: Map<number, number>;
  /** The response bodies, in request order (for the ids of the tasks created). */
  readonly bodies: string[];
  /** The server process's CPU time per request (µs), user + system. */
  cpuPerRequest?: number;
  /** The part of it spent in the kernel (µs): socket writes, fsync, wake-ups. */
  systemCpuPerRequest?: number;
  /**
   * The part of it spent outside the main thread (µs; Linux only): V8's background threads (optimising compiler,
   * GC helpers) and libuv's thread pool (file writes).
   */
  otherThreadsCpuPerRequest?: number;
  /** Time the server's main thread spent in garbage-collection pauses per request (µs), from `PerformanceObserver`. */
  gcPerRequest?: number;
  /** This (the load generator's) process's CPU time per request (µs): what bounds a server faster than it. */
  readonly clientCpuPerRequest: number;
}

async function drive(port: number, wires: readonly Wire[]): Promise<Result> {
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  const bodies: string[] = new Array<string>(wires.length);
  let next = 0;
  const one = (at: number): Promise<void> =>
    new Promise((resolve, reject) => {
      const wire = wires[at]!;
      const t0 = performance.now();
      const req = request({ host: "127.0.0.1", port, method: wire.method, path: wire.path, headers: wire.headers, agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => {
          latencies.push(performance.now() - t0);
          statuses.set(res.statusCode ?? 0, (statuses.get(res.statusCode ?? 0) ?? 0) + 1);
          bodies[at] = Buffer.concat(chunks).toString("utf8");
          resolve();
        });
      });
      req.on("error", reject);
      req.end(wire.method === "POST" ? wire.body : undefined);
    });
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < wires.length) await one(next++);
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    rps: wires.length / seconds,
    p50: latencies[Math.floor(latencies.length * 0.5)] ?? 0,
    p99: latencies[Math.floor(latencies.length * 0.99)] ?? 0,
    statuses,
    bodies,
    clientCpuPerRequest: (cpu.user + cpu.system) / wires.length,
  };
}

/** The bare server's canned answers: the same members the emulator answers with, so both write alike. */
function cannedAnswers(): { create: string; get: string } {
  const id = "0123456789abcdef0123456789abcdef";
  const arn = `arn:aws:iotmanagedintegrations:us-east-1:123456789012:ota-task/${id}`;
  const at = 1_796_000_000;
  return {
    create: JSON.stringify({ TaskId: id, TaskArn: arn, Description: "bench task 0" }),
    get: JSON.stringify({
      TaskId: id,
      TaskArn: arn,
      Description: "bench task 0",
      S3Url: "s3://firmware-bucket/build-0.bin",
      OtaType: "ONE_TIME",
      Target: ["thing-a", "thing-b"],
      OtaSchedulingConfig: { MaintenanceWindows: [{ DurationInMinutes: 60, StartTime: "0 2 * * *" }] },
      CreatedAt: at,
      LastUpdatedAt: at,
      Status: "IN_PROGRESS",
      TaskProcessingDetails: { NumberOfCanceledThings: 0, NumberOfFailedThings: 0, NumberOfInProgressThings: 0, numberOfQueuedThings: 2, numberOfRejectedThings: 0, numberOfRemovedThings: 0, numberOfSucceededThings: 0, numberOfTimedOutThings: 0 },
    }),
  };
}

/** A server process's CPU time so far (µs): all threads (user, system) and its main thread alone. */
interface Usage extends NodeJS.CpuUsage {
  readonly mainThread: number | undefined;
  /** Garbage-collection pause time so far (µs). */
  readonly gc: number;
}

/**
 * The main thread's CPU time so far (µs), from /proc (Linux; clock ticks of 10 ms: over a phase of a second or more
 * the error is a few µs per request), or undefined elsewhere.
 */
function mainThreadCpu(): number | undefined {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // utime and stime are fields 14 and 15 of stat(5), here 11 and 12 after the name.
    return ((Number(fields[11]) + Number(fields[12])) * 1e6) / 100;
  } catch {
    return undefined;
  }
}

const CANNED_REQUEST_ID = "6a3f1c2e-0b7d-4e59-9c1a-2f8e4d6b7a90";

/** Serves in this process (the child side): `--serve bare|durable|fsync|memory|compare [dataDir]`; prints the port. */
async function serve(mode: string, dataDir: string | undefined): Promise<void> {
  let port: number;
  if (mode === "bare") {
    const canned = cannedAnswers();
    const server = createServer((req, res) => {
      req.resume();
      req.on("end", () => {
        const [status, body] = req.method === "POST" ? [201, canned.create] : [200, canned.get];
        // The emulator's header set, canned: the same bytes go back, only the work of making them differs.
        res.writeHead(status, { "content-type": "application/json", "x-amzn-RequestId": CANNED_REQUEST_ID, Date: new Date().toUTCString(), "Content-Length": Buffer.byteLength(body) });
        res.end(body);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as AddressInfo).port;
  } else {
    // The emulator's defaults: the generated server spec and the OTA resource behaviour, SigV4 on.
    // The build `iotmi serve` and `import "iotmi/emulator"` run in Node, not the sources through tsx.
    const entry = mode === "compare" ? join(COMPARE!, "emulator.js") : fileURLToPath(new URL("../dist/node/emulator.js", import.meta.url));
    if (!existsSync(entry)) throw new Error(`${entry} is missing: run \`npm run build\` first`);
    const { startEmulator } = (await import(entry)) as typeof import("../src/emulator/index.js");
    const emulator = await startEmulator({ quiet: true, ...(dataDir !== undefined ? { dataDir } : {}), ...(mode === "fsync" ? { fsync: true } : {}) });
    port = emulator.port;
  }
  // GC pauses, summed: the part of the main thread's time the collector takes (it grows with what the store keeps).
  let gcMicros = 0;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) gcMicros += entry.duration * 1000;
  }).observe({ entryTypes: ["gc"] });
  // The parent asks for this process's CPU time between phases; a profile can be taken of one phase.
  let profiler: Session | undefined;
  process.on("message", (message: string) => {
    void (async () => {
      if (message === "profile" && profiler === undefined) {
        profiler = new Session();
        profiler.connect();
        await profiler.post("Profiler.enable");
        // 100 µs instead of the default 1 ms: a phase is a second or two, so 1 ms leaves too few samples.
        await profiler.post("Profiler.setSamplingInterval", { interval: 100 });
        await profiler.post("Profiler.start");
      }
      if (message === "profile-end" && profiler !== undefined) {
        const { profile } = await profiler.post("Profiler.stop");
        writeFileSync(join(process.env["BENCH_PROFILE_DIR"]!, `${mode}-${process.pid}-${Date.now()}.cpuprofile`), JSON.stringify(profile));
        profiler = undefined;
      }
      process.send!({ ...process.cpuUsage(), mainThread: mainThreadCpu(), gc: gcMicros } satisfies Usage);
    })();
  });
  process.once("SIGTERM", () => process.exit(0));
  process.stdout.write(`${port}\n`);
}

interface Child {
  readonly port: number;
  /** The server process's CPU time so far (µs); `profile` / `profile-end` also start and stop a CPU profile. */
  cpu(request?: "profile" | "profile-end"): Promise<Usage>;
  stop(): Promise<void>;
}

/** Starts a server in a child process, so the load generator does not share its event loop. */
async function child(mode: string, dataDir?: string): Promise<Child> {
  const self = fileURLToPath(import.meta.url);
  const proc = spawn(process.execPath, ["--import", "tsx", self, "--serve", mode, ...(dataDir ? [dataDir] : [])], {
    stdio: ["ignore", "pipe", "inherit", "ipc"],
  });
  const port = await new Promise<number>((resolve, reject) => {
    let out = "";
    proc.stdout!.on("data", (d: Buffer) => {
      out += d.toString();
      if (out.includes("\n")) resolve(Number(out.trim()));
    });
    proc.on("exit", (code) => reject(new Error(`bench server '${mode}' exited with ${code}`)));
  });
  return {
    port,
    cpu: (request) =>
      new Promise((resolve) => {
        proc.once("message", (usage) => resolve(usage as Usage));
        proc.send(request ?? "cpu");
      }),
    stop: () =>
      new Promise((resolve) => {
        proc.on("exit", () => resolve());
        proc.kill("SIGTERM");
      }),
  };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function row(name: string, results: readonly Result[]): string {
  const best = results.reduce((a, b) => (b.rps > a.rps ? b : a));
  const codes = [...best.statuses].map(([code, n]) => `${code}×${n}`).join(" ");
  return (
    `  ${name.padEnd(50)} median ${median(results.map((r) => r.rps)).toFixed(0).padStart(6)} req/s  best ${best.rps.toFixed(0).padStart(6)}` +
    `   server CPU ${median(results.map((r) => r.cpuPerRequest ?? 0)).toFixed(0).padStart(4)} µs/req` +
    ` (kernel ${median(results.map((r) => r.systemCpuPerRequest ?? 0)).toFixed(0).padStart(4)}` +
    `, off main thread ${results.some((r) => r.otherThreadsCpuPerRequest === undefined) ? "   ?" : median(results.map((r) => r.otherThreadsCpuPerRequest!)).toFixed(0).padStart(4)})` +
    `, GC ${median(results.map((r) => r.gcPerRequest ?? 0)).toFixed(0).padStart(3)}` +
    ` (client ${median(results.map((r) => r.clientCpuPerRequest)).toFixed(0).padStart(4)})` +
    `   p50 ${best.p50.toFixed(2).padStart(6)} ms  p99 ${best.p99.toFixed(2).padStart(6)} ms   ${codes}`
  );
}

/**
 * BENCH_COMPARE=<another build's dist/node directory>: the third server is that build's emulator, durable, instead
 * of this build's fsync one — an A/B of two builds in interleaved rounds (CPU per request then resolves a few
 * per cent; single runs on a shared machine move by 10–15 %).
 */
const COMPARE = process.env["BENCH_COMPARE"];

type Mode = "bare" | "durable" | "fsync" | "memory" | "compare";
const THIRD: readonly [Mode, string] =
  COMPARE !== undefined
    ? ["compare", "the same, build BENCH_COMPARE (A/B)"]
    : process.env["BENCH_THIRD"] === "memory"
      ? ["memory", "emulator: SigV4 + validation, in-memory store"]
      : ["fsync", "emulator, fsync: on disk before answering"];
const MODES: readonly (readonly [Mode, string])[] = [
  ["bare", "bare node:http, canned answer"],
  ["durable", "emulator: SigV4 + validation + append log"],
  THIRD,
];
const ORDERS = [[0, 1, 2], [2, 1, 0], [1, 2, 0], [0, 2, 1], [2, 0, 1], [1, 0, 2]] as const;
type Phase = "creates" | "gets";
type Regime = "first" | "sustained";

const PROFILE_DIR = process.env["BENCH_PROFILE_DIR"];
/** Which regime's phases BENCH_PROFILE_DIR profiles: `first` (the default) or `sustained`. */
const PROFILE_REGIME: Regime = process.env["BENCH_PROFILE_REGIME"] === "sustained" ? "sustained" : "first";

/** Drives one phase and records the server's CPU time for it. */
async function phase(server: Child, wires: readonly Wire[], profile: boolean): Promise<Result> {
  const before = await server.cpu(profile ? "profile" : undefined);
  const result = await drive(server.port, wires);
  const after = await server.cpu(profile ? "profile-end" : undefined);
  result.cpuPerRequest = (after.user + after.system - before.user - before.system) / wires.length;
  result.systemCpuPerRequest = (after.system - before.system) / wires.length;
  result.gcPerRequest = (after.gc - before.gc) / wires.length;
  if (after.mainThread !== undefined && before.mainThread !== undefined) {
    result.otherThreadsCpuPerRequest = result.cpuPerRequest - (after.mainThread - before.mainThread) / wires.length;
  }
  return result;
}

/** A get of each task the create answers name. */
function getsOf(mode: Mode, createAnswers: readonly string[]): Plain[] {
  return createAnswers.map((body): Plain => {
    const id = (JSON.parse(body) as { TaskId?: string }).TaskId;
    if (id === undefined) throw new Error(`${mode}: a create answered without a TaskId`);
    return { method: "GET", path: `/ota-tasks/${id}`, body: "" };
  });
}

/** `creates(run)`, then a get of each task created: one timed phase each. */
async function createThenGet(server: Child, mode: Mode, run: string, profile: boolean): Promise<Record<Phase, Result>> {
  const created = await phase(server, await presign(server.port, creates(run)), profile);
  const read = await phase(server, await presign(server.port, getsOf(mode, created.bodies)), profile);
  return { creates: created, gets: read };
}

/**
 * One server, one round, one process: its first creates and gets, then (with a warm-up) `WARMUP` untimed creates
 * and gets of those tasks, then the timed creates and gets again. With BENCH_PROFILE_DIR set, the first round
 * writes a CPU profile of each of its first phases of each server there.
 */
async function round(mode: Mode, run: string, dataDir: string, profile: boolean): Promise<Partial<Record<Regime, Record<Phase, Result>>>> {
  const server = await child(mode, mode === "bare" || mode === "memory" ? undefined : `${dataDir}-${mode}`);
  try {
    const first = await createThenGet(server, mode, run, profile && PROFILE_REGIME === "first");
    if (WARMUP === 0) return { first };
    // `creates` makes REQUESTS distinct tasks per run name: enough batches of them, cut to WARMUP.
    const warm: Plain[] = [];
    for (let batch = 0; warm.length < WARMUP; batch++) warm.push(...creates(`${run}w${batch}`));
    warm.length = WARMUP;
    const warmed = await drive(server.port, await presign(server.port, warm));
    await drive(server.port, await presign(server.port, getsOf(mode, warmed.bodies)));
    return { first, sustained: await createThenGet(server, mode, `${run}s`, profile && PROFILE_REGIME === "sustained") };
  } finally {
    await server.stop();
  }
}

async function main(): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), "iotmi-bench-"));
  try {
    console.log(
      `emulator throughput: ${REQUESTS} CreateOtaTask then ${REQUESTS} GetOtaTask requests per server, round and regime, ` +
        `${CONCURRENCY} concurrent keep-alive connections, loopback, each server in its own process; ${ROUNDS} interleaved rounds; ` +
        `load average at start ${loadavg()[0]!.toFixed(1)}`,
    );
    // One untimed round against the bare server first: the load generator compiles its own request path there,
    // not while the first timed server runs (that made round 0 flatter the slower server).
    await round("bare", "warm-up", join(dataDir, "warm-up"), false);
    const results = new Map<Mode, Partial<Record<Regime, Record<Phase, Result>>>[]>(MODES.map(([mode]) => [mode, []]));
    for (let r = 0; r < ROUNDS; r++) {
      // Every order of the three servers in turn (six rounds see each once): a server's place in the round moves
      // its figures by up to 13 % (an A/A run with the same build in two places showed it), so no place is fixed.
      const order = ORDERS[r % ORDERS.length]!.map((i) => MODES[i]!);
      for (const [mode] of order) results.get(mode)!.push(await round(mode, `${r}${mode}`, join(dataDir, `round-${r}`), PROFILE_DIR !== undefined && r === 0));
    }
    const targets: Record<Phase, number> = { creates: 0.5, gets: 0.8 };
    const regimes: [Regime, string][] = [["first", `each server's first ${REQUESTS} of each (fresh process: V8 compiles the request path meanwhile)`]];
    if (WARMUP > 0) regimes.push(["sustained", `the next ${REQUESTS} of each, after ${WARMUP} more creates and gets untimed (compiled code)`]);
    for (const [regime, what] of regimes) {
      console.log(`\n${regime === "first" ? "First requests" : "Sustained"}: ${what}`);
      for (const phase of ["creates", "gets"] as const) {
        const of = (mode: Mode): Result[] => results.get(mode)!.map((x) => x[regime]![phase]);
        console.log(`${phase === "creates" ? "CreateOtaTask" : "GetOtaTask"}:`);
        for (const [mode, name] of MODES) console.log(row(name, of(mode)));
        const bare = of("bare");
        const ratios = of("durable").map((x, i) => x.rps / bare[i]!.rps);
        const shown = ratios.map((x) => x.toFixed(2)).join(" ");
        const value = median(ratios);
        const judged = regime === "sustained" || WARMUP === 0;
        console.log(
          `  emulator (durable) / bare, ${phase}, ${regime}: ${value.toFixed(2)} (median of ${ROUNDS} rounds; per round ${shown}); ` +
            (judged ? `target ≥ ${targets[phase]} ${value >= targets[phase] ? "met" : "MISSED"}` : "warm-up, no target"),
        );
      }
    }
    console.log(`load average at end ${loadavg()[0]!.toFixed(1)} (the machine is shared: figures move between runs)`);
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

if (process.argv[2] === "--serve") await serve(process.argv[3] ?? "bare", process.argv[4]);
else await main();
