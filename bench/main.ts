/**
 * `npm run bench`: performance and footprint figures for iotmi next to the floors it is measured against.
 * Prints numbers, never passes or fails. Every request goes to a loopback server in a separate child process;
 * every loop is bounded by a request count. Pieces that have not landed yet are reported as "not available yet".
 *
 * Flags: --requests N (sequential per round, default 2000), --concurrent N (per round at 32 in flight, default
 * 4000), --rounds N (default 3), --cold-runs N (default 12), --no-build, --skip-cold, --skip-footprint,
 * --skip-generate, --skip-profile.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { measureBreakdown } from "./breakdown.js";
import { type ColdSummary, measureColdStart } from "./cold-start.js";
import { type BundleFigures, measureFootprint, measureLibraryFloor } from "./footprint.js";
import { measureGeneration } from "./generation.js";
import { type Found, ROOT } from "./locate.js";
import { median, quantile, runConcurrent, runSequential } from "./measure.js";
import { profileSends } from "./profile.js";
import { type Prepared, SCENARIOS } from "./scenarios.js";
import { count, kb, ms, ratio, table, us } from "./table.js";

const IN_FLIGHT = 32;

const { values: flags } = parseArgs({
  options: {
    requests: { type: "string", default: "2000" },
    concurrent: { type: "string", default: "4000" },
    rounds: { type: "string", default: "3" },
    "cold-runs": { type: "string", default: "12" },
    "no-build": { type: "boolean", default: false },
    "skip-cold": { type: "boolean", default: false },
    "skip-footprint": { type: "boolean", default: false },
    "skip-generate": { type: "boolean", default: false },
    "skip-profile": { type: "boolean", default: false },
  },
});

function positive(name: string, text: string | undefined, max: number): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1 || value > max) throw new Error(`--${name} must be an integer in 1..${max}`);
  return value;
}
const SEQUENTIAL = positive("requests", flags.requests, 100_000);
const CONCURRENT = positive("concurrent", flags.concurrent, 200_000);
const ROUNDS = positive("rounds", flags.rounds, 20);
const COLD_RUNS = positive("cold-runs", flags["cold-runs"], 100);
const WARMUP = Math.min(500, SEQUENTIAL);
const PROFILE_REQUESTS = Math.min(2000, SEQUENTIAL);
/** Each round's requests are sent in this many slices, scenarios taking turns. */
const SLICES = 10;

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

interface HotFigures {
  readonly name: string;
  readonly cpuPerRequestUs: number;
  readonly p50Us: number;
  readonly p99Us: number;
  readonly throughput: number;
  readonly cpuPerRequestConcurrentUs: number;
}

interface ReadyScenario {
  readonly name: string;
  readonly prepared: Prepared;
}

async function measureHot(port: number): Promise<{ figures: HotFigures[]; notes: string[]; ready: ReadyScenario[] }> {
  const notes: string[] = [];
  const ready: ReadyScenario[] = [];
  for (const scenario of SCENARIOS) {
    const prepared: Found<Prepared> = await scenario.prepare(port);
    if (prepared.ok) {
      ready.push({ name: scenario.name, prepared: prepared.value });
      notes.push(`${scenario.name}: ${prepared.from}`);
    } else {
      notes.push(`${scenario.name}: not available yet — ${prepared.reason}`);
    }
  }
  const latencies = new Map<string, number[]>(ready.map((r) => [r.name, []]));
  const totals = new Map(ready.map((r) => [r.name, { seqCpuUs: 0, seqRequests: 0, concCpuUs: 0, concRequests: 0, rps: [] as number[] }]));
  // Scenarios take turns in small slices so that background load, GC and CPU-frequency drift spread over all
  // of them alike, instead of favouring whichever ran during a quiet minute.
  for (const { prepared } of ready) await runSequential(prepared.send, WARMUP);
  const seqSlice = Math.max(1, Math.ceil(SEQUENTIAL / SLICES));
  const concSlice = Math.max(IN_FLIGHT, Math.ceil(CONCURRENT / SLICES));
  for (let round = 0; round < ROUNDS; round++) {
    for (let slice = 0; slice < SLICES; slice++) {
      for (const { name, prepared } of ready) {
        const seq = await runSequential(prepared.send, seqSlice);
        latencies.get(name)?.push(...seq.latenciesUs);
        const t = totals.get(name);
        if (t !== undefined) {
          t.seqCpuUs += seq.cpuUs;
          t.seqRequests += seqSlice;
        }
      }
    }
    const roundWall = new Map<string, { wallMs: number; requests: number }>(ready.map((r) => [r.name, { wallMs: 0, requests: 0 }]));
    for (let slice = 0; slice < SLICES; slice++) {
      for (const { name, prepared } of ready) {
        const c = await runConcurrent(prepared.send, concSlice, IN_FLIGHT);
        const t = totals.get(name);
        const w = roundWall.get(name);
        if (t === undefined || w === undefined) continue;
        t.concCpuUs += c.cpuUs;
        t.concRequests += c.requests;
        w.wallMs += c.wallMs;
        w.requests += c.requests;
      }
    }
    for (const [name, w] of roundWall) totals.get(name)?.rps.push(w.requests / (w.wallMs / 1000));
  }
  const figures = ready.map(({ name }): HotFigures => {
    const lat = latencies.get(name) ?? [];
    const t = totals.get(name) ?? { seqCpuUs: Number.NaN, seqRequests: 1, concCpuUs: Number.NaN, concRequests: 1, rps: [] };
    return {
      name,
      cpuPerRequestUs: t.seqCpuUs / t.seqRequests,
      p50Us: quantile(lat, 0.5),
      p99Us: quantile(lat, 0.99),
      throughput: median(t.rps),
      cpuPerRequestConcurrentUs: t.concCpuUs / t.concRequests,
    };
  });
  return { figures, notes, ready };
}

