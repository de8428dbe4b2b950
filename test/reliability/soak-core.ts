/**
 * The fault soak shared by `test/reliability/soak.test.ts` (small N) and `scripts/soak.ts` (large N): a mix of
 * every operation the emulator serves, called through the generated client by concurrent workers against an
 * in-process emulator injecting ~30 % faults, then an audit of the emulator's store against what the client was
 * told. The audit yields counts only; the callers decide what must be zero.
 *
 * Every create carries `Description: "soak call <i>"`, so a stored task or configuration can be traced back to
 * the call that created it even when the client generated the `ClientToken` itself. Each worker updates, reads
 * and deletes only the resources it created, one call at a time, so what it was told orders its own history.
 */
import { request as httpRequest } from "node:http";
import { ServiceException } from "@smithy/smithy-client";
import type { Logger } from "@smithy/types";
import { startEmulator, type FaultOptions, type StoredRecord } from "../../src/emulator/index.js";
import {
  CreateOtaTaskCommand,
  CreateOtaTaskConfigurationCommand,
  DeleteOtaTaskCommand,
  DeleteOtaTaskConfigurationCommand,
  GetOtaTaskCommand,
  GetOtaTaskConfigurationCommand,
  IoTManagedIntegrationsClient,
  ListOtaTaskConfigurationsCommand,
  ListOtaTaskExecutionsCommand,
  ListOtaTasksCommand,
  UpdateOtaTaskCommand,
} from "../../src/generated/index.js";
import { RequestFailedError } from "../../src/runtime/index.js";

/** How to run one soak. @internal */
export interface SoakOptions {
  readonly calls: number;
  /** Total share of requests that get a fault (statuses, resets, over-long delays), ~0.3 by default. */
  readonly faultRate: number;
  readonly seed: number;
  readonly concurrency: number;
  /** The client's read timeout; delay faults last twice as long. */
  readonly requestTimeoutMs: number;
  readonly maxAttempts: number;
}

/** What happened to one call. @internal */
export type CallOutcome =
  // `taskId` is the id a create returned (a task's or a configuration's); other operations leave it out.
  | { readonly kind: "ok"; readonly taskId?: string; readonly attempts: number; readonly operation?: string }
  | { readonly kind: "typed-error"; readonly errorClass: string; readonly attempts: number; readonly operation?: string }
  | { readonly kind: "untyped-error"; readonly error: unknown; readonly operation?: string };

/** What one worker did to the resources it created, in its own order. @internal */
export interface WorkerHistory {
  readonly tasks: OwnedResource[];
  readonly configs: OwnedResource[];
}

/**
 * A resource a worker created; `updates` in the order sent, each acknowledged or not, and `retried` when the
 * acknowledgement came on a later attempt (an earlier attempt of it may still be in flight on the server).
 * @internal
 */
export interface OwnedResource {
  readonly id: string;
  readonly description?: string;
  readonly updates: { readonly description: string; acknowledged: boolean; retried?: boolean }[];
  deleted: "no" | "unacknowledged" | "acknowledged";
}

const NEEDS_TASK: ReadonlySet<string> = new Set(["GetOtaTask", "UpdateOtaTask", "DeleteOtaTask", "ListOtaTaskExecutions"]);
const NEEDS_CONFIGURATION: ReadonlySet<string> = new Set(["GetOtaTaskConfiguration", "DeleteOtaTaskConfiguration"]);

/** The resources no delete was sent for. */
function live(resources: readonly OwnedResource[]): OwnedResource[] {
  return resources.filter((r) => r.deleted === "no");
}

/**
 * Checks the store's history of each worker's resources against what the worker was told: the final
 * description of a task is its last acknowledged update's, or one whose outcome the client could not know when
 * it moved on: an unacknowledged update, or an acknowledged one that needed a retry — the attempt the client
 * timed out on is still on the server (a delay fault outlasts the read timeout) and may commit after later
 * updates, as a non-idempotent UpdateOtaTask retried after a timeout can on the real service. After an
 * acknowledged delete nothing recreates or changes it.
 * @internal
 */
