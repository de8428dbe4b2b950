/**
 * The emulator's store of committed creates, with idempotency: a create carrying a client token is committed
 * at most once per (operation, token); a repeat with the same parameters gets the original record back, a
 * repeat with different parameters is a conflict. Concurrent duplicates wait for the first one's commit
 * instead of racing it. Durable when given a directory (an {@link AppendLog} under a lock file), in memory
 * otherwise.
 *
 * @packageDocumentation
 */
import { open } from "node:fs/promises";
import { join } from "node:path";
import { AppendLog, StoreCorruptError } from "./append-log.js";
import { openDataDirectory, type DirLock } from "./dir-lock.js";

/**
 * One committed create.
 * @public
 */
export interface StoredRecord {
  /** Position in the store, from 1. */
  readonly seq: number;
  readonly operation: string;
  /** The resource id the handler assigned (e.g. the TaskId). */
  readonly id: string;
  /** ISO-8601 commit time. */
  readonly createdAt: string;
  readonly clientToken?: string;
  /** The validated input as deserialised. */
  readonly input: unknown;
  /** The output returned to the client. */
  readonly output: unknown;
  /** The resource the operation changed, when it changed one. */
  readonly resource?: string;
  /** What it did to that resource: `state` is the resource afterwards (absent for a delete). */
  readonly effect?: "create" | "update" | "delete";
  readonly state?: unknown;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * What a commit's builder makes: the record's id and output, and optionally the change to a resource.
 * @internal
 */
export interface BuiltRecord {
  readonly id: string;
  readonly output: unknown;
  readonly createdAt: string;
  readonly resource?: string;
  readonly effect?: "create" | "update" | "delete";
  readonly state?: unknown;
}

/**
 * What a commit did.
 * @internal
 */
export type CommitOutcome =
  | { readonly kind: "created"; readonly record: StoredRecord }
  | { readonly kind: "replayed"; readonly record: StoredRecord }
  | { readonly kind: "conflict"; readonly record: StoredRecord };

/** The file names inside a data directory. @internal */
export const LOG_FILE = "records.jsonl";

/**
 * A stable JSON text of a value (object keys sorted), so equal parameters compare equal whatever their order.
 * @internal
 */
export function stableJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (Array.isArray(value)) return `[${value.map(stableJson).join(",")}]`;
  if (value instanceof Uint8Array) return JSON.stringify(Buffer.from(value).toString("base64"));
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(",")}}`;
}

/**
 * Committed records, optionally durable.
 * @internal
 */
export class RecordStore {
  readonly #records: StoredRecord[] = [];
  /**
   * `operation \n token` → the record and the fingerprint of its parameters, worked out the first time a
   * request repeats the token (most tokens are never repeated).
   */
  readonly #byToken = new Map<string, { record: StoredRecord; fingerprint?: string }>();
  /** Commits in flight, by the same key, so concurrent duplicates wait for the first. */
  readonly #inFlight = new Map<string, Promise<CommitOutcome>>();
  readonly #log: AppendLog | undefined;
  readonly #lock: DirLock | undefined;
  readonly #tokenMembers: ReadonlyMap<string, string>;
  /** Resource kind → id → current state, in creation order; rebuilt from the log at start-up. */
  readonly #states = new Map<string, Map<string, { readonly seq: number; readonly state: unknown }>>();
  #nextSeq = 1;

  private constructor(log: AppendLog | undefined, lock: DirLock | undefined, tokenMembers: ReadonlyMap<string, string>) {
    this.#log = log;
    this.#lock = lock;
    this.#tokenMembers = tokenMembers;
  }

  /**
   * Opens a store. `tokenMembers` maps an operation to its idempotency-token member (left out of the
   * parameter comparison). With `dataDir`, loads and then appends to `<dataDir>/records.jsonl`; `fsync`
   * puts each commit on disk before it resolves (see {@link AppendLog}).
   */
  static async open(options: {
    readonly dataDir?: string | undefined;
    readonly fsync?: boolean | undefined;
    readonly tokenMembers: ReadonlyMap<string, string>;
    readonly warn: (message: string) => void;
  }): Promise<RecordStore> {
    if (options.dataDir === undefined) return new RecordStore(undefined, undefined, options.tokenMembers);
    const lock = await openDataDirectory(options.dataDir);
    try {
      const file = join(options.dataDir, LOG_FILE);
      const { log, records } = await AppendLog.open(
        file,
        (bytes) => options.warn(`emulator store ${file}: dropped a torn tail (${bytes} bytes after the last whole record) left by an interrupted write`),
        {
          fsync: options.fsync ?? false,
          onSyncError: (e) =>
            options.warn(`emulator store ${file}: ${e.message}; changes answered in the last second may not be on disk, and further changes are refused`),
        },
      );
      await syncDirectory(options.dataDir);
      const store = new RecordStore(log, lock, options.tokenMembers);
      // A line repeated whole (a copy of the file appended to itself, say) is loaded once; the same position
      // with other content is damage.
      const loaded = new Map<number, { line: number; text: string }>();
      records.forEach((raw, i) => {
        const record = checkRecord(file, i + 1, raw);
        const text = stableJson(record);
        const earlier = loaded.get(record.seq);
        if (earlier === undefined) {
          loaded.set(record.seq, { line: i + 1, text });
          store.#applyEffect(record);
          store.#index(record);
        } else if (earlier.text === text) {
          options.warn(`emulator store ${file}: line ${i + 1} repeats line ${earlier.line}; loaded once`);
        } else {
          throw new StoreCorruptError(file, i + 1, `record ${record.seq} differs from line ${earlier.line} with the same position`);
        }
      });
      return store;
    } catch (e) {
      await lock.release();
      throw e;
    }
  }

  /** Whether commits wait for a log write (a data directory) or only for memory. */
  get durable(): boolean {
    return this.#log !== undefined;
  }

  /** The current state of one resource, or undefined when it does not exist (never created, or deleted). */
  state(resource: string, id: string): unknown {
    return this.#states.get(resource)?.get(id)?.state;
  }

  /**
   * Every live resource of a kind, oldest first; `seq` is the position of the record that created it, a
   * stable cursor for pagination (deleting other resources does not move it).
   */
  states(resource: string): IterableIterator<[string, { readonly seq: number; readonly state: unknown }]> {
    return (this.#states.get(resource) ?? new Map<string, { seq: number; state: unknown }>()).entries();
  }

  /** Every record, oldest first, optionally of one operation. */
  list(operation?: string): readonly StoredRecord[] {
    return operation === undefined ? [...this.#records] : this.#records.filter((r) => r.operation === operation);
  }

  /**
   * Commits a create unless its token was seen: `build` makes the id and output of a new record and runs
   * only when a record is really created. Resolves after the record is written (as durable as the log makes
   * it: see {@link AppendLog}).
   */
  async commit(
    operation: string,
    input: object,
    build: (seq: number) => BuiltRecord,
  ): Promise<CommitOutcome> {
    const tokenMember = this.#tokenMembers.get(operation);
    const tokenValue = tokenMember === undefined ? undefined : (input as Record<string, unknown>)[tokenMember];
    const token = typeof tokenValue === "string" && tokenValue !== "" ? tokenValue : undefined;
    if (token === undefined) return { kind: "created", record: await this.#append(operation, undefined, input, build) };

    const key = `${operation}\n${token}`;
    for (;;) {
      const known = this.#byToken.get(key);
      if (known !== undefined) {
        known.fingerprint ??= this.#fingerprint(operation, known.record.input as object);
        return { kind: known.fingerprint === this.#fingerprint(operation, input) ? "replayed" : "conflict", record: known.record };
      }
      const pending = this.#inFlight.get(key);
      if (pending === undefined) break;
      // Another request with this token is being committed: wait, then compare with what it stored.
      await pending.catch(() => undefined);
    }
    const commit = this.#append(operation, token, input, build).then(
      (record): CommitOutcome => ({ kind: "created", record }),
    );
    this.#inFlight.set(key, commit);
    try {
      return await commit;
    } finally {
      this.#inFlight.delete(key);
    }
  }

  async #append(
    operation: string,
    token: string | undefined,
    input: object,
    build: (seq: number) => BuiltRecord,
  ): Promise<StoredRecord> {
    const seq = this.#nextSeq++;
    const built = build(seq);
    // Members set one by one in the order the log has always written them (cheaper than spreading optional parts).
    const record = { seq, operation, id: built.id, createdAt: built.createdAt } as Mutable<StoredRecord>;
    if (token !== undefined) record.clientToken = token;
    record.input = input;
    record.output = built.output;
    if (built.resource !== undefined) record.resource = built.resource;
    if (built.effect !== undefined) record.effect = built.effect;
    if (built.state !== undefined) record.state = built.state;
    // The change is visible at once, before it is durable, so that the next change of the same resource builds
    // on it (two concurrent updates never lose one); the answer still waits for the disk.
    this.#applyEffect(record);
    if (this.#log !== undefined) await this.#log.append({ v: 1, ...record });
    this.#index(record);
    return record;
  }

  #fingerprint(operation: string, input: object): string {
    const tokenMember = this.#tokenMembers.get(operation);
    if (tokenMember === undefined) return stableJson(input);
    const { [tokenMember]: _token, ...rest } = input as Record<string, unknown>;
    return stableJson(rest);
  }

  #applyEffect(record: StoredRecord): void {
    if (record.resource === undefined || record.effect === undefined) return;
    let table = this.#states.get(record.resource);
    if (table === undefined) this.#states.set(record.resource, (table = new Map()));
    if (record.effect === "delete") table.delete(record.id);
    else table.set(record.id, { seq: table.get(record.id)?.seq ?? record.seq, state: record.state });
  }

  #index(record: StoredRecord): void {
    this.#records.push(record);
    this.#nextSeq = Math.max(this.#nextSeq, record.seq + 1);
    if (record.clientToken !== undefined) this.#byToken.set(`${record.operation}\n${record.clientToken}`, { record });
  }

  /** Flushes pending appends, closes the log and releases the directory lock. */
  async close(): Promise<void> {
    await this.#log?.close();
    await this.#lock?.release();
  }
}

function checkRecord(file: string, line: number, raw: unknown): StoredRecord {
  const r = raw as Partial<StoredRecord> & { v?: unknown };
  if (
    typeof raw !== "object" || raw === null || r.v !== 1 || typeof r.seq !== "number" || typeof r.operation !== "string" ||
    typeof r.id !== "string" || typeof r.createdAt !== "string" || typeof r.input !== "object" || r.input === null ||
    typeof r.output !== "object" || r.output === null
  ) {
    throw new StoreCorruptError(file, line, "record is missing fields or has an unknown version");
  }
  const { v: _v, ...record } = r;
  return record as StoredRecord;
}

/** fsyncs a directory so a newly created log file's entry survives a crash. */
async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, "r");
  try {
    await handle.sync();
  } catch {
    // Some file systems refuse fsync on directories; the file's own fsync still holds its data.
  } finally {
    await handle.close();
  }
}