/** Self time by source for the client scenarios (floor+sign as the reference, iotmi as the subject). */
async function printProfiles(ready: readonly ReadyScenario[]): Promise<void> {
  const subjects = ready.filter((r) => r.name === "floor+sign" || r.name === "iotmi");
  if (subjects.length === 0) return;
  console.log(`\n## Where client CPU goes (V8 sampling profiler, ${PROFILE_REQUESTS} sequential requests; share of busy samples)`);
  const percent = (share: number, busy: number): string => `${((share / busy) * 100).toFixed(1)}%`;
  for (const { name, prepared } of subjects) {
    const { groups, functions } = await profileSends(prepared.send, PROFILE_REQUESTS);
    const isIdle = (group: string): boolean => group === "(idle)";
    const busy = groups.filter((g) => !isIdle(g.group)).reduce((sum, g) => sum + g.share, 0);
    const top = groups.filter((g) => !isIdle(g.group)).slice(0, 9);
    console.log(`  ${name} by source: ${top.map((g) => `${g.group} ${percent(g.share, busy)}`).join(", ")}`);
    const fns = functions.filter((f) => !f.group.endsWith("[(idle)]")).slice(0, 8);
    console.log(`  ${name} top functions: ${fns.map((f) => `${f.group} ${percent(f.share, busy)}`).join("; ")}`);
  }
}

function printHot(figures: readonly HotFigures[], notes: readonly string[]): void {
  console.log(
    `\n## Hot path (${ROUNDS} rounds × ${SEQUENTIAL} sequential + ${CONCURRENT} at ${IN_FLIGHT} in flight, scenarios taking turns in ${SLICES} slices; after ${WARMUP} warm-up)`,
  );
  console.log(
    table(
      ["scenario", "CPU/req (seq)", "p50", "p99", `req/s @${IN_FLIGHT}`, `CPU/req @${IN_FLIGHT}`],
      figures.map((f) => [f.name, us(f.cpuPerRequestUs), us(f.p50Us), us(f.p99Us), count(f.throughput), us(f.cpuPerRequestConcurrentUs)]),
    ),
  );
  for (const note of notes) console.log(`  ${note}`);
  const floor = figures.find((f) => f.name === "floor");
  const sign = figures.find((f) => f.name === "floor+sign");
  if (sign === undefined || floor === undefined) return;
  for (const subject of figures.filter((f) => f.name !== "floor" && f.name !== "floor+sign")) {
    const targets = subject.name === "iotmi";
    console.log(`\n${subject.name} vs floor+sign (vs floor):`);
    console.log(
      `  CPU/req     ${ratio(subject.cpuPerRequestUs / sign.cpuPerRequestUs, targets ? 1.15 : undefined)}  (${ratio(subject.cpuPerRequestUs / floor.cpuPerRequestUs)})`,
    );
    console.log(
      `  CPU/req@32  ${ratio(subject.cpuPerRequestConcurrentUs / sign.cpuPerRequestConcurrentUs)}  (${ratio(subject.cpuPerRequestConcurrentUs / floor.cpuPerRequestConcurrentUs)})`,
    );
    console.log(`  p50         ${ratio(subject.p50Us / sign.p50Us, targets ? 1.1 : undefined)}  (${ratio(subject.p50Us / floor.p50Us)})`);
    console.log(
      `  throughput  ${ratio(subject.throughput / sign.throughput, targets ? 0.9 : undefined, true)}  (${ratio(subject.throughput / floor.throughput)})`,
    );
  }
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
      `  ${s.name} / floor+sign: answer read ${ratio(s.doneMs / sign.doneMs, s.name === "iotmi" ? 1.1 : undefined)}; spawn→exit ${ratio(s.wallMs / sign.wallMs)}`,
    );
  }
}

