/**
 * The fault soak shared by `test/reliability/soak.test.ts` (small N) and `scripts/soak.ts` (large N): many
 * `CreateOtaTask` calls through the generated client against an in-process emulator injecting ~30 % faults,
 * then an audit of the emulator's store against what the client was told. The audit yields counts only; the
 * callers decide what must be zero.
 *
 * Every call carries `Description: "soak call <i>"`, so a stored task can be traced back to the call that
 * created it even when the client generated the `ClientToken` itself.
 */
import { request as httpRequest } from "node:http";
import { ServiceException } from "@smithy/smithy-client";
import type { Logger } from "@smithy/types";
import { startEmulator, type FaultOptions, type StoredRecord } from "../../src/emulator/index.js";
import { CreateOtaTaskCommand, IoTManagedIntegrationsClient, type CreateOtaTaskCommandInput } from "../../src/generated/index.js";
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
  | { readonly kind: "ok"; readonly taskId: string; readonly attempts: number }
  | { readonly kind: "typed-error"; readonly errorClass: string; readonly attempts: number }
  | { readonly kind: "untyped-error"; readonly error: unknown };

/**
 * The operations the soak knows how to drive and audit. Every operation the emulator implements must be here:
 * the report lists any that is not, and `scripts/soak.ts` fails on it, so a new operation cannot go unsoaked.
 * @internal
 */
export const SOAKED_OPERATIONS: readonly string[] = ["CreateOtaTask"];

/** The figures of a soak. @internal */
export interface SoakReport {
  readonly options: SoakOptions;
  /** Operations the emulator implements, and those among them the soak did not drive. */
  readonly served: readonly string[];
  readonly notSoaked: readonly string[];
  readonly calls: number;
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
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < options.calls) {
      const i = next++;
      // Half the calls bring their own token, half leave it to the serializer.
      const token = random() < 0.5 ? `soak-${options.seed}-${i}` : undefined;
      tokens[i] = token;
      const input: CreateOtaTaskCommandInput = {
        S3Url: `s3://soak-bucket/image-${i}.bin`,
        OtaType: random() < 0.5 ? "ONE_TIME" : "CONTINUOUS",
        Description: `soak call ${i}`,
        ...(token !== undefined ? { ClientToken: token } : {}),
      };
      try {
        const out = await client.send(new CreateOtaTaskCommand(input));
        outcomes[i] = { kind: "ok", taskId: out.TaskId ?? "", attempts: out.$metadata.attempts ?? 1 };
      } catch (error) {
        const errorClass = typedErrorClass(error);
        const attempts = (error as { $metadata?: { attempts?: number } }).$metadata?.attempts ?? 1;
        outcomes[i] = errorClass !== undefined ? { kind: "typed-error", errorClass, attempts } : { kind: "untyped-error", error };
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
  const records = emulator.records("CreateOtaTask");
  const listedIds = new Set(listed.map((t) => t.TaskId));
  const served = emulator.operations;
  return {
    ...audit(options, outcomes, tokens, records, attemptOutcomes, injectedFaults, listedIds),
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
): Omit<SoakReport, "elapsedMs" | "served" | "notSoaked"> {
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
  let untypedErrors = 0;
  let retries = 0;
  let lost = 0;
  let committedUnacknowledged = 0;
  let duplicates = 0;
  const typedErrors: Record<string, number> = {};
  const untypedSamples: string[] = [];
  for (let i = 0; i < outcomes.length; i++) {
    const outcome = outcomes[i]!;
    const stored = byCall.get(i) ?? [];
    if (stored.length > 1) duplicates += stored.length - 1;
    if (outcome.kind === "ok") {
      successes++;
      retries += outcome.attempts - 1;
      if (!stored.some((r) => r.id === outcome.taskId) || !listedIds.has(outcome.taskId)) lost++;
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
    `  successes            ${r.successes}`,
    `  typed errors         ${typedTotal} (${sorted(r.typedErrors)})`,
    `  untyped errors       ${r.untypedErrors}${r.untypedSamples.length > 0 ? ` e.g. ${r.untypedSamples.join(" | ")}` : ""}`,
    `  retries              ${r.retries}`,
    `  attempt outcomes     ${sorted(r.attemptOutcomes)}`,
    `  injected faults      ${sorted(r.injectedFaults)}`,
    `  tasks stored         ${r.tasksStored} (listed over HTTP right after the load: ${r.tasksListed})`,
    `  committed, unacked   ${r.committedUnacknowledged}`,
    `  duplicates           ${r.duplicates}`,
    `  lost                 ${r.lost}`,
    `  orphans              ${r.orphans}`,
    `  elapsed              ${(r.elapsedMs / 1000).toFixed(1)} s`,
  ].join("\n");
}
