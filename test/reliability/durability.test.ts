// kill -9 durability through the real client: an emulator child process with a data directory takes 8
// concurrent workers' mixed workload (creates, updates and deletes of tasks, creates and deletes of
// configurations), is SIGKILLed mid-load, restarts on the same directory, and must hold every acknowledged
// create under its ClientToken, every acknowledged update and delete; creates cut off by the crash, retried
// with their tokens, get the pre-crash resource back or a new one, never a second. (Bigger runs: `npx tsx scripts/durability.ts`.)
import { describe, expect, it } from "vitest";
import { formatDurabilityReport, runDurability } from "./durability-core.js";

describe("durability under kill -9", () => {
  it("loses no acknowledged create, update or delete and duplicates nothing across two kill -9 / restart cycles", async () => {
    const report = await runDurability({ cycles: 2, concurrency: 8, killAfterAcks: 120, maxCallsPerCycle: 5000 });
    console.log(formatDurabilityReport(report));
    expect(report.acknowledged).toBeGreaterThanOrEqual(240);
    expect(report.untypedErrors).toBe(0);
    expect(report.lost).toBe(0);
    expect(report.duplicates).toBe(0);
    expect(report.retryMismatches).toBe(0);
    expect([report.updatesLost, report.resurrected, report.missing]).toEqual([0, 0, 0]);
    for (const kind of ["createTask", "createConfiguration", "updateTask", "deleteTask", "deleteConfiguration"]) {
      expect(report.callsByKind[kind] ?? 0, kind).toBeGreaterThan(0);
    }
    // Every call ended acknowledged or cut off, and every cut-off call was accounted for after restart.
    const cut = Object.values(report.cutOff).reduce((a, b) => a + b, 0);
    expect(report.acknowledged + cut).toBe(report.callsSent);
    expect(report.replayedAfterRestart + report.createdAfterRestart).toBe(report.createsCutOff);
    expect(report.tasksStored).toBe(report.createsSent);
  }, 60_000);
});
