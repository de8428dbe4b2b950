// The fault soak at a small N: 200 seeded calls of every operation the emulator serves through the generated
// client against the emulator with ~30 % injected faults. Every call must end in a result or a typed error, the
// store must hold exactly one resource per acknowledged create (no duplicates, nothing lost), acknowledged
// updates are never lost and deleted resources never come back. The figures are printed. (The large N runs in
// `npx tsx scripts/soak.ts`.)
import { describe, expect, it } from "vitest";
import type { StoredRecord } from "../../src/emulator/index.js";
import { audit, auditHistories, formatSoakReport, runSoak, type CallOutcome, type OwnedResource } from "./soak-core.js";

const OPTIONS = { calls: 4, faultRate: 0.3, seed: 1, concurrency: 1, requestTimeoutMs: 200, maxAttempts: 3 };
const record = (seq: number, call: number, id: string, clientToken: string): StoredRecord => ({
  seq,
  operation: "CreateOtaTask",
  id,
  createdAt: "2026-01-01T00:00:00.000Z",
  clientToken,
  input: { S3Url: "s3://b/k", OtaType: "ONE_TIME", Description: `soak call ${call}`, ClientToken: clientToken },
  output: { TaskId: id },
});

describe("soak audit", () => {
  // The auditor must see what it exists to see; otherwise the soak could pass on a broken store.
  const outcomes: CallOutcome[] = [
    { kind: "ok", taskId: "T0", attempts: 1 },
    { kind: "ok", taskId: "T1", attempts: 2 },
    { kind: "typed-error", errorClass: "NetworkError", attempts: 3 },
    { kind: "untyped-error", error: new TypeError("boom") },
  ];
  const tokens = ["a", undefined, "c", undefined];

  it("counts a clean store as clean", () => {
    const r = audit(OPTIONS, outcomes, tokens, [record(1, 0, "T0", "a"), record(2, 1, "T1", "gen-1"), record(3, 2, "T2", "c")], {}, {}, new Set(["T0", "T1", "T2"]));
    expect([r.successes, r.untypedErrors, r.retries, r.lost, r.duplicates, r.orphans, r.committedUnacknowledged]).toEqual([2, 1, 3, 0, 0, 0, 1]);
    expect(r.typedErrors).toEqual({ NetworkError: 1 });
  });

  it("finds a lost task, a duplicate, a task under a foreign token and one missing from the HTTP listing", () => {
    const lost = audit(OPTIONS, outcomes, tokens, [record(1, 0, "T0", "a")], {}, {}, new Set(["T0"]));
    expect(lost.lost).toBe(1);
    const duplicate = audit(OPTIONS, outcomes, tokens, [record(1, 0, "T0", "a"), record(2, 1, "T1", "g"), record(3, 1, "T9", "g")], {}, {}, new Set(["T0", "T1", "T9"]));
    expect(duplicate.duplicates).toBe(2); // two tasks for call 1, and token "g" stored twice
    const foreign = audit(OPTIONS, outcomes, tokens, [record(1, 0, "T0", "zz"), record(2, 1, "T1", "g")], {}, {}, new Set(["T0", "T1"]));
    expect(foreign.orphans).toBe(1);
    const unlisted = audit(OPTIONS, outcomes, tokens, [record(1, 0, "T0", "a"), record(2, 1, "T1", "g")], {}, {}, new Set(["T0"]));
    expect(unlisted.lost).toBe(1);
  });
});

