/**
 * The kill -9 durability run shared by `durability.test.ts` and `scripts/durability.ts`: an emulator with a
 * data directory runs in a child process, concurrent workers send a mixed workload through the generated
 * client (with retries): creates, updates and deletes of tasks, creates and deletes of task configurations.
 * The child is killed with SIGKILL mid-load, restarted on the same directory, and the audit checks that every
 * acknowledged create is stored under its ClientToken, and reads every resource back through the API: a task
 * shows its last acknowledged update (or the update the crash cut off), an acknowledged delete stays deleted.
 * The creates cut off by the crash are then retried with their tokens against the restarted emulator: each
 * must get the resource committed before the crash back (never a second one) or a new one.
 */
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { startEmulator, type StoredRecord } from "../../src/emulator/index.js";
import {
  CreateOtaTaskCommand,
  CreateOtaTaskConfigurationCommand,
  DeleteOtaTaskCommand,
  DeleteOtaTaskConfigurationCommand,
  GetOtaTaskCommand,
  GetOtaTaskConfigurationCommand,
  IoTManagedIntegrationsClient,
  UpdateOtaTaskCommand,
} from "../../src/generated/index.js";
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
  /** Calls sent per kind (createTask, createConfiguration, updateTask, deleteTask, deleteConfiguration). */
  readonly callsByKind: Record<string, number>;
  readonly acknowledged: number;
  /** Creates sent (tasks and configurations): each must end stored once. */
  readonly createsSent: number;
  /** Calls that failed when the emulator died (typed errors by class). */
  readonly cutOff: Record<string, number>;
  readonly untypedErrors: number;
  /** Acknowledged TaskIds missing after restart, or stored under another token. */
  readonly lost: number;
  /** Creates among the cut-off calls (retried after restart). */
  readonly createsCutOff: number;
  /** Cut-off calls whose task had been committed before the crash. */
  readonly committedBeforeCrash: number;
  /** Cut-off calls retried after restart that got their pre-crash task back. */
  readonly replayedAfterRestart: number;
  /** Cut-off calls retried after restart that created their task then. */
  readonly createdAfterRestart: number;
  /** Retries after restart that failed or returned another task than the one stored before the crash. */
  readonly retryMismatches: number;
  /** Resources read back after restart, and those that disagree with what their worker was told. */
  readonly readBack: number;
  /** Live tasks whose description is neither the last acknowledged update nor the cut-off one. */
  readonly updatesLost: number;
  /** Resources whose acknowledged delete did not survive the restart (or that read back wrongly). */
  readonly resurrected: number;
  /** Live resources missing or unreadable after restart. */
  readonly missing: number;
  /** Tasks and configurations stored by creates. */
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

/** A resource one worker created and goes on changing; its history as the worker was told it. */
interface Owned {
  readonly kind: "task" | "configuration";
  readonly id: string;
  /** The description the last acknowledged write left. */
  acknowledged: string;
  /** An update the crash cut off: it may or may not have committed. */
  cutOff?: string;
  deleted: "no" | "cut-off" | "acknowledged";
}

type Kind = "createTask" | "createConfiguration" | "updateTask" | "deleteTask" | "deleteConfiguration";

/** Picks a call kind; one that needs a resource the worker does not have becomes a create. */
function pickKind(r: number, liveTasks: number, liveConfigurations: number): Kind {
  const kind: Kind = r < 0.45 ? "createTask" : r < 0.6 ? "createConfiguration" : r < 0.82 ? "updateTask" : r < 0.94 ? "deleteTask" : "deleteConfiguration";
  if ((kind === "updateTask" || kind === "deleteTask") && liveTasks === 0) return "createTask";
  if (kind === "deleteConfiguration" && liveConfigurations === 0) return "createConfiguration";
  return kind;
}

