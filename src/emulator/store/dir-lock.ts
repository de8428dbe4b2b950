/**
 * An exclusive lock on a data directory that two processes can never both hold, without an OS lock call
 * (Node has none) and without a window where a lock file exists but is empty.
 *
 * The lock is a sequence of generations, files `LOCK.<n>` holding the owner's PID (and, on Linux, who that PID
 * was: the kernel's boot id and the process's start time, so that a PID given to another process since — a
 * container restarted with its data volume runs the emulator under the same PID — is not taken for the owner).
 * A file appears only through
 * `link(2)` of a fully written and synced temporary file, which fails if the name exists: no reader ever sees a
 * half-written lock. The owner is the process holding the highest generation. A lock left by a dead process is
 * never deleted to be replaced (delete-then-create races another process doing the same): it is superseded by
 * creating the next generation, which exactly one contender can do. After taking generation n the winner checks
 * that no higher generation appeared (a contender that read an older listing backs off), then deletes the lower
 * ones.
 *
 * @packageDocumentation
 */
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { link, mkdir, open, readdir, readFile, rm, stat } from "node:fs/promises";
import { join } from "node:path";

/**
 * The data directory is used by another running emulator.
 * @public
 */
export class StoreLockedError extends Error {
  override readonly name = "StoreLockedError";
}

/**
 * The data directory cannot be created or written (not a directory, permission denied, read-only).
 * @public
 */
export class DataDirectoryError extends Error {
  override readonly name = "DataDirectoryError";
}

const LOCK_NAME = /^LOCK\.(\d+)$/;
const TEMP_NAME = /^LOCK\.(\d+)\.[0-9a-f]+\.tmp$/;

/**
 * A held directory lock.
 * @internal
 */
export interface DirLock {
  /** The lock file this process holds. */
  readonly path: string;
  release(): Promise<void>;
}

/**
 * Creates `dir` if needed and takes its lock; file-system refusals become a {@link DataDirectoryError} that says
 * what is wrong with the directory.
 * @internal
 */
export async function openDataDirectory(dir: string): Promise<DirLock> {
  try {
    await mkdir(dir, { recursive: true });
    if (!(await stat(dir)).isDirectory()) throw Object.assign(new Error("not a directory"), { code: "ENOTDIR" });
    return await lockDirectory(dir);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === "EEXIST" || code === "ENOTDIR"
        ? "is not a directory (a file is in the way)"
        : code === "EACCES" || code === "EPERM"
          ? "is not writable (permission denied)"
          : code === "EROFS"
            ? "is on a read-only file system"
            : code === "ENOSPC"
              ? "has no space left"
              : undefined;
    if (why === undefined) throw e;
    throw new DataDirectoryError(`emulator data directory ${dir} ${why}`, { cause: e });
  }
}

/**
 * Takes the lock of `dir` for this process, superseding one left by a dead process.
 * @internal
 */
export async function lockDirectory(dir: string, pid: number = process.pid): Promise<DirLock> {
  const temp = join(dir, `LOCK.${pid}.${randomBytes(6).toString("hex")}.tmp`);
  const handle = await open(temp, "wx");
  const identity = processIdentity(pid);
  try {
    await handle.writeFile(identity === undefined ? `${pid}\n` : `${pid} ${identity}\n`);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    for (;;) {
      const generations = await listGenerations(dir);
      const top = generations.at(-1) ?? 0;
      if (top > 0) {
        const holder = await readHolder(join(dir, `LOCK.${top}`));
        if (holder === undefined) continue; // released (or superseded) while we looked: look again
        if (holdsLock(holder, pid)) {
          if (holder.pid === pid) throw new StoreLockedError(`emulator data directory is already open in this process (${join(dir, `LOCK.${top}`)})`);
          throw new StoreLockedError(
            `emulator data directory ${dir} is in use by process ${holder.pid} (lock file ${join(dir, `LOCK.${top}`)}; delete it if no emulator is running there)`,
          );
        }
      }
      const mine = top + 1;
      const path = join(dir, `LOCK.${mine}`);
      try {
        await link(temp, path);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === "EEXIST") continue; // another contender took this generation
        throw e;
      }
      // A contender working from an older listing may have taken a generation above ours: it wins.
      if ((await listGenerations(dir)).some((n) => n > mine)) {
        await rm(path, { force: true });
        continue;
      }
      await Promise.all(generations.filter((n) => n < mine).map((n) => rm(join(dir, `LOCK.${n}`), { force: true })));
      await removeDeadTemps(dir);
      return { path, release: () => rm(path, { force: true }) };
    }
  } finally {
    await rm(temp, { force: true });
  }
}

