/**
 * Generation time: wall time of `npm run generate` as a developer or CI runs it, each run a fresh process.
 * For our model the run uses `--check` (load, IR, emit, format, compare with src/generated/ without writing,
 * so the bench never rewrites committed files). Larger models from ../shared (IOTMI_SHARED) are generated
 * into a temporary folder. Median of a few runs each.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { type Found, ROOT } from "./locate.js";
import { median } from "./measure.js";

export interface GenerationFigures {
  readonly label: string;
  readonly runs: number;
  readonly medianMs: number;
  /** Exit status of the last run (for `--check`: 0 = src/generated is fresh). */
  readonly status: number | null;
  /** Median of the generator's own figure ("… in N ms": load, IR, emit, write), when the run prints one. */
  readonly generatorMs?: number;
  readonly shapes?: number;
  readonly operations?: number;
}

function countShapes(model: string): { shapes: number; operations: number } {
  const shapes = Object.values((JSON.parse(readFileSync(model, "utf8")) as { shapes?: Record<string, { type: string }> }).shapes ?? {});
  return { shapes: shapes.length, operations: shapes.filter((s) => s.type === "operation").length };
}

function time(args: readonly string[], runs: number): { medianMs: number; status: number | null; generatorMs?: number; error?: string } {
  const times: number[] = [];
  const own: number[] = [];
  let status: number | null = null;
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    const result = spawnSync("npm", ["run", "--silent", "generate", "--", ...args], { cwd: ROOT, encoding: "utf8" });
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    if (result.error !== undefined) return { medianMs: Number.NaN, status: null, error: result.error.message };
    status = result.status;
    const reported = /in (\d+) ms\.$/m.exec(result.stdout);
    if (reported !== null) own.push(Number(reported[1]));
    if (status !== 0 && !args.includes("--check")) {
      // The first lines say which model problem stopped the generator (e.g. a feature it rejects by design).
      const lines = (result.stderr || result.stdout).trim().split("\n").slice(0, 2).map((line) => line.trim());
      return { medianMs: Number.NaN, status, error: lines.join(": ") || "failed" };
    }
  }
  return { medianMs: median(times), status, ...(own.length === 0 ? {} : { generatorMs: median(own) }) };
}

export function measureGeneration(runs: number): Found<GenerationFigures>[] {
  const driver = join(ROOT, "codegen/main.ts");
  if (!existsSync(driver)) return [{ ok: false, reason: "codegen/main.ts not written yet" }];
  const results: Found<GenerationFigures>[] = [];
  // The fixed cost every run pays (npm, tsx, loading the generator and ts-morph) before touching a model.
  const startup = time(["--help"], runs);
  if (startup.error === undefined) {
    results.push({ ok: true, from: "npm run generate -- --help", value: { label: "start-up only (--help)", runs, ...startup } });
  }
  const ours = join(ROOT, "model/iot-managed-integrations.json");
  const own = time(["--check"], runs);
  results.push(
    own.error === undefined
      ? { ok: true, from: "npm run generate -- --check", value: { label: "our model (--check)", runs, ...own, ...countShapes(ours) } }
      : { ok: false, reason: own.error },
  );
  const shared = resolve(ROOT, process.env["IOTMI_SHARED"] ?? "../shared");
  const large = [
    { label: "full IoT MI model", file: join(shared, "reference/iot-managed-integrations.smithy.json") },
    { label: "restJson1 protocol-test model", file: join(shared, "protocol-tests/restjson1.json") },
  ];
  for (const { label, file } of large) {
    if (!existsSync(file)) {
      results.push({ ok: false, reason: `${label}: ${file} absent (set IOTMI_SHARED)` });
      continue;
    }
    const out = mkdtempSync(join(tmpdir(), "iotmi-gen-"));
    try {
      const run = time(["--model", file, "--out", out], runs);
      results.push(
        run.error === undefined
          ? { ok: true, from: file, value: { label, runs, ...run, ...countShapes(file) } }
          : { ok: false, reason: `${label}: ${run.error}` },
      );
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }
  return results;
}
