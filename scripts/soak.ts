/**
 * The large fault soak: `npx tsx scripts/soak.ts [--calls 2000] [--fault-rate 0.3] [--seed 7] [--concurrency 16]
 * [--read-timeout 200] [--max-attempts 3]`. Prints the figures and exits non-zero when a call ended in an
 * untyped error, a task was duplicated or lost, the store holds tasks no call accounts for, an acknowledged update
 * was lost, a deleted resource came back, or a read answered for another resource.
 */
import { parseArgs } from "node:util";
import { DEFAULT_SOAK, formatSoakReport, runSoak } from "../test/reliability/soak-core.js";

const { values } = parseArgs({
  options: {
    calls: { type: "string" },
    "fault-rate": { type: "string" },
    seed: { type: "string" },
    concurrency: { type: "string" },
    "read-timeout": { type: "string" },
    "max-attempts": { type: "string" },
    help: { type: "boolean", short: "h" },
  },
});
if (values.help === true) {
  console.log("usage: npx tsx scripts/soak.ts [--calls N] [--fault-rate R] [--seed S] [--concurrency C] [--read-timeout MS] [--max-attempts N]");
  process.exit(0);
}

function num(name: string, text: string | undefined, fallback: number, ok: (n: number) => boolean): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isFinite(n) || !ok(n)) {
    console.error(`soak: bad --${name} '${text}'`);
    process.exit(2);
  }
  return n;
}

const options = {
  calls: num("calls", values.calls, DEFAULT_SOAK.calls, (n) => Number.isInteger(n) && n > 0),
  faultRate: num("fault-rate", values["fault-rate"], DEFAULT_SOAK.faultRate, (n) => n >= 0 && n <= 1),
  seed: num("seed", values.seed, DEFAULT_SOAK.seed, Number.isInteger),
  concurrency: num("concurrency", values.concurrency, DEFAULT_SOAK.concurrency, (n) => Number.isInteger(n) && n > 0),
  requestTimeoutMs: num("read-timeout", values["read-timeout"], DEFAULT_SOAK.requestTimeoutMs, (n) => n > 0),
  maxAttempts: num("max-attempts", values["max-attempts"], DEFAULT_SOAK.maxAttempts, (n) => Number.isInteger(n) && n > 0),
};

const report = await runSoak(options);
console.log(formatSoakReport(report));
const typed = Object.values(report.typedErrors).reduce((a, b) => a + b, 0);
const problems = [
  report.untypedErrors > 0 ? `${report.untypedErrors} untyped errors` : "",
  report.successes + typed !== report.calls ? "calls unaccounted for" : "",
  report.duplicates > 0 ? `${report.duplicates} duplicates` : "",
  report.notSoaked.length > 0 ? `operations the emulator serves but the soak does not drive: ${report.notSoaked.join(", ")}` : "",
  report.lost > 0 ? `${report.lost} lost` : "",
  report.orphans > 0 ? `${report.orphans} orphan tasks` : "",
  report.tasksStored !== report.createSuccesses + report.committedUnacknowledged ? "stored creations != successful creates + committed-unacknowledged" : "",
  report.updatesLost > 0 ? `${report.updatesLost} tasks lost an acknowledged update` : "",
  report.resurrected > 0 ? `${report.resurrected} deleted resources came back` : "",
  report.wrongReads > 0 ? `${report.wrongReads} wrong reads` : "",
].filter((p) => p !== "");
console.log(problems.length === 0 ? "soak: OK" : `soak: FAILED: ${problems.join(", ")}`);
process.exit(problems.length === 0 ? 0 : 1);
