/**
 * The kill -9 durability run shared by `durability.test.ts` and `scripts/durability.ts`: an emulator with a
 * data directory runs in a child process, concurrent CreateOtaTask calls go through the generated client
 * (with retries), the child is killed with SIGKILL mid-load, restarted on the same directory, and the audit
 * checks that every acknowledged TaskId is stored under its ClientToken. The calls cut off by the crash are
 * then retried with their tokens against the restarted emulator: each must get the task committed before the
 * crash back (never a second one) or a new one.
 */
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { startEmulator, type StoredRecord } from "../../src/emulator/index.js";
import { CreateOtaTaskCommand, IoTManagedIntegrationsClient } from "../../src/generated/index.js";
import { typedErrorClass } from "./soak-core.js";

/** @internal */
export interface DurabilityOptions {
  /** How many kill -9 / restart cycles run on the same directory. */
  readonly cycles: number;
  /** Calls in flight. */
  readonly concurrency: number;
  /** The child is killed once this many calls of the cycle were acknowledged. */
  readonly killAfterAcks: number;
  /** A bound on the calls of one cycle, in case the kill never lands. */
  readonly maxCallsPerCycle: number;
}

/** @internal */
export interface DurabilityReport {
  readonly options: DurabilityOptions;
  readonly callsSent: number;
  readonly acknowledged: number;
  /** Calls that failed when the emulator died (typed errors by class). */
  readonly cutOff: Record<string, number>;
  readonly untypedErrors: number;
  /** Acknowledged TaskIds missing after restart, or stored under another token. */
  readonly lost: number;
  /** Cut-off calls whose task had been committed before the crash. */
  readonly committedBeforeCrash: number;
  /** Cut-off calls retried after restart that got their pre-crash task back. */
  readonly replayedAfterRestart: number;
  /** Cut-off calls retried after restart that created their task then. */
  readonly createdAfterRestart: number;
  /** Retries after restart that failed or returned another task than the one stored before the crash. */
  readonly retryMismatches: number;
  readonly tasksStored: number;
  /** Tokens stored more than once. */
  readonly duplicates: number;
  readonly elapsedMs: number;
}

const CHILD = fileURLToPath(new URL("./fixtures/child-emulator.ts", import.meta.url));
const CREDENTIALS = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" };

function newClient(endpoint: string): IoTManagedIntegrationsClient {
  return new IoTManagedIntegrationsClient({
    endpoint,
    region: "us-east-1",
    credentials: CREDENTIALS,
    maxAttempts: 3,
    requestHandler: { requestTimeout: 5000, connectionTimeout: 2000 },
    runtimeHooks: { sleep: () => new Promise<void>((resolve) => setImmediate(resolve)) },
  });
}

/** Starts the child emulator on `dir`; resolves with its URL and a way to SIGKILL it. */
async function startChild(dir: string): Promise<{ url: string; kill: () => Promise<NodeJS.Signals | null> }> {
  const child = spawn(process.execPath, ["--import", "tsx", CHILD, dir], { stdio: ["ignore", "pipe", "inherit"] });
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on("exit", (_code, signal) => resolve(signal)));
  const url = await new Promise<string>((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (d: Buffer) => {
      out += d.toString();
      const nl = out.indexOf("\n");
      if (nl !== -1) resolve((JSON.parse(out.slice(0, nl)) as { url: string }).url);
    });
    child.on("exit", () => reject(new Error("child emulator exited before listening")));
  });
  return {
    url,
    kill: async () => {
      child.kill("SIGKILL");
      return exited;
    },
  };
}