export function auditHistories(
  histories: readonly WorkerHistory[],
  records: readonly StoredRecord[],
): { updatesLost: number; updatesAcknowledged: number; deletesAcknowledged: number; resurrected: number } {
  const byId = new Map<string, StoredRecord[]>();
  for (const r of records) byId.set(r.id, [...(byId.get(r.id) ?? []), r]);
  let updatesLost = 0;
  let updatesAcknowledged = 0;
  let deletesAcknowledged = 0;
  let resurrected = 0;
  for (const history of histories) {
    for (const resource of [...history.tasks, ...history.configs]) {
      const changes = (byId.get(resource.id) ?? []).filter((r) => r.effect !== undefined).sort((a, b) => a.seq - b.seq);
      const updates = resource.updates;
      updatesAcknowledged += updates.filter((u) => u.acknowledged).length;
      if (resource.deleted === "acknowledged") {
        deletesAcknowledged++;
        const at = changes.findIndex((r) => r.effect === "delete");
        if (at < 0 || changes.slice(at + 1).length > 0) resurrected++;
        continue;
      }
      // Configurations are never updated; a task with a delete unacknowledged may or may not exist.
      if (resource.deleted !== "no" || resource.description === undefined) continue;
      const final = changes.at(-1);
      const description = (final?.state as { Description?: string } | undefined)?.Description;
      const lastAcknowledged = updates.map((u) => u.acknowledged).lastIndexOf(true);
      const allowed = new Set(updates.filter((u, j) => !u.acknowledged || u.retried === true || j === lastAcknowledged).map((u) => u.description));
      if (lastAcknowledged < 0) allowed.add(resource.description ?? "");
      if (final === undefined || final.effect === "delete" || description === undefined || !allowed.has(description)) updatesLost++;
    }
  }
  return { updatesLost, updatesAcknowledged, deletesAcknowledged, resurrected };
}

/**
 * The operations the soak knows how to drive and audit. Every operation the emulator implements must be here:
 * the report lists any that is not, and `scripts/soak.ts` fails on it, so a new operation cannot go unsoaked.
 * @internal
 */
export const SOAKED_OPERATIONS: readonly string[] = [
  "CreateOtaTask",
  "CreateOtaTaskConfiguration",
  "GetOtaTask",
  "UpdateOtaTask",
  "DeleteOtaTask",
  "ListOtaTasks",
  "ListOtaTaskExecutions",
  "GetOtaTaskConfiguration",
  "DeleteOtaTaskConfiguration",
  "ListOtaTaskConfigurations",
];

/** The two creates: their records are audited call by call. */
const CREATES: ReadonlySet<string> = new Set(["CreateOtaTask", "CreateOtaTaskConfiguration"]);

/** Share of the calls each operation gets (a call that needs a resource its worker lacks creates one instead). */
const MIX: readonly (readonly [string, number])[] = [
  ["CreateOtaTask", 0.3],
  ["CreateOtaTaskConfiguration", 0.1],
  ["GetOtaTask", 0.1],
  ["UpdateOtaTask", 0.15],
  ["DeleteOtaTask", 0.07],
  ["ListOtaTasks", 0.06],
  ["ListOtaTaskExecutions", 0.05],
  ["GetOtaTaskConfiguration", 0.06],
  ["DeleteOtaTaskConfiguration", 0.04],
  ["ListOtaTaskConfigurations", 0.07],
];

/** The figures of a soak. @internal */
export interface SoakReport {
  readonly options: SoakOptions;
  /** Operations the emulator implements, and those among them the soak did not drive. */
  readonly served: readonly string[];
  readonly notSoaked: readonly string[];
  readonly calls: number;
  /** Calls per operation, and successful creates (tasks and configurations). */
  readonly callsByOperation: Record<string, number>;
  readonly createSuccesses: number;
  readonly successes: number;
  /** Typed errors by class name (ThrottlingException, NetworkError, TimeoutError, …). */
  readonly typedErrors: Record<string, number>;
  /** Anything thrown that is neither a `ServiceException` nor a runtime `RequestFailedError`. */
  readonly untypedErrors: number;
  readonly untypedSamples: readonly string[];
  /** Attempts beyond the first, summed over all calls. */
  readonly retries: number;
  /** Attempt outcomes as the client's debug log reported them (status code, or error class). */
  readonly attemptOutcomes: Record<string, number>;
  /** Faults the emulator injected, from its log. */
  readonly injectedFaults: Record<string, number>;
  /** Tasks and configurations stored by creates. */
  readonly tasksStored: number;
  /** Tasks listed by `GET /_emulator/ota-tasks` right after the load (delayed commits may still follow). */
  readonly tasksListed: number;
  /** Stored tasks of calls that failed: the commit happened but the answer never arrived. */
  readonly committedUnacknowledged: number;
  /** Tokens stored more than once, plus calls with more than one stored task. */
  readonly duplicates: number;
  /** Acknowledged TaskIds missing from the records, from the HTTP listing, or stored under another call. */
  readonly lost: number;
  /** Stored tasks no call can account for (unknown description). */
  readonly orphans: number;
  /** Tasks whose final description is not the last acknowledged update's (nor a later unacknowledged one's). */
  readonly updatesLost: number;
  /** Updates acknowledged and audited. */
  readonly updatesAcknowledged: number;
  /** Deletes acknowledged and audited. */
  readonly deletesAcknowledged: number;
  /** Resources changed or read back after an acknowledged delete. */
  readonly resurrected: number;
  /** Reads of a live resource of the worker's own that answered with another id or not at all. */
  readonly wrongReads: number;
  readonly elapsedMs: number;
}

