/**
 * `npm run bench`: performance and footprint figures for iotmi next to the floors it is measured against.
 * Prints numbers, never passes or fails. Every request goes to one loopback server in a separate child process;
 * each client scenario runs in a fresh process of its own per round (`scenario-process.ts`); every loop is bounded
 * by a request count. Pieces that have not landed yet are reported as "not available yet".
 *
 * Flags: --requests N (sequential per scenario process, default 2000), --concurrent N (per scenario process at 32
 * in flight, default 4000), --rounds N (default 6), --warmups A,B (warm-up regimes, default 200,3000),
 * --memory-calls N (default 100000), --cold-runs N (default 12), --no-build, --skip-cold, --skip-footprint,
 * --skip-generate, --skip-profile, --skip-memory, --only generate|footprint (just that section; no bench server).
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { measureBreakdown } from "./breakdown.js";
import { type ColdSummary, measureColdStart } from "./cold-start.js";
import { type BundleFigures, measureFootprint, measureLibraryFloor, measureSources } from "./footprint.js";
import { measureGeneration } from "./generation.js";
import { type Found, ROOT } from "./locate.js";
import { median, quantile, runSequential } from "./measure.js";
import { profileSends } from "./profile.js";
import type { MemoryReport } from "./memory.js";
import type { ScenarioReport } from "./scenario-process.js";
import { type Prepared, SCENARIOS } from "./scenarios.js";
import { count, kb, ms, ratio, table, us } from "./table.js";

const IN_FLIGHT = 32;

const { values: flags } = parseArgs({
  options: {
    requests: { type: "string", default: "2000" },
    concurrent: { type: "string", default: "4000" },
    rounds: { type: "string", default: "6" },
    warmups: { type: "string", default: "200,3000" },
    "memory-calls": { type: "string", default: "100000" },
    "skip-memory": { type: "boolean", default: false },
    "cold-runs": { type: "string", default: "12" },
    "no-build": { type: "boolean", default: false },
    "skip-cold": { type: "boolean", default: false },
    "skip-footprint": { type: "boolean", default: false },
    "skip-generate": { type: "boolean", default: false },
    "skip-profile": { type: "boolean", default: false },
    only: { type: "string" },
  },
});
if (flags.only !== undefined && flags.only !== "generate" && flags.only !== "footprint") {
  throw new Error(`--only takes \`generate\` or \`footprint\`, got ${JSON.stringify(flags.only)}`);
}

function positive(name: string, text: string | undefined, max: number): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1 || value > max) throw new Error(`--${name} must be an integer in 1..${max}`);
  return value;
}
const SEQUENTIAL = positive("requests", flags.requests, 100_000);
const CONCURRENT = positive("concurrent", flags.concurrent, 200_000);
const ROUNDS = positive("rounds", flags.rounds, 20);
const COLD_RUNS = positive("cold-runs", flags["cold-runs"], 100);
const MEMORY_CALLS = positive("memory-calls", flags["memory-calls"], 1_000_000);
/**
 * Warm-up regimes: per scenario process, before measuring, this many requests at 32 in flight, then as many one
 * after another. 3000 is about what a fresh process needs before its latency tail settles (JIT tiers, heap
 * sizing: with 1000, one request in 80 still took over 1 ms on the bare floor; with 3000, one in 500); 200 is a
 * short-lived process or a Lambda, where code still runs in the interpreter and baseline tiers.
 */
const WARMUPS = (flags.warmups ?? "").split(",").map((text) => positive("warmups", text, 100_000));
const PROFILE_REQUESTS = Math.min(2000, SEQUENTIAL);

function startServer(): Promise<{ port: number; child: ChildProcess }> {
  return new Promise((resolveServer, rejectServer) => {
    const child = spawn(process.execPath, ["--import", "tsx", join(ROOT, "bench/server.ts")], {
      cwd: ROOT,
      stdio: ["pipe", "pipe", "inherit"],
    });
    let out = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split("\n")[0];
      if (out.includes("\n") && line !== undefined) resolveServer({ port: (JSON.parse(line) as { port: number }).port, child });
    });
    child.on("error", rejectServer);
    child.on("exit", (code) => rejectServer(new Error(`bench server exited early (${code})`)));
  });
}

