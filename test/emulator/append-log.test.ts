// The append-only log format on its own: round trip, torn tails of every length, and damage anywhere else;
// when its writes reach the disk with and without fsync.
import { closeSync, constants, openSync } from "node:fs";
import { copyFile, mkdtemp, readdir, readFile, readlink, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { AppendLog, PREALLOCATE_BYTES, SYNC_INTERVAL_MS, StoreCorruptError, encodeLine, parseLog } from "../../src/emulator/store/append-log.js";

const records = [{ a: 1, s: "naïve ✓ \n \"quoted\"" }, { b: [1, 2, { c: null }] }, { tags: { "2": "x", b: "y" } }];
const text = records.map(encodeLine).join("");

// Each test's own directory, and the log file in it.
let dir: string;
let file: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "iotmi-log-"));
  file = join(dir, "log.jsonl");
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("append log format", () => {
  it("reads back exactly what was written", () => {
    expect(parseLog("f", Buffer.from(text))).toEqual({ records, tornBytes: 0, validLength: Buffer.byteLength(text) });
    expect(parseLog("f", Buffer.alloc(0))).toEqual({ records: [], tornBytes: 0, validLength: 0 });
  });

  it("treats every proper prefix of a last line as a torn write, never as data", () => {
    const whole = Buffer.from(text);
    const lastStart = whole.lastIndexOf(0x0a, whole.length - 2) + 1;
    for (let cut = lastStart + 1; cut < whole.length; cut++) {
      const result = parseLog("f", whole.subarray(0, cut));
      expect(result.records).toEqual(records.slice(0, 2));
      expect(result.tornBytes).toBe(cut - lastStart);
    }
    // A torn last line over the zeros grown ahead of the writes: only its own bytes are torn.
    const torn = parseLog("f", Buffer.concat([whole.subarray(0, lastStart + 9), Buffer.alloc(37)]));
    expect(torn).toEqual({ records: records.slice(0, 2), tornBytes: 9, validLength: lastStart });
  });

  it("reads zeros after the last line as unwritten space, not as a torn line", () => {
    const whole = Buffer.from(text);
    expect(parseLog("f", Buffer.concat([whole, Buffer.alloc(PREALLOCATE_BYTES)]))).toEqual({ records, tornBytes: 0, validLength: whole.length });
    expect(parseLog("f", Buffer.alloc(64))).toEqual({ records: [], tornBytes: 0, validLength: 0 });
  });

  it("ends the log at the first zero byte: lines after a stretch of unwritten space are a torn tail", () => {
    // What a machine crash can leave without fsync: a later page reached the disk, an earlier one did not.
    const whole = Buffer.from(text);
    const firstEnd = whole.indexOf(0x0a) + 1;
    const image = Buffer.from(whole);
    image.fill(0, firstEnd + 5, firstEnd + 40);
    const result = parseLog("f", image);
    expect(result).toEqual({ records: records.slice(0, 1), tornBytes: whole.length - firstEnd, validLength: firstEnd });
    // A zero in the middle of a line cuts the log at the start of that line, and zeros after it count as torn.
    const early = Buffer.from(whole);
    early[3] = 0;
    expect(parseLog("f", Buffer.concat([early, Buffer.alloc(16)]))).toEqual({ records: [], tornBytes: whole.length, validLength: 0 });
  });

  it("reports any changed byte in a complete line with its line number", () => {
    const whole = Buffer.from(text);
    const secondStart = whole.indexOf(0x0a) + 1;
    const secondEnd = whole.indexOf(0x0a, secondStart);
    for (let i = secondStart; i < secondEnd; i++) {
      const damaged = Buffer.from(whole);
      damaged[i] = damaged[i] === 0x30 ? 0x31 : 0x30;
      let error: unknown;
      try {
        parseLog("store.jsonl", damaged);
      } catch (e) {
        error = e;
      }
      expect(error, `byte ${i}`).toBeInstanceOf(StoreCorruptError);
      expect((error as StoreCorruptError).line).toBe(2);
      expect((error as Error).message).toMatch(/^corrupt emulator store store\.jsonl, line 2: /);
    }
  });

  it("groups concurrent appends and resolves each once on disk; truncates a torn tail on open", async () => {
    const torn: number[] = [];
    const { log } = await AppendLog.open(file, (n) => torn.push(n));
    await Promise.all(Array.from({ length: 50 }, (_, i) => log.append({ i })));
    await log.close();
    await expect(log.append({ late: true })).rejects.toThrow(/closed/);
    await writeFile(file, (await readFile(file, "utf8")) + '{"sha256":"ab');
    const reopened = await AppendLog.open(file, (n) => torn.push(n));
    expect(reopened.records).toEqual(Array.from({ length: 50 }, (_, i) => ({ i })));
    expect(torn).toEqual([13]);
    await reopened.log.append({ i: 50 });
    await reopened.log.close();
    expect(parseLog(file, await readFile(file)).records).toHaveLength(51);
  });

  it("writes one turn's records whole when together they outgrow the encoding buffer, multi-byte text intact", async () => {
    const { log } = await AppendLog.open(file, () => undefined);
    // 40 records of 3000 three-byte characters (and one four-byte one) in one turn: ≈ 360 KB in one batch.
    const wide = Array.from({ length: 40 }, (_, i) => ({ i, text: `${"✓".repeat(3000)}😀${i}` }));
    await Promise.all(wide.map((record) => log.append(record)));
    await log.append({ after: true });
    await log.close();
    expect(parseLog(file, await readFile(file)).records).toEqual([...wide, { after: true }]);
  });

  it("completes appends while the test around it has faked the timers", async () => {
    const { log } = await AppendLog.open(file, () => undefined);
    vi.useFakeTimers({ toFake: ["setImmediate", "setTimeout", "setInterval", "Date"] });
    try {
      // Appends wait for the end of the event-loop turn; a faked setImmediate would hold them for ever.
      await Promise.all([log.append({ i: 0 }), log.append({ i: 1 })]);
    } finally {
      vi.useRealTimers();
    }
    await log.close();
    expect(parseLog(file, await readFile(file)).records).toEqual([{ i: 0 }, { i: 1 }]);
  });

  it("writes over zeros grown ahead, in steps, and leaves a file of whole lines when closed or reopened after a crash", async () => {
    const crashImage = join(dir, "crashed.jsonl");
    const { log } = await AppendLog.open(file, () => undefined);
    // Records large enough that the writes cross two growth steps.
    const big = (i: number): { i: number; pad: string } => ({ i, pad: "x".repeat(300_000) });
    for (let i = 0; i < 8; i++) await log.append(big(i));
    const open = await readFile(file);
    const used = Buffer.concat(Array.from({ length: 8 }, (_, i) => Buffer.from(encodeLine(big(i))))).length;
    expect(used).toBeGreaterThan(2 * PREALLOCATE_BYTES);
    // While open: the records, then zeros up to a whole number of steps.
    expect(open.length).toBeGreaterThan(used);
    expect(open.subarray(used).every((b) => b === 0)).toBe(true);
    // What a crash now would leave on disk.
    await copyFile(file, crashImage);
    await log.close();
    expect((await stat(file)).size).toBe(used);

    const torn: number[] = [];
    const reopened = await AppendLog.open(crashImage, (n) => torn.push(n));
    expect(reopened.records).toEqual(Array.from({ length: 8 }, (_, i) => big(i)));
    expect(torn).toEqual([]);
    expect((await stat(crashImage)).size).toBe(used);
    await reopened.log.append({ after: "crash" });
    await reopened.log.close();
    expect(parseLog(crashImage, await readFile(crashImage)).records).toEqual([...Array.from({ length: 8 }, (_, i) => big(i)), { after: "crash" }]);
  });
});