describe("soak history audit", () => {
  const change = (seq: number, id: string, effect: "create" | "update" | "delete", description?: string): StoredRecord => ({
    seq,
    operation: effect === "create" ? "CreateOtaTask" : effect === "update" ? "UpdateOtaTask" : "DeleteOtaTask",
    id,
    createdAt: "2026-01-01T00:00:00.000Z",
    input: {},
    output: {},
    resource: "OtaTask",
    effect,
    ...(description !== undefined ? { state: { TaskId: id, Description: description } } : {}),
  });
  const task = (updates: [string, boolean][], deleted: OwnedResource["deleted"] = "no"): OwnedResource => ({
    id: "T",
    description: "soak call 0",
    updates: updates.map(([description, acknowledged]) => ({ description, acknowledged })),
    deleted,
  });

  it("accepts the last acknowledged update, or an unacknowledged one that committed late", () => {
    const records = [change(1, "T", "create", "soak call 0"), change(2, "T", "update", "u1"), change(3, "T", "update", "u2")];
    expect(auditHistories([{ tasks: [task([["u1", true], ["u2", true]])], configs: [] }], records).updatesLost).toBe(0);
    expect(auditHistories([{ tasks: [task([["u1", false], ["u2", true]])], configs: [] }], [...records, change(4, "T", "update", "u1")]).updatesLost).toBe(0);
  });

  it("accepts a retried acknowledged update whose timed-out attempt committed after a later update, and only that", () => {
    const records = [change(1, "T", "create", "soak call 0"), change(2, "T", "update", "u1"), change(3, "T", "update", "u2"), change(4, "T", "update", "u1")];
    const retried: OwnedResource = { ...task([["u2", true]]), updates: [{ description: "u1", acknowledged: true, retried: true }, { description: "u2", acknowledged: true }] };
    expect(auditHistories([{ tasks: [retried], configs: [] }], records).updatesLost).toBe(0);
    // Acknowledged on its first attempt: nothing of it can still be in flight, so u1 last means u2 was lost.
    expect(auditHistories([{ tasks: [task([["u1", true], ["u2", true]])], configs: [] }], records).updatesLost).toBe(1);
  });

  it("finds a lost acknowledged update and a deleted task that came back", () => {
    const records = [change(1, "T", "create", "soak call 0"), change(2, "T", "update", "u1")];
    expect(auditHistories([{ tasks: [task([["u1", true], ["u2", true]])], configs: [] }], records).updatesLost).toBe(1);
    const deleted = [...records, change(3, "T", "delete")];
    expect(auditHistories([{ tasks: [task([], "acknowledged")], configs: [] }], deleted).resurrected).toBe(0);
    expect(auditHistories([{ tasks: [task([], "acknowledged")], configs: [] }], [...deleted, change(4, "T", "update", "u9")]).resurrected).toBe(1);
    expect(auditHistories([{ tasks: [task([], "acknowledged")], configs: [] }], records).resurrected).toBe(1);
  });
});

describe("fault soak", () => {
  it("200 calls under ~30 % faults: every call typed, one task per success, 0 duplicates, 0 lost", async () => {
    const report = await runSoak({ calls: 200, faultRate: 0.3, seed: 20261127, concurrency: 8, requestTimeoutMs: 200, maxAttempts: 3 });
    console.log(formatSoakReport(report));

    expect(report.untypedSamples).toEqual([]);
    expect(report.untypedErrors).toBe(0);
    const typed = Object.values(report.typedErrors).reduce((a, b) => a + b, 0);
    expect(report.successes + typed).toBe(report.calls);
    expect(report.duplicates).toBe(0);
    expect(report.lost).toBe(0);
    expect(report.orphans).toBe(0);
    // Exactly one task per success, plus at most one per failed call whose commit happened unanswered.
    expect(report.tasksStored).toBe(report.createSuccesses + report.committedUnacknowledged);
    expect([report.updatesLost, report.resurrected, report.wrongReads, report.notSoaked]).toEqual([0, 0, 0, []]);
    expect(report.updatesAcknowledged).toBeGreaterThan(0);
    expect(report.deletesAcknowledged).toBeGreaterThan(0);
    expect(report.committedUnacknowledged).toBeLessThanOrEqual(typed);
    // The run really exercised the faults it claims to (otherwise the checks above prove nothing).
    for (const fault of ["500", "503", "429", "reset before commit", "reset after commit"]) {
      expect(report.injectedFaults[fault] ?? 0, fault).toBeGreaterThan(0);
    }
    expect(report.attemptOutcomes["TimeoutError"] ?? 0).toBeGreaterThan(0);
    expect(report.retries).toBeGreaterThan(0);
  });

  it("replays a reset-after-commit with the same ClientToken instead of creating a second task", async () => {
    // Every request is committed and then reset: with retries, each call sees only resets and fails, yet the
    // store must hold exactly one task per call (the retries replay the first commit).
    const { startEmulator } = await import("../../src/emulator/index.js");
    const { CreateOtaTaskCommand, IoTManagedIntegrationsClient } = await import("../../src/generated/index.js");
    const { NetworkError } = await import("../../src/runtime/index.js");
    const emulator = await startEmulator({ faults: { resetAfterCommit: 1 }, seed: 1, quiet: true });
    const client = new IoTManagedIntegrationsClient({
      endpoint: emulator.url,
      region: "us-east-1",
      credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" },
      maxAttempts: 4,
      runtimeHooks: { sleep: () => Promise.resolve() },
    });
    const errors: unknown[] = [];
    try {
      for (let i = 0; i < 5; i++) {
        await client.send(new CreateOtaTaskCommand({ S3Url: `s3://b/${i}`, OtaType: "ONE_TIME", ...(i % 2 === 0 ? { ClientToken: `t${i}` } : {}) })).then(
          () => errors.push("unexpected success"),
          (e: unknown) => errors.push(e),
        );
      }
    } finally {
      client.destroy();
      await emulator.close();
    }
    expect(errors.every((e) => e instanceof NetworkError && e.$metadata.attempts === 4)).toBe(true);
    const records = emulator.records("CreateOtaTask");
    expect(records).toHaveLength(5);
    expect(new Set(records.map((r) => r.clientToken)).size).toBe(5);
  });
});
