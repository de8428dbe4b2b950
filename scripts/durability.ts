/**
 * The bigger kill -9 durability run: `npx tsx scripts/durability.ts [--cycles 5] [--concurrency 16]
 * [--kill-after 500]`. Prints the figures; exits non-zero when an acknowledged create, update or delete was
 * lost, a token was stored twice, or a retry after restart did not get its pre-crash resource back.
 */
import { parseArgs } from "node:util";
import { formatDurabilityReport, runDurability } from "../test/reliability/durability-core.js";

const { values } = parseArgs({
  options: {
    cycles: { type: "string", default: "5" },
    concurrency: { type: "string", default: "16" },
    "kill-after": { type: "string", default: "500" },
    help: { type: "boolean", short: "h" },
  },
});
if (values.help === true) {
  console.log("usage: npx tsx scripts/durability.ts [--cycles N] [--concurrency C] [--kill-after ACKS]");
  process.exit(0);
}
const int = (name: string, text: string): number => {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) {
    console.error(`durability: bad --${name} '${text}'`);
    process.exit(2);
  }
  return n;
};
const killAfterAcks = int("kill-after", values["kill-after"]);
const report = await runDurability({
  cycles: int("cycles", values.cycles),
  concurrency: int("concurrency", values.concurrency),
  killAfterAcks,
  maxCallsPerCycle: killAfterAcks * 10,
});
console.log(formatDurabilityReport(report));
const cut = Object.values(report.cutOff).reduce((a, b) => a + b, 0);
const problems = [
  report.lost > 0 ? `${report.lost} lost` : "",
  report.duplicates > 0 ? `${report.duplicates} duplicates` : "",
  report.retryMismatches > 0 ? `${report.retryMismatches} retry mismatches` : "",
  report.untypedErrors > 0 ? `${report.untypedErrors} untyped errors` : "",
  report.updatesLost > 0 ? `${report.updatesLost} acknowledged updates lost` : "",
  report.resurrected > 0 ? `${report.resurrected} acknowledged deletes undone` : "",
  report.missing > 0 ? `${report.missing} resources missing` : "",
  report.tasksStored !== report.createsSent ? "stored creations != creates sent" : "",
  report.acknowledged + cut !== report.callsSent ? "calls unaccounted for" : "",
].filter((p) => p !== "");
console.log(problems.length === 0 ? "durability: OK" : `durability: FAILED: ${problems.join(", ")}`);
process.exit(problems.length === 0 ? 0 : 1);