/** Defaults of `scripts/soak.ts`. @internal */
export const DEFAULT_SOAK: SoakOptions = { calls: 2000, faultRate: 0.3, seed: 7, concurrency: 16, requestTimeoutMs: 200, maxAttempts: 3 };

/**
 * Splits a total fault rate over every fault kind: seven equal shares for the statuses and resets, and
 * over-long delays for the rest (a delay is drawn independently of the outcome, so it is kept small).
 * @internal
 */
export function faultMix(total: number, requestTimeoutMs: number): FaultOptions {
  const share = (total * 0.9) / 7;
  return {
    status500: share,
    status503: share,
    status503RetryAfter: share,
    status429: share,
    status429RetryAfter: share,
    retryAfterSeconds: 1,
    resetBeforeCommit: share,
    resetAfterCommit: share,
    delayMs: requestTimeoutMs * 2,
    delayRate: total * 0.1,
  };
}

/** A small seeded generator (mulberry32) for the per-call choices; the emulator has its own. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function bump(counts: Record<string, number>, key: string): void {
  counts[key] = (counts[key] ?? 0) + 1;
}

/** The class a thrown value reports, or undefined when it is not one of the typed errors. */
export function typedErrorClass(error: unknown): string | undefined {
  if (error instanceof ServiceException || error instanceof RequestFailedError) return error.name;
  return undefined;
}