/** One scenario process's figures (one round). */
interface RoundFigures {
  readonly cpuPerRequestUs: number;
  readonly p50Us: number;
  readonly throughput: number;
  readonly cpuPerRequestConcurrentUs: number;
}

interface HotFigures extends RoundFigures {
  readonly name: string;
  readonly p99Us: number;
  /** Per round (index = round), for ratios paired within a round; undefined where the process failed. */
  readonly rounds: readonly (RoundFigures | undefined)[];
}

/** Runs one scenario in a fresh process against the shared server (see scenario-process.ts). */
function runScenarioProcess(name: string, port: number, warmup: number): Promise<ScenarioReport> {
  return new Promise((resolveRun) => {
    const args = [name, port, warmup, SEQUENTIAL, CONCURRENT, IN_FLIGHT].map(String);
    const child = spawn(process.execPath, ["--import", "tsx", join(ROOT, "bench/scenario-process.ts"), ...args], {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout?.on("data", (chunk: Buffer) => (out += chunk.toString()));
    child.on("close", (code) => {
      const line = out.trim().split("\n").at(-1) ?? "";
      try {
        resolveRun(JSON.parse(line) as ScenarioReport);
      } catch {
        resolveRun({ ok: false, reason: `scenario process exited (${code}) without a report` });
      }
    });
  });
}

async function measureHot(port: number, warmup: number): Promise<{ figures: HotFigures[]; notes: string[] }> {
  const names = SCENARIOS.map((s) => s.name);
  const pooled = new Map(
    names.map((n) => [n, { seqCpuUs: 0, seqRequests: 0, concCpuUs: 0, concRequests: 0, rps: [] as number[], latencies: [] as number[], rounds: [] as (RoundFigures | undefined)[] }]),
  );
  const notes = new Map<string, string>();
  const failed = new Set<string>();
  // Every round runs each scenario once, in a fresh process, starting from a different scenario each round, so
  // that background load and drift spread over all of them alike.
  for (let round = 0; round < ROUNDS; round++) {
    for (let i = 0; i < names.length; i++) {
      const name = names[(i + round) % names.length] as string;
      if (failed.has(name)) continue;
      const report = await runScenarioProcess(name, port, warmup);
      const p = pooled.get(name);
      if (!report.ok || p === undefined) {
        failed.add(name);
        notes.set(name, `${name}: not available yet — ${report.ok ? "no figures" : report.reason}`);
        continue;
      }
      notes.set(name, `${name}: ${report.from}`);
      p.seqCpuUs += report.seqCpuUs;
      p.seqRequests += report.seqRequests;
      p.concCpuUs += report.concCpuUs;
      p.concRequests += report.concRequests;
      const rps = report.concRequests / (report.concWallMs / 1000);
      p.rps.push(rps);
      for (const l of report.latenciesUs) p.latencies.push(l);
      p.rounds[round] = {
        cpuPerRequestUs: report.seqCpuUs / report.seqRequests,
        p50Us: quantile(report.latenciesUs, 0.5),
        throughput: rps,
        cpuPerRequestConcurrentUs: report.concCpuUs / report.concRequests,
      };
    }
  }
  const figures = names
    .filter((name) => !failed.has(name))
    .map((name): HotFigures => {
      const p = pooled.get(name)!;
      return {
        name,
        cpuPerRequestUs: p.seqCpuUs / p.seqRequests,
        p50Us: quantile(p.latencies, 0.5),
        p99Us: quantile(p.latencies, 0.99),
        throughput: median(p.rps),
        cpuPerRequestConcurrentUs: p.concCpuUs / p.concRequests,
        rounds: p.rounds,
      };
    });
  return { figures, notes: names.map((n) => notes.get(n) ?? `${n}: not run`) };
}

/**
 * Self time by source for floor+sign(node) (the reference) and iotmi (the subject), profiled in this process
 * after `warmup` sequential requests (in the short regime the profile shows code still in the interpreter).
 */
async function printProfiles(port: number, warmup: number): Promise<void> {
  const subjects: { name: string; prepared: Prepared }[] = [];
  for (const scenario of SCENARIOS.filter((s) => s.name === "floor+sign(node)" || s.name === "iotmi")) {
    const prepared = await scenario.prepare(port);
    if (prepared.ok) subjects.push({ name: scenario.name, prepared: prepared.value });
  }
  if (subjects.length === 0) return;
  console.log(`\n## Where client CPU goes after ${warmup} warm-up requests (V8 sampling profiler, ${PROFILE_REQUESTS} sequential requests; share of busy samples)`);
  const percent = (share: number, busy: number): string => `${((share / busy) * 100).toFixed(1)}%`;
  for (const { name, prepared } of subjects) {
    await runSequential(prepared.send, warmup);
    const { groups, functions } = await profileSends(prepared.send, PROFILE_REQUESTS);
    prepared.close();
    const isIdle = (group: string): boolean => group === "(idle)";
    const busy = groups.filter((g) => !isIdle(g.group)).reduce((sum, g) => sum + g.share, 0);
    const top = groups.filter((g) => !isIdle(g.group)).slice(0, 9);
    console.log(`  ${name} by source: ${top.map((g) => `${g.group} ${percent(g.share, busy)}`).join(", ")}`);
    const fns = functions.filter((f) => !f.group.endsWith("[(idle)]")).slice(0, 8);
    console.log(`  ${name} top functions: ${fns.map((f) => `${f.group} ${percent(f.share, busy)}`).join("; ")}`);
  }
}

function printHot(figures: readonly HotFigures[], notes: readonly string[], warmup: number): void {
  console.log(
    `\n## Hot path after ${warmup} warm-up requests (${ROUNDS} rounds; per round each scenario in a fresh process: ${warmup} at ${IN_FLIGHT} + ${warmup} sequential warm-up, then ${SEQUENTIAL} sequential, ${CONCURRENT} at ${IN_FLIGHT} in flight)`,
  );
  console.log(
    table(
      ["scenario", "CPU/req (seq)", "p50", "p99", `req/s @${IN_FLIGHT}`, `CPU/req @${IN_FLIGHT}`],
      figures.map((f) => [f.name, us(f.cpuPerRequestUs), us(f.p50Us), us(f.p99Us), count(f.throughput), us(f.cpuPerRequestConcurrentUs)]),
    ),
  );
  for (const note of notes) console.log(`  ${note}`);
  const sign = figures.find((f) => f.name === "floor+sign");
  const signNode = figures.find((f) => f.name === "floor+sign(node)");
  if (sign === undefined || signNode === undefined) return;
  console.log(
    "\nRatios are paired within a round (both processes ran minutes apart at most): median of the rounds, range in brackets;\n" +
      "targets apply to iotmi against floor+sign(node) (the same signer hashing with node:crypto, as iotmi does in Node).",
  );
  for (const subject of figures.filter((f) => f.name === "iotmi" || f.name === "by hand" || f.name.startsWith("aws-sdk"))) {
    const targets = subject.name === "iotmi";
    const line = (label: string, pick: (r: RoundFigures) => number, target?: number, higherIsBetter = false): string => {
      const vsNode = pairedRatios(subject, signNode, pick);
      const vsSign = pairedRatios(subject, sign, pick);
      const range = (values: number[]): string => (values.length > 1 ? ` [${ratio(Math.min(...values))}–${ratio(Math.max(...values))}]` : "");
      return `  ${label.padEnd(11)} ${ratio(median(vsNode), targets ? target : undefined, higherIsBetter)}${range(vsNode)}   vs floor+sign ${ratio(median(vsSign))}${range(vsSign)}`;
    };
    console.log(`\n${subject.name} vs floor+sign(node), and vs floor+sign (sha256-js):`);
    console.log(line("CPU/req", (r) => r.cpuPerRequestUs, 1.1));
    console.log(line("CPU/req@32", (r) => r.cpuPerRequestConcurrentUs));
    console.log(line("p50", (r) => r.p50Us, 1.1));
    console.log(line("throughput", (r) => r.throughput, 0.95, true));
  }
  const iotmi = figures.find((f) => f.name === "iotmi");
  const byHand = figures.find((f) => f.name === "by hand");
  if (iotmi !== undefined && byHand !== undefined) {
    const paired = (pick: (r: RoundFigures) => number): string => ratio(median(pairedRatios(iotmi, byHand, pick)));
    console.log(`\niotmi vs by hand (the client's own cost above the work it does):`);
    console.log(`  CPU/req ${paired((r) => r.cpuPerRequestUs)}, CPU/req@32 ${paired((r) => r.cpuPerRequestConcurrentUs)}, p50 ${paired((r) => r.p50Us)}, throughput ${paired((r) => r.throughput)}`);
  }
}

/** subject / reference for each round both completed. */
function pairedRatios(subject: HotFigures, reference: HotFigures, pick: (r: RoundFigures) => number): number[] {
  const out: number[] = [];
  subject.rounds.forEach((mine, round) => {
    const theirs = reference.rounds[round];
    if (mine !== undefined && theirs !== undefined) out.push(pick(mine) / pick(theirs));
  });
  return out;
}

/** CPU per call without the network, stage by stage. */
async function printBreakdown(): Promise<void> {
  const count = Math.min(20_000, SEQUENTIAL * 5);
  const { stages, missing } = await measureBreakdown(count);
  console.log(`\n## Send path without the network (CPU per call, ${count} calls each)`);
  console.log(table(["stage", "CPU/call"], stages.map((s) => [s.name, us(s.cpuUs)])));
  for (const m of missing) console.log(`  not available yet — ${m}`);
  const whole = stages.find((s) => s.name.startsWith("client.send"));
  const parts = stages.filter((s) => s.name.startsWith("generated") || s.name === "sign: SignatureV4 + sha256-js");
  if (whole !== undefined && parts.length === 4) {
    const sum = parts.reduce((total, s) => total + s.cpuUs, 0);
    console.log(`  rest of client.send (runtime steps, Client/Command, its larger signed header set, GC): ${us(whole.cpuUs - sum)}`);
  }
}

function printCold(summaries: readonly ColdSummary[], missing: readonly { name: string; reason: string }[]): void {
  console.log(`\n## Cold start (new process: import, build client, one request; medians; times from process start)`);
  console.log(
    table(
      ["scenario", "runs", "imports done", "answer read", "spawn→exit"],
      summaries.map((s) => [s.name, String(s.runs), ms(s.importedMs), ms(s.doneMs), ms(s.wallMs)]),
    ),
  );
  for (const m of missing) console.log(`  ${m.name}: not available yet — ${m.reason}`);
  const sign = summaries.find((s) => s.name === "floor+sign");
  for (const s of summaries.filter((x) => x.name !== "floor+sign")) {
    if (sign === undefined) break;
    console.log(
      `  ${s.name} / floor+sign: answer read ${ratio(s.doneMs / sign.doneMs, s.name === "iotmi" ? 1.0 : undefined)}; spawn→exit ${ratio(s.wallMs / sign.wallMs)}`,
    );
  }
}

function describeBundle(found: Found<BundleFigures>): string[] {
  return found.ok ? [kb(found.value.bytes), kb(found.value.gzipBytes)] : ["—", "—"];
}

async function printFootprint(): Promise<void> {
  const rows = await measureFootprint();
  console.log(`\n## Footprint (esbuild --bundle --platform=node --format=esm --minify of a script that imports the package by name, builds a client, sends one command)`);
  console.log("  (entry chunk = what loads before the first request: the single file's inputs the script reaches by static imports)");
  console.log(
    table(
      ["client", "static creds", "gzip", "default chain", "gzip", "prod packages"],
      rows.map((r) => [
        r.name,
        ...describeBundle(r.staticCredentials),
        ...describeBundle(r.defaultChain),
        r.productionPackages.ok ? String(r.productionPackages.value.length) : "—",
      ]),
    ),
  );
  for (const r of rows) {
    for (const [label, found] of [
      ["static creds", r.staticCredentials],
      ["default chain", r.defaultChain],
    ] as const) {
      if (!found.ok) {
        console.log(`  ${r.name} ${label}: not available yet — ${found.reason}`);
        continue;
      }
      const top = found.value.byGroup.slice(0, 8).map((g) => `${g.group} ${kb(g.bytes)}`);
      const { entryBytes, lazyBytes } = found.value.split;
      const esbuild = found.value.esbuildSplit;
      console.log(
        `  ${r.name} ${label}: before the first request ${kb(entryBytes)} + ${kb(lazyBytes)} loaded by import() (esbuild --splitting: ${kb(esbuild.entryBytes)} entry chunk + ${kb(esbuild.lazyBytes)} lazy chunks)`,
      );
      console.log(`    by source: ${top.join(", ")}`);
    }
    if (r.name === "iotmi" && r.staticCredentials.ok) {
      const { bytes, split } = r.staticCredentials.value;
      const single = bytes <= 60 * 1024 ? "met" : "MISSED";
      const entry = split.entryBytes <= 50 * 1024 ? "met" : "MISSED";
      console.log(`  iotmi targets (static credentials script): single file ≤ 60 KB ${single}; entry chunk (before the first request) ≤ 50 KB ${entry}`);
    }
  }
  const sources = await measureSources();
  if (sources.ok) {
    const top = sources.value.byGroup.filter((g) => g.bytes >= 400).map((g) => `${g.group} ${kb(g.bytes)}`);
    console.log(`  iotmi static creds by source file (the tsc output bundled the same way: ${kb(sources.value.bytes)}; parts ≥ 0.4 KB): ${top.join(", ")}`);
  } else {
    console.log(`  iotmi by source file: not measured — ${sources.reason}`);
  }
  const [ours, sdk] = rows;
  if (ours?.productionPackages.ok && sdk?.productionPackages.ok) {
    const theirs = new Set(sdk.productionPackages.value);
    const mine = new Set(ours.productionPackages.value);
    console.log(`  production packages iotmi installs that the SDK stand-in does not: ${ours.productionPackages.value.filter((n) => !theirs.has(n)).join(", ") || "none"}`);
    console.log(`  and the other way round: ${sdk.productionPackages.value.filter((n) => !mine.has(n)).join(", ") || "none"}`);
  }
  const libraries = await measureLibraryFloor();
  console.log(
    libraries.ok
      ? `  required libraries alone (signer, node:crypto hash, smithy Client + stack, HTTP messages; no client code): ${kb(libraries.value.bytes)}, gzip ${kb(libraries.value.gzipBytes)}`
      : `  required libraries alone: not available — ${libraries.reason}`,
  );
  console.log("  * aws-sdk v3 = @aws-sdk/client-iot-data-plane, a restJson1+SigV4 stand-in: the IoT Managed Integrations");
  console.log("    client is not on the registry this machine reaches.");
}

/** Heap and RSS of one client over MEMORY_CALLS calls at 32 in flight, in a process of its own (memory.ts). */
function printMemory(port: number): void {
  const warmup = Math.max(...WARMUPS);
  const result = spawnSync(process.execPath, ["--expose-gc", "--import", "tsx", join(ROOT, "bench/memory.ts"), ...[port, warmup, MEMORY_CALLS, IN_FLIGHT].map(String)], {
    cwd: ROOT,
    encoding: "utf8",
  });
  const report = (() => {
    try {
      return JSON.parse(result.stdout.trim().split("\n").at(-1) ?? "") as MemoryReport;
    } catch {
      return { ok: false, reason: `memory process exited (${result.status}) without a report: ${result.stderr.split("\n")[0] ?? ""}` } as MemoryReport;
    }
  })();
  console.log(`\n## Memory (iotmi, ${warmup} warm-up calls, then ${count(MEMORY_CALLS)} at ${IN_FLIGHT} in flight; heap used and RSS after a full GC)`);
  if (!report.ok) {
    console.log(`  not measured — ${report.reason ?? "no report"}`);
    return;
  }
  const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(2)} MB`;
  const base = report.heapAfterWarmupBytes ?? 0;
  console.log(`  after warm-up: heap ${mb(base)}, RSS ${mb(report.rssAfterWarmupBytes ?? 0)}`);
  console.log(`  ${(report.checkpoints ?? []).map((c) => `${count(c.calls)}: heap ${mb(c.heapBytes)}`).join(", ")}`);
  const last = report.checkpoints?.at(-1);
  if (last !== undefined) {
    const growth = last.heapBytes - base;
    console.log(`  heap growth after warm-up: ${growth >= 0 ? "+" : ""}${mb(growth)} (target ≤ 1 MB ${growth <= 1024 * 1024 ? "met" : "MISSED"}); RSS at the end ${mb(last.rssBytes)}`);
  }
  const kept = report.bodiesStillReachable ?? 0;
  console.log(`  response bodies still reachable after the calls: ${kept} of ${count(report.bodiesWatched ?? 0)} (${kept === 0 ? "none kept once deserialised" : "KEPT after deserialisation"})`);
}

/** Other processes skew every figure on a 2-core machine; say how busy it was. */
function printLoad(when: "start" | "end"): void {
  const [one] = loadavg();
  // At the end the one-minute average still counts the bench's own client and server processes.
  const busy = when === "start" && (one ?? 0) > cpus().length * 0.75;
  const note = when === "end" ? " (includes the bench's own processes)" : busy ? " — the machine is busy: figures are inflated and noisy" : "";
  console.log(`load average at ${when}: ${(one ?? 0).toFixed(2)}${note}`);
}

function build(): void {
  if (flags["no-build"]) return;
  const result = spawnSync("npm", ["run", "--silent", "build"], { cwd: ROOT, encoding: "utf8" });
  if (result.status !== 0) {
    const firstError = (result.stdout + result.stderr).split("\n").find((l) => l.includes("error")) ?? "";
    console.log(`note: \`npm run build\` reported errors; measuring what dist/ holds (${firstError.trim().slice(0, 160)})`);
  }
}