async function listGenerations(dir: string): Promise<number[]> {
  const names = await readdir(dir);
  const generations: number[] = [];
  for (const name of names) {
    const m = LOCK_NAME.exec(name);
    if (m !== null) generations.push(Number(m[1]));
  }
  return generations.sort((a, b) => a - b);
}

/** What a lock file says of its owner. */
interface Holder {
  readonly pid: number;
  /** {@link processIdentity} when the lock was taken; absent where there is none (and in older lock files). */
  readonly identity?: string;
}

async function readHolder(path: string): Promise<Holder | undefined> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw e;
  }
  const [pidText, identity, ...rest] = text.trim().split(" ");
  const pid = Number(pidText);
  // Lock files are only ever linked complete; anything else is not ours to interpret as "free".
  if (!Number.isSafeInteger(pid) || pid <= 0 || rest.length > 0 || identity === "") {
    throw new StoreLockedError(`unreadable emulator lock file ${path}: delete it if no emulator is running there`);
  }
  return identity === undefined ? { pid } : { pid, identity };
}

/**
 * Whether the process that wrote a lock file still runs (`self`: the PID taking the lock): its PID is alive and
 * still names that process.
 */
function holdsLock(holder: Holder, self: number): boolean {
  if (holder.pid !== self && !isAlive(holder.pid)) return false;
  const now = processIdentity(holder.pid);
  // Without a recorded identity only the PID can be judged — except for our own PID: this code records one
  // wherever it can read one, so a lock naming our PID without it was written by an earlier process (an older
  // version, in a container restarted under the same PID).
  if (holder.identity === undefined) return holder.pid !== self || now === undefined;
  return now === undefined || now === holder.identity;
}

/**
 * Who `pid` is, as far as the kernel can tell (Linux): its boot id and the process's start time (field 22 of
 * /proc/<pid>/stat, clock ticks since boot); undefined where /proc has neither.
 */
function processIdentity(pid: number): string | undefined {
  const startTime = procStat(pid)?.[19];
  if (startTime === undefined) return undefined;
  try {
    const boot = readFileSync("/proc/sys/kernel/random/boot_id", "latin1").trim();
    return /^[0-9a-f-]+$/.test(boot) ? `${boot}/${startTime}` : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The fields of /proc/<pid>/stat from the third (the state) on, or undefined without /proc (not Linux) or once
 * the process is gone. The command name before them may hold spaces and parentheses: they follow the last ')'.
 */
function procStat(pid: number): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "latin1");
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  } catch {
    return undefined;
  }
}

/** Temporary files of contenders killed mid-start. */
async function removeDeadTemps(dir: string): Promise<void> {
  for (const name of await readdir(dir)) {
    const m = TEMP_NAME.exec(name);
    if (m !== null && !isAlive(Number(m[1]))) await rm(join(dir, name), { force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
  return !isZombie(pid);
}

/**
 * Whether `pid` has exited but not been reaped yet (Linux: state Z or X in /proc/<pid>/stat). A signal still
 * reaches such a process, so without this an emulator killed with kill -9 would hold its directory until its
 * parent reaped it — in a container whose first process does not reap orphans, for ever.
 */
function isZombie(pid: number): boolean {
  // No /proc, or gone since the signal: the signal's answer stands.
  const state = procStat(pid)?.[0];
  return state === "Z" || state === "X";
}