/** Runs the cycles in a fresh temporary directory (removed afterwards). @internal */
export async function runDurability(options: DurabilityOptions): Promise<DurabilityReport> {
  const started = performance.now();
  const dir = await mkdtemp(join(tmpdir(), "iotmi-durability-"));
  const acked = new Map<string, string>(); // token → TaskId
  const cutOffTokens: string[] = [];
  const cutOff: Record<string, number> = {};
  let untypedErrors = 0;
  let callsSent = 0;
  try {
    for (let cycle = 0; cycle < options.cycles; cycle++) {
      const child = await startChild(dir);
      const client = newClient(child.url);
      let cycleAcks = 0;
      let cycleCalls = 0;
      let killed: Promise<NodeJS.Signals | null> | undefined;
      const worker = async (): Promise<void> => {
        while (cycleCalls < options.maxCallsPerCycle) {
          const token = `dur-c${cycle}-${cycleCalls++}`;
          callsSent++;
          try {
            const out = await client.send(new CreateOtaTaskCommand({ S3Url: `s3://durability/${token}`, OtaType: "ONE_TIME", ClientToken: token }));
            acked.set(token, out.TaskId ?? "");
            // Kill once enough were acknowledged, while the other workers still have calls in flight.
            if (++cycleAcks === options.killAfterAcks) killed = child.kill();
          } catch (error) {
            const name = typedErrorClass(error);
            if (name === undefined) untypedErrors++;
            else cutOff[name] = (cutOff[name] ?? 0) + 1;
            cutOffTokens.push(token);
            return; // the emulator is gone
          }
        }
      };
      await Promise.all(Array.from({ length: options.concurrency }, worker));
      client.destroy();
      const signal = await (killed ?? child.kill());
      if (signal !== "SIGKILL") throw new Error(`child emulator ended with ${String(signal)}, not SIGKILL`);
    }

    // Restart on the same directory, in this process, and audit.
    const emulator = await startEmulator({ dataDir: dir, quiet: true });
    let lost = 0;
    let committedBeforeCrash = 0;
    let replayedAfterRestart = 0;
    let createdAfterRestart = 0;
    let retryMismatches = 0;
    let records: readonly StoredRecord[];
    try {
      const before = new Map(emulator.records("CreateOtaTask").map((r) => [r.clientToken ?? "", r.id]));
      for (const [token, taskId] of acked) if (before.get(token) !== taskId) lost++;
      const client = newClient(emulator.url);
      try {
        for (const token of cutOffTokens) {
          const stored = before.get(token);
          if (stored !== undefined) committedBeforeCrash++;
          try {
            const out = await client.send(new CreateOtaTaskCommand({ S3Url: `s3://durability/${token}`, OtaType: "ONE_TIME", ClientToken: token }));
            if (stored === undefined) createdAfterRestart++;
            else if (out.TaskId === stored) replayedAfterRestart++;
            else retryMismatches++;
          } catch {
            retryMismatches++;
          }
        }
      } finally {
        client.destroy();
      }
    } finally {
      await emulator.close();
      records = emulator.records("CreateOtaTask");
    }
    const perToken = new Map<string, number>();
    for (const r of records) perToken.set(r.clientToken ?? "", (perToken.get(r.clientToken ?? "") ?? 0) + 1);
    let duplicates = 0;
    for (const n of perToken.values()) if (n > 1) duplicates += n - 1;
    return {
      options,
      callsSent,
      acknowledged: acked.size,
      cutOff,
      untypedErrors,
      lost,
      committedBeforeCrash,
      replayedAfterRestart,
      createdAfterRestart,
      retryMismatches,
      tasksStored: records.length,
      duplicates,
      elapsedMs: performance.now() - started,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The report as printed lines. @internal */
export function formatDurabilityReport(r: DurabilityReport): string {
  const cut = Object.entries(r.cutOff).map(([k, v]) => `${k}=${v}`).join(" ") || "none";
  return [
    `durability: cycles=${r.options.cycles} concurrency=${r.options.concurrency} kill-after-acks=${r.options.killAfterAcks}`,
    `  calls sent              ${r.callsSent}`,
    `  acknowledged            ${r.acknowledged}`,
    `  cut off by kill -9      ${Object.values(r.cutOff).reduce((a, b) => a + b, 0)} (${cut}); untyped ${r.untypedErrors}`,
    `  lost after restart      ${r.lost}`,
    `  committed before crash  ${r.committedBeforeCrash} (of the cut-off calls)`,
    `  retried after restart   replayed=${r.replayedAfterRestart} created=${r.createdAfterRestart} mismatches=${r.retryMismatches}`,
    `  tasks stored            ${r.tasksStored}`,
    `  duplicates              ${r.duplicates}`,
    `  elapsed                 ${(r.elapsedMs / 1000).toFixed(1)} s`,
  ].join("\n");
}