function describeBundle(found: Found<BundleFigures>): string[] {
  return found.ok ? [kb(found.value.bytes), kb(found.value.gzipBytes)] : ["—", "—"];
}

async function printFootprint(): Promise<void> {
  const rows = await measureFootprint();
  console.log(`\n## Footprint (esbuild --bundle --minify, ESM, node20; script = build a client, send one command)`);
  console.log(
    table(
      ["client", "static creds", "gzip", "default chain", "gzip", "prod packages"],
      rows.map((r) => [
        r.name,
        ...describeBundle(r.staticCredentials),
        ...describeBundle(r.defaultChain),
        r.productionPackages.ok ? String(r.productionPackages.value) : "—",
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
      console.log(`  ${r.name} ${label}: with code splitting ${kb(entryBytes)} entry chunk + ${kb(lazyBytes)} lazy chunks`);
      console.log(`    by source: ${top.join(", ")}`);
    }
    if (r.name === "iotmi" && r.staticCredentials.ok) {
      const met = r.staticCredentials.value.bytes <= 45 * 1024;
      console.log(`  iotmi target ≤ 45 KB: ${met ? "met" : "MISSED"} (static credentials script)`);
    }
  }
  const libraries = await measureLibraryFloor();
  console.log(
    libraries.ok
      ? `  required libraries alone (signer, sha256-js, smithy Client + stack, HTTP messages, endpoint-rules library; no client code): ${kb(libraries.value.bytes)}, gzip ${kb(libraries.value.gzipBytes)}`
      : `  required libraries alone: not available — ${libraries.reason}`,
  );
  console.log("  * aws-sdk v3 = @aws-sdk/client-iot-data-plane, a restJson1+SigV4 stand-in: the IoT Managed Integrations");
  console.log("    client is not on the registry this machine reaches.");
}

/** Other processes skew every figure on a 2-core machine; say how busy it was. */
function printLoad(when: string): void {
  const [one] = loadavg();
  const busy = (one ?? 0) > cpus().length * 0.75;
  console.log(`load average at ${when}: ${(one ?? 0).toFixed(2)}${busy ? " — the machine is busy: figures are inflated and noisy" : ""}`);
}

function build(): void {
  if (flags["no-build"]) return;
  const result = spawnSync("npm", ["run", "--silent", "build"], { cwd: ROOT, encoding: "utf8" });
  if (result.status !== 0) {
    const firstError = (result.stdout + result.stderr).split("\n").find((l) => l.includes("error")) ?? "";
    console.log(`note: \`npm run build\` reported errors; measuring what dist/ holds (${firstError.trim().slice(0, 160)})`);
  }
}

/** The AWS SDK warns once about Node 20 support; it says nothing about the figures, so it is dropped. */
function quietSdkWarning(): void {
  process.removeAllListeners("warning");
  process.on("warning", (warning) => {
    if (!warning.message.startsWith("NodeVersionSupportWarning")) console.error(`${warning.name}: ${warning.message}`);
  });
}

async function main(): Promise<void> {
  quietSdkWarning();
  console.log(`# iotmi bench — node ${process.version}, ${cpus().length} CPUs (${cpus()[0]?.model ?? "?"}), loopback only`);
  printLoad("start");
  build();
  const { port, child } = await startServer();
  child.removeAllListeners("exit");
  try {
    const hot = await measureHot(port);
    printHot(hot.figures, hot.notes);
    if (!flags["skip-profile"]) {
      await printProfiles(hot.ready);
      await printBreakdown();
    }
    for (const { prepared } of hot.ready) prepared.close();
    if (!flags["skip-cold"]) {
      const cold = await measureColdStart(port, COLD_RUNS);
      printCold(cold.summaries, cold.missing);
    }
  } finally {
    child.stdin?.end();
  }
  if (!flags["skip-footprint"]) await printFootprint();
  if (!flags["skip-generate"]) {
    console.log(`\n## Generation (\`npm run generate\`, fresh process per run, median)`);
    for (const gen of measureGeneration(3)) {
      if (!gen.ok) {
        console.log(`  not measured — ${gen.reason}`);
        continue;
      }
      const { label, medianMs, runs, status, shapes, operations } = gen.value;
      const size = shapes === undefined ? "" : ` (${shapes} shapes, ${operations} operations)`;
      const target = label.startsWith("our") ? `; target ≤ 3000 ms ${medianMs <= 3000 ? "met" : "MISSED"}` : "";
      const fresh = label.startsWith("our") ? `; src/generated ${status === 0 ? "fresh" : "NOT fresh"}` : "";
      console.log(`  ${label}${size}: ${ms(medianMs)} over ${runs} runs${target}${fresh}`);
    }
  }
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