/** The descriptor this process holds on `file` (Linux: /proc/self/fd). */
async function descriptorOf(file: string): Promise<number> {
  for (const fd of await readdir("/proc/self/fd")) {
    if ((await readlink(`/proc/self/fd/${fd}`).catch(() => "")) === file) return Number(fd);
  }
  throw new Error(`no descriptor open on ${file}`);
}

/** The open flags of that descriptor (/proc/self/fdinfo). */
async function openFlags(file: string): Promise<number> {
  const info = await readFile(`/proc/self/fdinfo/${await descriptorOf(file)}`, "utf8");
  return parseInt(/^flags:\s*([0-7]+)/m.exec(info)![1]!, 8);
}

describe.runIf(process.platform === "linux")("append log durability", () => {
  it("without fsync: plain writes, put on disk by a background sync within the interval", async () => {
    const { log } = await AppendLog.open(file, () => undefined);
    expect((await openFlags(file)) & constants.O_DSYNC).toBe(0);
    const started = Date.now();
    await log.append({ i: 0 });
    // The append resolved as soon as the operating system had the bytes: no sync yet.
    expect(log.backgroundSyncs).toBe(0);
    expect(parseLog(file, await readFile(file)).records).toEqual([{ i: 0 }]);
    while (log.backgroundSyncs === 0 && Date.now() - started < SYNC_INTERVAL_MS * 5) await new Promise((r) => setTimeout(r, 50));
    expect(log.backgroundSyncs).toBe(1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(SYNC_INTERVAL_MS - 20);
    await log.close();
  });

  it("without fsync: a failed background sync is reported at once and refuses later appends", async () => {
    const failures: Error[] = [];
    const { log } = await AppendLog.open(file, () => undefined, { onSyncError: (e) => failures.push(e) });
    await log.append({ i: 0 });
    // Swap the log's descriptor for /dev/null (the lowest free number is reused): fdatasync there is EINVAL.
    const fd = await descriptorOf(file);
    closeSync(fd);
    expect(openSync("/dev/null", "w")).toBe(fd);
    const started = Date.now();
    while (failures.length === 0 && Date.now() - started < SYNC_INTERVAL_MS * 5) await new Promise((r) => setTimeout(r, 50));
    expect(failures.map((e) => e.message)).toEqual([expect.stringMatching(/^emulator store sync failed: EINVAL/)]);
    await expect(log.append({ i: 1 })).rejects.toBe(failures[0]);
    await log.close();
  });

  it("with fsync: every write through an O_DSYNC descriptor, no background sync", async () => {
    const { log } = await AppendLog.open(file, () => undefined, { fsync: true });
    expect((await openFlags(file)) & constants.O_DSYNC).toBe(constants.O_DSYNC);
    await log.append({ i: 0 });
    await new Promise((r) => setTimeout(r, SYNC_INTERVAL_MS + 200));
    expect(log.backgroundSyncs).toBe(0);
    await log.close();
    expect(parseLog(file, await readFile(file)).records).toEqual([{ i: 0 }]);
  });
});
