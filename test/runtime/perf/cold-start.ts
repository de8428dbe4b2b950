/**
 * Cold start on a busy machine: the bench's own probes (bench/cold/floor-sign.mjs and bench/cold/iotmi.mjs against
 * the built package in dist/), each a fresh Node process that imports, builds a client and completes one request
 * against the bench server. Besides wall time from process start to the answer, prints the CPU time each process
 * used (user + system), which other load on the machine inflates far less than wall time. Runs alternate;
 * the first round is a discarded warm-up. Run after `npm run build`:
 * `npx tsx test/runtime/perf/cold-start.ts [runs]`. With `IOTMI_COLD_COMPARE=<file URL of another build's index.js>`
 * that build runs as a third probe (e.g. a copy of the tree before a change, built with tsc to another folder; or
 * `file://$PWD/dist/index.js`, the unbundled build bundlers get, against the dist/node/ bundle Node gets for "iotmi").
 */
import { type ChildProcess, spawn, execFile, execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(fileURLToPath(new URL("../../..", import.meta.url)));
const RUNS = Number(process.argv[2] ?? 15);
const BODY = JSON.stringify({
  Description: "Firmware 2 rollout",
  S3Url: "s3://firmware-bucket/v2.bin",
  OtaType: "ONE_TIME",
  Target: ["arn:aws:iotmanagedintegrations:us-east-1:123456789012:managed-thing/t1"],
});

const work = mkdtempSync(join(tmpdir(), "iotmi-cold-"));
// Preloaded into each probe: reports the process's CPU time when it exits.
const cpuReporter = join(work, "cpu.mjs");
writeFileSync(cpuReporter, `process.on("exit", () => { const u = process.cpuUsage(); process.stderr.write("CPU " + (u.user + u.system) / 1000 + "\\n"); });\n`);

function startServer(): Promise<{ port: number; child: ChildProcess }> {
  return new Promise((ok, fail) => {
    const child = spawn(process.execPath, ["--import", "tsx", join(ROOT, "bench/server.ts")], { cwd: ROOT, stdio: ["pipe", "pipe", "inherit"] });
    child.stdout?.once("data", (chunk: Buffer) => ok({ port: (JSON.parse(chunk.toString().split("\n")[0] ?? "") as { port: number }).port, child }));
    child.on("error", fail);
  });
}

function run(script: string, port: number, arg: string, env: Record<string, string> = {}): Promise<{ doneMs: number; cpuMs: number }> {
  return new Promise((ok, fail) => {
    const options = { cwd: ROOT, env: { ...process.env, IOTMI_BENCH_ENTRY: "", ...env } };
    execFile(process.execPath, ["--import", cpuReporter, script, String(port), arg], options, (error, stdout, stderr) => {
      if (error !== null) return fail(error);
      const timings = JSON.parse(stdout.trim().split("\n").pop() ?? "") as { doneMs: number };
      const cpu = /CPU ([\d.]+)/.exec(stderr);
      ok({ doneMs: timings.doneMs, cpuMs: Number(cpu?.[1]) });
    });
  });
}

const probes: { name: string; script: string; arg: string; env?: Record<string, string> }[] = [
  { name: "floor+sign", script: join(ROOT, "bench/cold/floor-sign.mjs"), arg: BODY },
  { name: "iotmi", script: join(ROOT, "bench/cold/iotmi.mjs"), arg: BODY },
];
const compare = process.env["IOTMI_COLD_COMPARE"];
if (compare) probes.push({ name: "compare", script: join(ROOT, "bench/cold/iotmi.mjs"), arg: BODY, env: { IOTMI_BENCH_ENTRY: compare } });
// The file `import "iotmi"` resolves to from the package root (the "node" condition of package.json "exports").
const resolved = execFileSync(process.execPath, ["--input-type=module", "-e", `console.log(import.meta.resolve("iotmi"))`], { cwd: ROOT, encoding: "utf8" });
console.log(`iotmi probe imports ${resolved.trim()}${compare ? `; compare imports ${compare}` : ""}`);
const { port, child } = await startServer();
const results = new Map<string, { doneMs: number[]; cpuMs: number[] }>(probes.map((p) => [p.name, { doneMs: [], cpuMs: [] }]));
try {
  for (let round = 0; round <= RUNS; round++) {
    for (const probe of probes) {
      const r = await run(probe.script, port, probe.arg, probe.env);
      if (round === 0) continue;
      results.get(probe.name)?.doneMs.push(r.doneMs);
      results.get(probe.name)?.cpuMs.push(r.cpuMs);
    }
  }
} finally {
  child.stdin?.end();
  rmSync(work, { recursive: true, force: true });
}
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const base = results.get("floor+sign");
for (const [name, r] of results) {
  const wallRatio = base === undefined ? 1 : median(r.doneMs) / median(base.doneMs);
  const cpuRatio = base === undefined ? 1 : median(r.cpuMs) / median(base.cpuMs);
  console.log(
    `${name.padEnd(11)} answer read ${median(r.doneMs).toFixed(1)} ms (${wallRatio.toFixed(2)}×)   process CPU ${median(r.cpuMs).toFixed(1)} ms (${cpuRatio.toFixed(2)}×)   median of ${r.doneMs.length}`,
  );
}
