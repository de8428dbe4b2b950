/**
 * A durable append-only log of JSON lines, each carrying the SHA-256 of its payload. Appends are grouped: the
 * appends of one event-loop turn (and any made while a write was under way) go out in one `write`, made on the
 * event loop's own thread, and every append resolves only after that `write` has returned. Bytes once written
 * are never rewritten.
 *
 * How far a resolved append is durable depends on `fsync`. By default the bytes are in the operating system's
 * hands: they survive the emulator's own death (a crash, kill -9) at once, and reach the disk within
 * {@link SYNC_INTERVAL_MS} (a background `fdatasync`), so an operating-system crash or power loss costs at most
 * that last stretch. With `fsync`, the file is opened with `O_DSYNC` (where the platform has it; else each write
 * is followed by `fdatasync`) and an append resolves only once its bytes are on disk — on the machine measured
 * that made a durable create cost a third more CPU and its throughput a third less.
 *
 * The file is grown ahead of the writes in zero-filled steps ({@link PREALLOCATE_BYTES}), made durable once,
 * and records are written over those zeros at their own offsets: overwriting blocks that already exist spares
 * every durable write the file-size update (a journal commit) that an append needs — on the machine measured,
 * 68–98 µs of CPU and 0.18–0.24 ms per write instead of 105–160 µs and 0.25–0.46 ms. Closing cuts the zeros off;
 * after a crash they are cut off when the log is next opened. JSON text never holds a NUL byte, so a zero byte
 * is space no write reached: the log ends at the first one.
 *
 * Reading back tolerates exactly one kind of damage, a torn tail: an unfinished last line, or, after the
 * machine itself crashed, lines after a stretch of zeros (pages the disk had not yet received while later ones
 * had). The tail is cut off (and reported); any other damage is a {@link StoreCorruptError} naming the file
 * and line.
 *
 * Line format: `{"sha256":"<64 hex>","rec":<payload JSON>}` — the checksum covers the payload bytes exactly.
 *
 * @packageDocumentation
 */
import { sha256Hex } from "../sha256.js";
import { constants, fdatasyncSync, writeSync } from "node:fs";
import { open, readFile, type FileHandle } from "node:fs/promises";
// The module's own binding, not the global: a test that fakes timers (vitest, Jest) replaces the global one,
// and an emulator running inside that test must still reach its disk.
import { clearTimeout, setImmediate, setTimeout } from "node:timers";

const PREFIX = '{"sha256":"';
const MIDDLE = '","rec":';
const PAYLOAD_START = PREFIX.length + 64 + MIDDLE.length;

/**
 * How far the file is grown ahead of the writes at a time (about 600 CreateOtaTask records).
 * @internal
 */
export const PREALLOCATE_BYTES = 1 << 20;

/**
 * Without `fsync`: the longest a written record waits for the background `fdatasync` that puts it on disk.
 * @internal
 */
export const SYNC_INTERVAL_MS = 1000;

/**
 * The store cannot be read: the message names the file and line and what is wrong.
 * @public
 */
export class StoreCorruptError extends Error {
  override readonly name = "StoreCorruptError";
  constructor(
    readonly file: string,
    readonly line: number,
    reason: string,
  ) {
    super(`corrupt emulator store ${file}, line ${line}: ${reason}`);
  }
}

/**
 * Encodes one record as a log line (with the trailing newline).
 * @internal
 */
export function encodeLine(record: unknown): string {
  const payload = JSON.stringify(record);
  return `${PREFIX}${sha256Hex(payload)}${MIDDLE}${payload}}\n`;
}

/**
 * What reading a log found.
 * @internal
 */
export interface LogContents {
  readonly records: unknown[];
  /** Bytes of a torn tail that were dropped, not counting zeros at the end (0 when the file ended cleanly). */
  readonly tornBytes: number;
  /** Length of the valid prefix of the file. */
  readonly validLength: number;
}

/**
 * Parses a log file's bytes. Throws {@link StoreCorruptError} for damage other than a torn last line.
 * @internal
 */
export function parseLog(file: string, data: Buffer): LogContents {
  const records: unknown[] = [];
  // The first zero byte is space no write reached (JSON text has none): the log ends there.
  const hole = data.indexOf(0);
  const limit = hole === -1 ? data.length : hole;
  let start = 0;
  let lineNo = 0;
  for (;;) {
    const end = data.indexOf(0x0a, start);
    if (end === -1 || end > limit) break;
    lineNo++;
    const line = data.toString("utf8", start, end);
    records.push(decodeLine(file, lineNo, line));
    start = end + 1;
  }
  // Zeros at the end are space grown ahead of the writes that no write reached: not torn data.
  let end = data.length;
  while (end > start && data[end - 1] === 0) end--;
  return { records, tornBytes: end - start, validLength: start };
}

