// One data directory, one owner: many emulator processes start at the same instant (over a lock left by a
// killed emulator, and over a fresh directory) and exactly one of them may win; a lock whose holder was killed
// but not yet reaped (a zombie), or whose PID now names another process, is free.
import { spawn, type ChildProcessByStdio } from "node:child_process";
import type { Readable, Writable } from "node:stream";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openDataDirectory } from "../../src/emulator/store/dir-lock.js";

const CHILD = fileURLToPath(new URL("./fixtures/lock-child.ts", import.meta.url));
const CONTENDERS = 24;

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "iotmi-lock-race-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

interface Contender {
  readonly child: ChildProcessByStdio<Writable, Readable, null>;
  readonly ready: Promise<void>;
  readonly result: Promise<string>;
  readonly exited: Promise<void>;
}

function contender(dataDir: string, goFile: string): Contender {
  const child = spawn(process.execPath, ["--import", "tsx", CHILD, dataDir, goFile], { stdio: ["pipe", "pipe", "inherit"] });
  let out = "";
  let onReady!: () => void;
  let onResult!: (line: string) => void;
  const ready = new Promise<void>((resolve) => (onReady = resolve));
  const result = new Promise<string>((resolve) => (onResult = resolve));
  const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
  child.stdout.on("data", (d: Buffer) => {
    out += d.toString();
    const lines = out.split("\n");
    if (lines.includes("ready")) onReady();
    const verdict = lines.find((l) => l === "won" || l.startsWith("locked ") || l.startsWith("error "));
    if (verdict !== undefined) onResult(verdict);
  });
  child.on("exit", () => onResult(`exited without a verdict: ${out}`));
  return { child, ready, result, exited };
}

async function race(goFile: string): Promise<{ winners: Contender[]; results: string[]; all: Contender[] }> {
  const all = Array.from({ length: CONTENDERS }, () => contender(dir, goFile));
  await Promise.all(all.map((c) => c.ready));
  await writeFile(goFile, "go");
  const results = await Promise.all(all.map((c) => c.result));
  return { winners: all.filter((_, i) => results[i] === "won"), results, all };
}

async function finish(all: readonly Contender[]): Promise<void> {
  for (const c of all) c.child.stdin.end();
  await Promise.all(all.map((c) => c.exited));
}

describe("data directory lock", () => {
  it.each(["over a lock left by a killed emulator", "over a fresh directory"])(
    `admits exactly one of ${CONTENDERS} simultaneous starts %s`,
    async (setting) => {
      const go = join(tmpdir(), `iotmi-lock-go-${process.pid}-${Date.now()}`);
      try {
        if (setting.includes("killed")) {
          const holder = contender(dir, go);
          await holder.ready;
          await writeFile(go, "go");
          expect(await holder.result).toBe("won");
          holder.child.kill("SIGKILL");
          await holder.exited;
          await rm(go);
        }
        const { winners, results, all } = await race(go);
        try {
          expect(results.filter((r) => !r.startsWith("locked ") && r !== "won")).toEqual([]);
          expect(winners).toHaveLength(1);
          expect(results.find((r) => r.startsWith("locked "))).toMatch(new RegExp(`in use by process ${winners[0]!.child.pid}`));
        } finally {
          await finish(all);
        }
        // The winner released its lock on close; nothing of the losers or the killed holder is left behind.
        expect((await readdir(dir)).filter((n) => n.startsWith("LOCK"))).toEqual([]);
      } finally {
        await rm(go, { force: true });
      }
    },
    120_000,
  );
});

describe.runIf(process.platform === "linux")("data directory lock, a holder that is gone although its PID answers", () => {
  it("is superseded: a zombie holds nothing", async () => {
    // `sh` starts a short sleep and replaces itself with a long one, which never reaps the short one: once the
    // short one exits it stays a zombie until the long one ends.
    const parent = spawn("sh", ["-c", "sleep 0.2 & echo $!; exec sleep 30"], { stdio: ["ignore", "pipe", "inherit"] });
    try {
      const zombie = await new Promise<number>((resolve) => parent.stdout.once("data", (d: Buffer) => resolve(Number(d.toString().trim()))));
      const started = Date.now();
      while (!/\) Z /.test(await readFile(`/proc/${zombie}/stat`, "latin1")) && Date.now() - started < 5000) await new Promise((r) => setTimeout(r, 20));
      expect(await readFile(`/proc/${zombie}/stat`, "latin1")).toMatch(/\) Z /);
      await writeFile(join(dir, "LOCK.1"), `${zombie}\n`);
      const lock = await openDataDirectory(dir);
      expect((await readdir(dir)).filter((n) => n.startsWith("LOCK."))).toEqual(["LOCK.2"]);
      await lock.release();
    } finally {
      parent.kill("SIGKILL");
    }
  });

  it("is superseded when the PID now names another process (a restarted container runs the emulator under it)", async () => {
    const boot = (await readFile("/proc/sys/kernel/random/boot_id", "latin1")).trim();
    // This very process, started at another time: what a container restarted with its volume sees in PID 1.
    await writeFile(join(dir, "LOCK.1"), `${process.pid} ${boot}/1\n`);
    const own = await openDataDirectory(dir);
    expect((await readdir(dir)).filter((n) => n.startsWith("LOCK."))).toEqual(["LOCK.2"]);
    expect(await readFile(join(dir, "LOCK.2"), "latin1")).toMatch(new RegExp(`^${process.pid} ${boot}/\\d+\n$`));
    await own.release();
    // The same, written by an older version without the identity: this process would have written one.
    await writeFile(join(dir, "LOCK.3"), `${process.pid}\n`);
    const again = await openDataDirectory(dir);
    expect((await readdir(dir)).filter((n) => n.startsWith("LOCK."))).toEqual(["LOCK.4"]);
    await again.release();
    // Another live process, not the one that wrote the lock.
    const other = spawn("sleep", ["30"], { stdio: "ignore" });
    try {
      await writeFile(join(dir, "LOCK.5"), `${other.pid} ${boot}/1\n`);
      const lock = await openDataDirectory(dir);
      expect((await readdir(dir)).filter((n) => n.startsWith("LOCK."))).toEqual(["LOCK.6"]);
      await lock.release();
    } finally {
      other.kill("SIGKILL");
    }
  });
});