/** Runs the cycles in a fresh temporary directory (removed afterwards). @internal */
export async function runDurability(options: DurabilityOptions): Promise<DurabilityReport> {
  const started = performance.now();
  const dir = await mkdtemp(join(tmpdir(), "iotmi-durability-"));
  const acked = new Map<string, string>(); // token → TaskId or TaskConfigurationId
  const cutOffCreates: { token: string; kind: "task" | "configuration" }[] = [];
  const owned: Owned[] = [];
  const cutOff: Record<string, number> = {};
  const callsByKind: Record<string, number> = {};
  let untypedErrors = 0;
  let callsSent = 0;
  let createsSent = 0;
  let acknowledged = 0;
  let draw = 0;
  // A fixed sequence (golden-ratio steps) keeps the mix reproducible without a seeded generator.
  const next = (): number => (draw = (draw + 0.6180339887) % 1);
  const createTask = (client: IoTManagedIntegrationsClient, token: string) =>
    client.send(new CreateOtaTaskCommand({ S3Url: `s3://durability/${token}`, OtaType: "ONE_TIME", Description: token, ClientToken: token })).then((o) => o.TaskId ?? "");
  const createConfiguration = (client: IoTManagedIntegrationsClient, token: string) =>
    client.send(new CreateOtaTaskConfigurationCommand({ Name: token, Description: token, ClientToken: token })).then((o) => o.TaskConfigurationId ?? "");
  try {
    for (let cycle = 0; cycle < options.cycles; cycle++) {
      const child = await startChild(dir);
      const client = newClient(child.url);
      let cycleAcks = 0;
      let cycleCalls = 0;
      let killed: Promise<NodeJS.Signals | null> | undefined;
      const worker = async (): Promise<void> => {
        const mine: Owned[] = [];
        const live = (kind: Owned["kind"]): Owned[] => mine.filter((o) => o.kind === kind && o.deleted === "no");
        while (cycleCalls < options.maxCallsPerCycle) {
          const token = `dur-c${cycle}-${cycleCalls++}`;
          const kind = pickKind(next(), live("task").length, live("configuration").length);
          const target = kind === "updateTask" || kind === "deleteTask" ? live("task")[0] : kind === "deleteConfiguration" ? live("configuration")[0] : undefined;
          callsSent++;
          callsByKind[kind] = (callsByKind[kind] ?? 0) + 1;
          try {
            if (kind === "createTask" || kind === "createConfiguration") {
              createsSent++;
              const id = await (kind === "createTask" ? createTask : createConfiguration)(client, token);
              acked.set(token, id);
              const resource: Owned = { kind: kind === "createTask" ? "task" : "configuration", id, acknowledged: token, deleted: "no" };
              mine.push(resource);
              owned.push(resource);
            } else if (kind === "updateTask") {
              // Rotate: the oldest live task is updated, then goes to the back of the worker's list.
              target!.cutOff = token;
              await client.send(new UpdateOtaTaskCommand({ Identifier: target!.id, Description: token }));
              target!.acknowledged = token;
              delete target!.cutOff;
              mine.push(...mine.splice(mine.indexOf(target!), 1));
            } else {
              target!.deleted = "cut-off";
              if (kind === "deleteTask") await client.send(new DeleteOtaTaskCommand({ Identifier: target!.id }));
              else await client.send(new DeleteOtaTaskConfigurationCommand({ Identifier: target!.id }));
              target!.deleted = "acknowledged";
            }
            acknowledged++;
            // Kill once enough were acknowledged, while the other workers still have calls in flight.
            if (++cycleAcks === options.killAfterAcks) killed = child.kill();
          } catch (error) {
            const name = typedErrorClass(error);
            if (name === undefined) untypedErrors++;
            else cutOff[name] = (cutOff[name] ?? 0) + 1;
            if (kind === "createTask" || kind === "createConfiguration") cutOffCreates.push({ token, kind: kind === "createTask" ? "task" : "configuration" });
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
    let readBack = 0;
    let updatesLost = 0;
    let resurrected = 0;
    let missing = 0;
    let records: readonly StoredRecord[];
    try {
      const creates = (): StoredRecord[] => [...emulator.records("CreateOtaTask"), ...emulator.records("CreateOtaTaskConfiguration")];
      const before = new Map(creates().map((r) => [r.clientToken ?? "", r.id]));
      for (const [token, id] of acked) if (before.get(token) !== id) lost++;
      const client = newClient(emulator.url);
      try {
        // Every resource read back through the API, before any retry changes the store.
        for (const resource of owned) {
          if (resource.deleted === "cut-off") continue; // may or may not have been deleted
          readBack++;
          const read =
            resource.kind === "task"
              ? client.send(new GetOtaTaskCommand({ Identifier: resource.id })).then((o) => ({ id: o.TaskId, description: o.Description }))
              : client.send(new GetOtaTaskConfigurationCommand({ Identifier: resource.id })).then((o) => ({ id: o.TaskConfigurationId, description: o.Description }));
          const got = await read.catch((e: unknown) => (typedErrorClass(e) === "ResourceNotFoundException" ? undefined : Promise.reject(e)));
          if (resource.deleted === "acknowledged") {
            if (got !== undefined) resurrected++;
          } else if (got === undefined || got.id !== resource.id) missing++;
          else if (got.description !== resource.acknowledged && got.description !== resource.cutOff) updatesLost++;
        }
        for (const { token, kind } of cutOffCreates) {
          const stored = before.get(token);
          if (stored !== undefined) committedBeforeCrash++;
          try {
            const id = await (kind === "task" ? createTask : createConfiguration)(client, token);
            if (stored === undefined) createdAfterRestart++;
            else if (id === stored) replayedAfterRestart++;
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
      records = [...emulator.records("CreateOtaTask"), ...emulator.records("CreateOtaTaskConfiguration")];
    }
    const perToken = new Map<string, number>();
    for (const r of records) perToken.set(r.clientToken ?? "", (perToken.get(r.clientToken ?? "") ?? 0) + 1);
    let duplicates = 0;
    for (const n of perToken.values()) if (n > 1) duplicates += n - 1;
    return {
      options,
      callsSent,
      callsByKind,
      acknowledged,
      createsSent,
      cutOff,
      createsCutOff: cutOffCreates.length,
      untypedErrors,
      lost,
      committedBeforeCrash,
      replayedAfterRestart,
      createdAfterRestart,
      retryMismatches,
      readBack,
      updatesLost,
      resurrected,
      missing,
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
    `  calls sent              ${r.callsSent} (${Object.entries(r.callsByKind).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => `${k}=${v}`).join(" ")})`,
    `  acknowledged            ${r.acknowledged}`,
    `  cut off by kill -9      ${Object.values(r.cutOff).reduce((a, b) => a + b, 0)} (${cut}); untyped ${r.untypedErrors}`,
    `  lost after restart      ${r.lost}`,
    `  committed before crash  ${r.committedBeforeCrash} (of the ${r.createsCutOff} cut-off creates)`,
    `  retried after restart   replayed=${r.replayedAfterRestart} created=${r.createdAfterRestart} mismatches=${r.retryMismatches}`,
    `  read back after restart ${r.readBack}: updates lost ${r.updatesLost}, deletes undone ${r.resurrected}, missing ${r.missing}`,
    `  creates sent / stored   ${r.createsSent} / ${r.tasksStored} (tasks and configurations)`,
    `  duplicates              ${r.duplicates}`,
    `  elapsed                 ${(r.elapsedMs / 1000).toFixed(1)} s`,
  ].join("\n");
}