/** `GET /_emulator/ota-tasks` over a fresh loopback connection. */
export function listTasks(url: string): Promise<{ TaskId: string; ClientToken?: string }[]> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${url}/_emulator/ota-tasks`, { method: "GET", agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        try {
          resolve((JSON.parse(Buffer.concat(chunks).toString("utf8")) as { tasks: { TaskId: string; ClientToken?: string }[] }).tasks);
        } catch (e) {
          reject(e);
        }
      });
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end();
  });
}

/**
 * Runs one soak to completion (every call settled, every delayed request on the emulator finished) and
 * audits the store.
 * @internal
 */
export async function runSoak(options: SoakOptions): Promise<SoakReport> {
  const started = performance.now();
  const injectedFaults: Record<string, number> = {};
  const emulator = await startEmulator({
    faults: faultMix(options.faultRate, options.requestTimeoutMs),
    seed: options.seed,
    log: (line) => {
      const m = / injected (reset before commit|reset after commit|\d{3})/.exec(line);
      if (m !== null) bump(injectedFaults, m[1]!);
      else if (line.includes(" reset ")) bump(injectedFaults, "reset");
    },
  });

  const attemptOutcomes: Record<string, number> = {};
  const logger: Logger = {
    trace: () => undefined,
    info: () => undefined,
    warn: () => undefined,
    error: () => undefined,
    debug: (...args: unknown[]) => {
      // `CreateOtaTask attempt 2/3: POST http://… -> 503 ServiceUnavailableException: … in 1.2 ms`
      const text = String(args[0]);
      if (text.includes("retry quota exhausted")) bump(attemptOutcomes, "retry-quota-exhausted");
      const m = / attempt \d+\/\d+: \S+ \S+ -> (\d{3}|no response)(?: (\w+))?/.exec(text);
      if (m !== null) bump(attemptOutcomes, m[1] === "no response" ? (m[2] ?? "no response") : m[1]!);
    },
  };

  const client = new IoTManagedIntegrationsClient({
    endpoint: emulator.url,
    region: "us-east-1",
    credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" },
    maxAttempts: options.maxAttempts,
    requestHandler: { requestTimeout: options.requestTimeoutMs },
    logger,
    // Backoff and Retry-After waits run on a fake clock: the schedule is computed, then skipped.
    runtimeHooks: { sleep: () => new Promise<void>((resolve) => setImmediate(resolve)) },
  });

  const random = seeded(options.seed ^ 0x5eed);
  const outcomes: CallOutcome[] = new Array(options.calls);
  const tokens: (string | undefined)[] = new Array(options.calls);
  const operations: string[] = new Array(options.calls);
  const histories: WorkerHistory[] = [];
  const reads = { wrong: 0, resurrected: 0 };
  let next = 0;

  const pick = (): string => {
    let r = random();
    for (const [op, share] of MIX) if ((r -= share) < 0) return op;
    return MIX[0]![0];
  };
  const any = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  // A create brings its own token half the time and leaves it to the serializer otherwise.
  const token = (i: number): string | undefined => {
    const t = random() < 0.5 ? `soak-${options.seed}-${i}` : undefined;
    tokens[i] = t;
    return t;
  };
  const attempts = (out: { $metadata: { attempts?: number } }): number => out.$metadata.attempts ?? 1;

  const drive = async (i: number, op: string, mine: WorkerHistory): Promise<CallOutcome> => {
    switch (op) {
      case "CreateOtaTask": {
        const t = token(i);
        const out = await client.send(
          new CreateOtaTaskCommand({
            S3Url: `s3://soak-bucket/image-${i}.bin`,
            OtaType: random() < 0.5 ? "ONE_TIME" : "CONTINUOUS",
            Description: `soak call ${i}`,
            ...(t !== undefined ? { ClientToken: t } : {}),
          }),
        );
        mine.tasks.push({ id: out.TaskId ?? "", description: `soak call ${i}`, updates: [], deleted: "no" });
        return { kind: "ok", taskId: out.TaskId ?? "", attempts: attempts(out) };
      }
      case "CreateOtaTaskConfiguration": {
        const t = token(i);
        const out = await client.send(new CreateOtaTaskConfigurationCommand({ Description: `soak call ${i}`, Name: `soak-${i}`, ...(t !== undefined ? { ClientToken: t } : {}) }));
        mine.configs.push({ id: out.TaskConfigurationId ?? "", updates: [], deleted: "no" });
        return { kind: "ok", taskId: out.TaskConfigurationId ?? "", attempts: attempts(out) };
      }
      case "UpdateOtaTask": {
        const task = any(live(mine.tasks));
        const update: OwnedResource["updates"][number] = { description: `soak call ${i} update`, acknowledged: false };
        task.updates.push(update);
        const out = await client.send(new UpdateOtaTaskCommand({ Identifier: task.id, Description: update.description }));
        update.acknowledged = true;
        update.retried = attempts(out) > 1;
        return { kind: "ok", attempts: attempts(out) };
      }
      case "DeleteOtaTask": {
        const task = any(live(mine.tasks));
        task.deleted = "unacknowledged";
        const out = await client.send(new DeleteOtaTaskCommand({ Identifier: task.id }));
        task.deleted = "acknowledged";
        return { kind: "ok", attempts: attempts(out) };
      }
      case "DeleteOtaTaskConfiguration": {
        const config = any(live(mine.configs));
        config.deleted = "unacknowledged";
        const out = await client.send(new DeleteOtaTaskConfigurationCommand({ Identifier: config.id }));
        config.deleted = "acknowledged";
        return { kind: "ok", attempts: attempts(out) };
      }
      case "GetOtaTask":
      case "GetOtaTaskConfiguration": {
        // A quarter of the reads ask for a resource whose delete was acknowledged: it must stay gone.
        const own = op === "GetOtaTask" ? mine.tasks : mine.configs;
        const gone = own.filter((r) => r.deleted === "acknowledged");
        const target = gone.length > 0 && random() < 0.25 ? any(gone) : any(live(own));
        const expectGone = target.deleted === "acknowledged";
        try {
          const out =
            op === "GetOtaTask"
              ? await client.send(new GetOtaTaskCommand({ Identifier: target.id })).then((o) => ({ id: o.TaskId, attempts: attempts(o) }))
              : await client.send(new GetOtaTaskConfigurationCommand({ Identifier: target.id })).then((o) => ({ id: o.TaskConfigurationId, attempts: attempts(o) }));
          if (expectGone) reads.resurrected++;
          else if (out.id !== target.id) reads.wrong++;
          return { kind: "ok", attempts: out.attempts };
        } catch (error) {
          const name = typedErrorClass(error);
          if (name === "ResourceNotFoundException" && !expectGone) reads.wrong++;
          throw error;
        }
      }
      case "ListOtaTaskExecutions": {
        const out = await client.send(new ListOtaTaskExecutionsCommand({ Identifier: any(live(mine.tasks)).id, MaxResults: 25 }));
        return { kind: "ok", attempts: attempts(out) };
      }
      case "ListOtaTasks": {
        const out = await client.send(new ListOtaTasksCommand({ MaxResults: 25 }));
        return { kind: "ok", attempts: attempts(out) };
      }
      case "ListOtaTaskConfigurations": {
        const out = await client.send(new ListOtaTaskConfigurationsCommand({ MaxResults: 25 }));
        return { kind: "ok", attempts: attempts(out) };
      }
      default:
        throw new Error(`the soak has no recipe for ${op}`);
    }
  };

  const worker = async (): Promise<void> => {
    const mine: WorkerHistory = { tasks: [], configs: [] };
    histories.push(mine);
    while (next < options.calls) {
      const i = next++;
      let op = pick();
      // Operations on a resource of the worker's own need one: create it first.
      if (NEEDS_TASK.has(op) && live(mine.tasks).length === 0) op = "CreateOtaTask";
      if (NEEDS_CONFIGURATION.has(op) && live(mine.configs).length === 0) op = "CreateOtaTaskConfiguration";
      operations[i] = op;
      try {
        outcomes[i] = { ...(await drive(i, op, mine)), operation: op };
      } catch (error) {
        const errorClass = typedErrorClass(error);
        const attempts = (error as { $metadata?: { attempts?: number } }).$metadata?.attempts ?? 1;
        outcomes[i] = errorClass !== undefined ? { kind: "typed-error", errorClass, attempts, operation: op } : { kind: "untyped-error", error, operation: op };
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.max(1, options.concurrency) }, worker));
  } finally {
    client.destroy();
  }
  // Delayed requests the client gave up on are still running on the emulator: let them commit first.
  // Every acknowledged task was committed before its answer, so the HTTP listing taken now must hold it.
  // Delayed requests the client gave up on may still be sleeping on the emulator and commit later: close()
  // waits for them, and the programmatic records read after it are the final word.
  let listed: { TaskId: string }[] = [];
  try {
    listed = await listTasks(emulator.url);
  } finally {
    await emulator.close();
  }
  const all = emulator.records();
  const records = all.filter((r) => CREATES.has(r.operation));
  // The HTTP listing holds live tasks only: configurations, and tasks a worker went on to delete, are checked
  // against the records alone.
  const deletedOnPurpose = histories.flatMap((h) => h.tasks.filter((t) => t.deleted !== "no").map((t) => t.id));
  const configurations = all.filter((r) => r.operation === "CreateOtaTaskConfiguration").map((r) => r.id);
  const listedIds = new Set([...listed.map((t) => t.TaskId), ...configurations, ...deletedOnPurpose]);
  const served = emulator.operations;
  const callsByOperation: Record<string, number> = {};
  for (const op of operations) bump(callsByOperation, op);
  const history = auditHistories(histories, all);
  return {
    ...audit(options, outcomes, tokens, records, attemptOutcomes, injectedFaults, listedIds),
    ...history,
    resurrected: history.resurrected + reads.resurrected,
    wrongReads: reads.wrong,
    callsByOperation,
    served,
    notSoaked: served.filter((op) => !SOAKED_OPERATIONS.includes(op)),
    elapsedMs: performance.now() - started,
  };
}

