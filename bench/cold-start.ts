/**
 * Cold start: a brand-new Node process per run that imports the client, builds it and completes one request
 * against the bench server. Runs of the scenarios are interleaved so that disk-cache and CPU-frequency drift
 * hit them alike; the first round is a discarded warm-up of the file cache.
 */
import { spawn } from "node:child_process";
import { copyFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { type Found, firstLine, ROOT, SDK_DIR, sdkPackageDir } from "./locate.js";
import { median } from "./measure.js";
import { createOtaTaskInput, PREBUILT_BODY } from "./workload.js";

/** Milliseconds since the child's process start (its `performance.timeOrigin`), and the wall time seen from here. */
export interface ColdRun {
  readonly importedMs: number;
  readonly readyMs: number;
  readonly doneMs: number;
  readonly wallMs: number;
}

export interface ColdSummary {
  readonly name: string;
  readonly runs: number;
  /** Medians. */
  readonly importedMs: number;
  readonly doneMs: number;
  readonly wallMs: number;
}

interface Probe {
  readonly name: string;
  readonly script: string;
  readonly arg: string;
  readonly env?: Record<string, string>;
}

function runOnce(probe: Probe, port: number): Promise<ColdRun> {
  return new Promise((resolveRun, rejectRun) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(process.execPath, [probe.script, String(port), probe.arg], {
      stdio: ["ignore", "pipe", "pipe"],
      cwd: ROOT,
      env: { ...process.env, ...probe.env },
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (err += chunk.toString()));
    child.on("error", rejectRun);
    child.on("exit", (code) => {
      const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
      if (code !== 0) return rejectRun(new Error(`exit ${code}: ${err.trim().split("\n").slice(-3).join(" | ")}`));
      try {
        const timings = JSON.parse(out.trim().split("\n").pop() ?? "") as Omit<ColdRun, "wallMs">;
        resolveRun({ ...timings, wallMs });
      } catch {
        rejectRun(new Error(`unreadable probe output: ${out.slice(0, 200)}`));
      }
    });
  });
}

/** Which probes can run now; the others come back with the reason. */
function probes(): { ready: Probe[]; missing: { name: string; reason: string }[] } {
  const ready: Probe[] = [];
  const missing: { name: string; reason: string }[] = [];
  const body = PREBUILT_BODY.toString("utf8");
  ready.push({ name: "floor+sign", script: join(ROOT, "bench/cold/floor-sign.mjs"), arg: body });
  const iotmi = { name: "iotmi", script: join(ROOT, "bench/cold/iotmi.mjs"), arg: JSON.stringify(createOtaTaskInput()) };
  if (existsSync(join(ROOT, "dist/index.js"))) {
    ready.push(iotmi);
  } else if (existsSync(join(ROOT, "dist/generated/index.js"))) {
    // The package entry (src/index.ts) is not there yet; the generated index it will re-export is.
    ready.push({ ...iotmi, env: { IOTMI_BENCH_ENTRY: pathToFileURL(join(ROOT, "dist/generated/index.js")).href } });
  } else {
    missing.push({ name: "iotmi", reason: "no built client (dist/index.js or dist/generated/index.js): run `npm run build`" });
  }
  const sdk: Found<string> = sdkPackageDir();
  if (sdk.ok) {
    const script = join(SDK_DIR, "iotmi-bench-cold.mjs");
    copyFileSync(join(ROOT, "bench/cold/sdk.mjs"), script);
    ready.push({ name: "aws-sdk v3*", script, arg: body });
  } else {
    missing.push({ name: "aws-sdk v3*", reason: sdk.reason });
  }
  return { ready, missing };
}

export async function measureColdStart(
  port: number,
  runs: number,
): Promise<{ summaries: ColdSummary[]; missing: { name: string; reason: string }[] }> {
  const { ready, missing } = probes();
  const results = new Map<string, ColdRun[]>(ready.map((p) => [p.name, []]));
  const failed = new Set<string>();
  for (let round = 0; round <= runs; round++) {
    for (const probe of ready) {
      if (failed.has(probe.name)) continue;
      try {
        const run = await runOnce(probe, port);
        if (round > 0) results.get(probe.name)?.push(run);
      } catch (error) {
        failed.add(probe.name);
        missing.push({ name: probe.name, reason: `probe failed: ${firstLine(error)}` });
      }
    }
  }
  const summaries: ColdSummary[] = [];
  for (const probe of ready) {
    const list = results.get(probe.name) ?? [];
    if (failed.has(probe.name) || list.length === 0) continue;
    summaries.push({
      name: probe.name,
      runs: list.length,
      importedMs: median(list.map((r) => r.importedMs)),
      doneMs: median(list.map((r) => r.doneMs)),
      wallMs: median(list.map((r) => r.wallMs)),
    });
  }
  return { summaries, missing };
}