/** Targets of issue 17: `npm run generate` of our model and of the full IoT Managed Integrations model. */
const GENERATION_TARGETS_MS: Readonly<Record<string, number>> = { "our model (--check)": 3000, "full IoT MI model": 5000 };

function printGeneration(): void {
  console.log(`\n## Generation (\`npm run generate\`, fresh process per run, median)`);
  for (const gen of measureGeneration(3)) {
    if (!gen.ok) {
      console.log(`  not measured — ${gen.reason}`);
      continue;
    }
    const { label, medianMs, runs, status, shapes, operations, generatorMs } = gen.value;
    const size = shapes === undefined ? "" : ` (${shapes} shapes, ${operations} operations)`;
    const limit = GENERATION_TARGETS_MS[label];
    const target = limit === undefined ? "" : `; target ≤ ${limit} ms ${medianMs <= limit ? "met" : "MISSED"}`;
    const fresh = label.startsWith("our") ? `; src/generated ${status === 0 ? "fresh" : "NOT fresh"}` : "";
    const own = generatorMs === undefined ? "" : ` (generator's own ${ms(generatorMs)})`;
    console.log(`  ${label}${size}: ${ms(medianMs)} over ${runs} runs${own}${target}${fresh}`);
  }
}

async function main(): Promise<void> {
  console.log(`# iotmi bench — node ${process.version}, ${cpus().length} CPUs (${cpus()[0]?.model ?? "?"}), loopback only`);
  printLoad("start");
  build();
  if (flags.only !== undefined) {
    if (flags.only === "generate") printGeneration();
    else await printFootprint();
    printLoad("end");
    return;
  }
  const { port, child } = await startServer();
  child.removeAllListeners("exit");
  try {
    for (const warmup of WARMUPS) {
      const hot = await measureHot(port, warmup);
      printHot(hot.figures, hot.notes, warmup);
    }
    if (!flags["skip-profile"]) {
      for (const warmup of WARMUPS) await printProfiles(port, warmup);
      await printBreakdown();
    }
    if (!flags["skip-memory"]) printMemory(port);
    if (!flags["skip-cold"]) {
      const cold = await measureColdStart(port, COLD_RUNS);
      printCold(cold.summaries, cold.missing);
    }
  } finally {
    child.stdin?.end();
  }
  if (!flags["skip-footprint"]) await printFootprint();
  if (!flags["skip-generate"]) printGeneration();
  printLoad("end");
  const emulatorBench = join(ROOT, "bench/emulator-throughput.ts");
  if (existsSync(emulatorBench)) {
    console.log(`\n## Emulator throughput (bench/emulator-throughput.ts)`);
    spawnSync(process.execPath, ["--import", "tsx", emulatorBench], { cwd: ROOT, stdio: "inherit" });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