function decodeLine(file: string, lineNo: number, line: string): unknown {
  if (!line.startsWith(PREFIX) || line.slice(PREFIX.length + 64, PAYLOAD_START) !== MIDDLE || !line.endsWith("}")) {
    throw new StoreCorruptError(file, lineNo, "not a checksummed record line");
  }
  const sum = line.slice(PREFIX.length, PREFIX.length + 64);
  const payload = line.slice(PAYLOAD_START, -1);
  if (sha256Hex(payload) !== sum) {
    throw new StoreCorruptError(file, lineNo, "checksum mismatch");
  }
  try {
    return JSON.parse(payload) as unknown;
  } catch (e) {
    throw new StoreCorruptError(file, lineNo, `bad JSON (${(e as Error).message})`);
  }
}

/**
 * How a write reaches the disk: a background `fdatasync` later (without `fsync`), or before the write returns —
 * the descriptor opened with `O_DSYNC`, or, where the platform has none, an `fdatasync` after each write.
 */
type SyncMode = "background" | "o_dsync" | "fdatasync";

interface Pending {
  readonly line: string;
  readonly resolve: () => void;
  readonly reject: (error: Error) => void;
}

/**
 * An open log accepting appends.
 * @internal
 */
export class AppendLog {
  readonly #handle: FileHandle;
  #queue: Pending[] = [];
  #flushing: Promise<void> | undefined;
  #failed: Error | undefined;
  #closed = false;
  /** Where the next record goes: the end of the last whole line. */
  #position: number;
  /** The file's length: zeros from `#position` on. */
  #allocated: number;

  /**
   * Where a batch's lines are encoded before their write, kept from batch to batch: a fresh buffer per batch
   * (tens of KB, outside Node's small-buffer pool) cost about as much as encoding the lines into it.
   */
  #scratch = Buffer.allocUnsafe(64 * 1024);

  readonly #sync: SyncMode;
  /** Without `fsync`: the background sync due for writes made since the last one started. */
  #syncTimer: ReturnType<typeof setTimeout> | undefined;
  #syncing: Promise<void> | undefined;
  #backgroundSyncs = 0;
  readonly #onSyncError: ((error: Error) => void) | undefined;

  private constructor(
    handle: FileHandle,
    sync: SyncMode,
    length: number,
    onSyncError: ((error: Error) => void) | undefined,
  ) {
    this.#handle = handle;
    this.#sync = sync;
    this.#onSyncError = onSyncError;
    this.#position = length;
    this.#allocated = length;
  }

  /** How many background syncs have completed (for tests). */
  get backgroundSyncs(): number {
    return this.#backgroundSyncs;
  }

  /**
   * Opens (creating if needed) the log at `file`, returns its records and the open log. A torn tail or a
   * zero tail is cut off before any append; `onTorn` hears about a torn tail. `fsync`: see the module's notes;
   * without it, `onSyncError` hears at once when a background sync fails (appends fail from then on).
   */
  static async open(
    file: string,
    onTorn: (bytes: number) => void,
    options: { readonly fsync?: boolean; readonly onSyncError?: (error: Error) => void } = {},
  ): Promise<{ log: AppendLog; records: unknown[] }> {
    const fsync = options.fsync ?? false;
    let data: Buffer;
    try {
      data = await readFile(file);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw new Error(`cannot read emulator store ${file}: ${(e as Error).message}`, { cause: e });
      data = Buffer.alloc(0);
    }
    const contents = parseLog(file, data);
    // O_DSYNC makes each write durable before it returns; without it (Windows) every write is followed by fdatasync.
    const sync: SyncMode = !fsync ? "background" : constants.O_DSYNC !== undefined ? "o_dsync" : "fdatasync";
    const handle = await open(file, constants.O_WRONLY | constants.O_CREAT | (sync === "o_dsync" ? constants.O_DSYNC : 0));
    try {
      if (data.length > contents.validLength) {
        await handle.truncate(contents.validLength);
        await handle.sync();
        if (contents.tornBytes > 0) onTorn(contents.tornBytes);
      }
    } catch (e) {
      await handle.close();
      throw e;
    }
    const log = new AppendLog(handle, sync, contents.validLength, options.onSyncError);
    return { log, records: contents.records };
  }