/** Compares what the client was told with what the store holds. @internal */
export function audit(
  options: SoakOptions,
  outcomes: readonly CallOutcome[],
  tokens: readonly (string | undefined)[],
  records: readonly StoredRecord[],
  attemptOutcomes: Record<string, number>,
  injectedFaults: Record<string, number>,
  listedIds: ReadonlySet<string>,
): Omit<SoakReport, "elapsedMs" | "served" | "notSoaked" | "callsByOperation" | "updatesLost" | "updatesAcknowledged" | "deletesAcknowledged" | "resurrected" | "wrongReads"> {
  const byCall = new Map<number, StoredRecord[]>();
  const byToken = new Map<string, number>();
  let orphans = 0;
  for (const record of records) {
    const description = (record.input as { Description?: string }).Description ?? "";
    const m = /^soak call (\d+)$/.exec(description);
    if (m === null) {
      orphans++;
      continue;
    }
    const i = Number(m[1]);
    byCall.set(i, [...(byCall.get(i) ?? []), record]);
    // A record must carry the call's own token when the call brought one.
    if (tokens[i] !== undefined && record.clientToken !== tokens[i]) orphans++;
    if (record.clientToken !== undefined) byToken.set(record.clientToken, (byToken.get(record.clientToken) ?? 0) + 1);
  }

  let successes = 0;
  let createSuccesses = 0;
  let untypedErrors = 0;
  let retries = 0;
  let lost = 0;
  let committedUnacknowledged = 0;
  let duplicates = 0;
  const typedErrors: Record<string, number> = {};
  const untypedSamples: string[] = [];
  for (let i = 0; i < outcomes.length; i++) {
    const outcome = outcomes[i]!;
    const isCreate = outcome.operation === undefined || CREATES.has(outcome.operation);
    const stored = byCall.get(i) ?? [];
    if (stored.length > 1) duplicates += stored.length - 1;
    if (!isCreate && stored.length > 0) orphans += stored.length;
    if (outcome.kind === "ok") {
      successes++;
      retries += outcome.attempts - 1;
      if (isCreate) {
        createSuccesses++;
        if (!stored.some((r) => r.id === outcome.taskId) || !listedIds.has(outcome.taskId ?? "")) lost++;
      }
    } else if (outcome.kind === "typed-error") {
      bump(typedErrors, outcome.errorClass);
      retries += outcome.attempts - 1;
      if (stored.length > 0) committedUnacknowledged++;
    } else {
      untypedErrors++;
      if (untypedSamples.length < 5) untypedSamples.push(String(outcome.error instanceof Error ? `${outcome.error.name}: ${outcome.error.message}` : outcome.error));
      if (stored.length > 0) committedUnacknowledged++;
    }
  }
  for (const count of byToken.values()) if (count > 1) duplicates += count - 1;

  return {
    options,
    calls: outcomes.length,
    createSuccesses,
    successes,
    typedErrors,
    untypedErrors,
    untypedSamples,
    retries,
    attemptOutcomes,
    injectedFaults,
    tasksStored: records.length,
    tasksListed: listedIds.size,
    committedUnacknowledged,
    duplicates,
    lost,
    orphans,
  };
}