  /** Appends one record; resolves once it is written (on disk too with `fsync`; see the module's notes). */
  append(record: unknown): Promise<void> {
    if (this.#closed) return Promise.reject(new Error("emulator store is closed"));
    if (this.#failed !== undefined) return Promise.reject(this.#failed);
    const line = encodeLine(record);
    return new Promise<void>((resolve, reject) => {
      this.#queue.push({ line, resolve, reject });
      this.#flushing ??= this.#flush();
    });
  }

  async #flush(): Promise<void> {
    // The rest of this event-loop turn first: every request whose bytes arrived in it queues its record by then.
    await new Promise<void>((resolve) => setImmediate(resolve));
    while (this.#queue.length > 0) {
      const batch = this.#queue;
      this.#queue = [];
      try {
        const bytes = this.#encode(batch);
        if (this.#position + bytes.length > this.#allocated) await this.#grow(this.#position + bytes.length);
        this.#writeRecords(bytes);
        for (const p of batch) p.resolve();
      } catch (e) {
        // After a failed write the file's tail is unknown: refuse further appends rather than guess.
        this.#failed = new Error(`emulator store write failed: ${(e as Error).message}`);
        for (const p of [...batch, ...this.#queue]) p.reject(this.#failed);
        this.#queue = [];
      }
    }
    this.#flushing = undefined;
  }

  /** The batch's lines as UTF-8, in the scratch buffer (grown when a batch could outgrow it). */
  #encode(batch: readonly Pending[]): Buffer {
    // A UTF-16 code unit never takes more than 3 bytes of UTF-8.
    let bound = 0;
    for (const p of batch) bound += p.line.length * 3;
    if (bound > this.#scratch.length) this.#scratch = Buffer.allocUnsafe(Math.max(bound, this.#scratch.length * 2));
    let length = 0;
    for (const p of batch) length += this.#scratch.write(p.line, length, "utf8");
    return this.#scratch.subarray(0, length);
  }

  /**
   * Writes records at the end of the last line — synchronously, on the event loop's thread: a trip through
   * libuv's thread pool costs the event loop 20–25 µs of wake-ups per write (measured), more than the write
   * itself without `fsync`, and with it the write blocks for its I/O either way; whatever arrives during the
   * write simply joins the next batch.
   */
  #writeRecords(bytes: Buffer): void {
    const fd = this.#handle.fd;
    for (let written = 0; written < bytes.length; ) {
      written += writeSync(fd, bytes, written, bytes.length - written, this.#position + written);
    }
    if (this.#sync === "background") this.#scheduleSync();
    else if (this.#sync === "fdatasync") fdatasyncSync(fd);
    this.#position += bytes.length;
  }

  /** Without `fsync`: puts what has been written on disk within {@link SYNC_INTERVAL_MS}, off the event loop. */
  #scheduleSync(): void {
    if (this.#syncTimer !== undefined) return;
    this.#syncTimer = setTimeout(() => {
      this.#syncTimer = undefined;
      // A sync still running from last time is simply followed by this one; each covers what preceded its start.
      const previous = this.#syncing ?? Promise.resolve();
      const sync: Promise<void> = previous
        .then(() => this.#handle.datasync())
        .then(
          () => void this.#backgroundSyncs++,
          (e: unknown) => {
            // The disk refused data already answered for: say so now, and stop accepting appends rather than go
            // on pretending.
            const failure = new Error(`emulator store sync failed: ${(e as Error).message}`);
            this.#failed ??= failure;
            this.#onSyncError?.(failure);
          },
        )
        .finally(() => {
          if (this.#syncing === sync) this.#syncing = undefined;
        });
      this.#syncing = sync;
    }, SYNC_INTERVAL_MS);
    // A process that exits without closing the log leaves the rest to the operating system's own writeback.
    this.#syncTimer.unref();
  }

  /** Extends the file with durable zeros to at least `length`. */
  async #grow(length: number): Promise<void> {
    const target = Math.max(length, this.#allocated + PREALLOCATE_BYTES);
    await this.#writeAt(Buffer.alloc(target - this.#allocated), this.#allocated);
    // The new length must be durable before records written over the zeros can count on it.
    await this.#handle.datasync();
    this.#allocated = target;
  }

  async #writeAt(bytes: Buffer, position: number): Promise<void> {
    let written = 0;
    while (written < bytes.length) {
      const { bytesWritten } = await this.#handle.write(bytes, written, bytes.length - written, position + written);
      written += bytesWritten;
    }
  }

  /** Waits for queued appends, cuts off the zeros grown ahead of them, then closes the file. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    while (this.#flushing !== undefined) await this.#flushing;
    clearTimeout(this.#syncTimer);
    this.#syncTimer = undefined;
    try {
      await this.#syncing;
      // After a failed write the tail is unknown: leave it for the next open to judge.
      if (this.#failed === undefined) {
        if (this.#allocated > this.#position) await this.#handle.truncate(this.#position);
        // Whatever was written without fsync is on disk once the log is closed.
        await this.#handle.datasync();
      }
    } finally {
      await this.#handle.close();
    }
  }
}