/** The report as printed lines. @internal */
export function formatSoakReport(r: SoakReport): string {
  const sorted = (o: Record<string, number>): string =>
    Object.entries(o)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, v]) => `${k}=${v}`)
      .join(" ") || "none";
  const typedTotal = Object.values(r.typedErrors).reduce((a, b) => a + b, 0);
  return [
    `soak: calls=${r.calls} fault-rate=${r.options.faultRate} seed=${r.options.seed} concurrency=${r.options.concurrency} read-timeout=${r.options.requestTimeoutMs}ms max-attempts=${r.options.maxAttempts}`,
    `  operations served    ${r.served.join(", ")} (not soaked: ${r.notSoaked.length === 0 ? "none" : r.notSoaked.join(", ")})`,
    `  calls by operation   ${sorted(r.callsByOperation)}`,
    `  successes            ${r.successes} (creates ${r.createSuccesses})`,
    `  typed errors         ${typedTotal} (${sorted(r.typedErrors)})`,
    `  untyped errors       ${r.untypedErrors}${r.untypedSamples.length > 0 ? ` e.g. ${r.untypedSamples.join(" | ")}` : ""}`,
    `  retries              ${r.retries}`,
    `  attempt outcomes     ${sorted(r.attemptOutcomes)}`,
    `  injected faults      ${sorted(r.injectedFaults)}`,
    `  created, stored      ${r.tasksStored} tasks and configurations (${r.tasksListed} found in the HTTP listing or, once deleted or a configuration, the records)`,
    `  committed, unacked   ${r.committedUnacknowledged}`,
    `  duplicates           ${r.duplicates}`,
    `  lost                 ${r.lost}`,
    `  orphans              ${r.orphans}`,
    `  updates acknowledged ${r.updatesAcknowledged}, lost ${r.updatesLost}`,
    `  deletes acknowledged ${r.deletesAcknowledged}, resurrected ${r.resurrected}`,
    `  wrong reads          ${r.wrongReads}`,
    `  elapsed              ${(r.elapsedMs / 1000).toFixed(1)} s`,
  ].join("\n");
}
