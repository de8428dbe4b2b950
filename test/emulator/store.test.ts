// The durable store: restart and kill -9 durability, a torn tail tolerated, corruption reported with
// file and line, one emulator per data directory.
import { spawn } from "node:child_process";
import { appendFile, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { StoreCorruptError, StoreLockedError } from "../../src/emulator/index.js";
import { LOG_FILE } from "../../src/emulator/store/record-store.js";
import { inspect, send, start } from "./helpers.js";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "iotmi-emulator-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("durable store", () => {
  it("keeps tasks and idempotency tokens across a restart", async () => {
    const first = await start({ dataDir: dir });
    const a = await send(first, { body: { S3Url: "s3://b/a", OtaType: "ONE_TIME", ClientToken: "tok-a" } });
    const b = await send(first, { body: { S3Url: "s3://b/b", OtaType: "CONTINUOUS", Description: "second" } });
    await first.close();

    const second = await start({ dataDir: dir });
    try {
      const tasks = await inspect(second);
      expect(tasks.map((t) => t.TaskId)).toEqual([a.json?.["TaskId"], b.json?.["TaskId"]]);
      expect(tasks[1]!.Input).toEqual({ S3Url: "s3://b/b", OtaType: "CONTINUOUS", Description: "second" });
      // The token still dedupes after the restart, and still conflicts on different parameters.
      const replay = await send(second, { body: { S3Url: "s3://b/a", OtaType: "ONE_TIME", ClientToken: "tok-a" } });
      expect(replay.json).toEqual(a.json);
      expect((await send(second, { body: { S3Url: "s3://b/other", OtaType: "ONE_TIME", ClientToken: "tok-a" } })).status).toBe(409);
      expect(second.records()).toHaveLength(2);
    } finally {
      await second.close();
    }
  });

  it("writes one checksummed JSON line per task", async () => {
    const emulator = await start({ dataDir: dir });
    await send(emulator);
    await send(emulator);
    await emulator.close();
    const lines = (await readFile(join(dir, LOG_FILE), "utf8")).split("\n");
    expect(lines).toHaveLength(3);
    expect(lines[2]).toBe("");
    for (const line of lines.slice(0, 2)) {
      const parsed = JSON.parse(line) as { sha256: string; rec: { operation: string } };
      expect(parsed.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(parsed.rec.operation).toBe("CreateOtaTask");
    }
  });

  it("drops a torn tail left by a crash, with a warning, and keeps appending after it", async () => {
    const emulator = await start({ dataDir: dir });
    await send(emulator);
    await emulator.close();
    await appendFile(join(dir, LOG_FILE), '{"sha256":"00ab","rec":{"v":1,"seq":2');
    const warnings: string[] = [];
    const again = await start({ dataDir: dir, log: (line) => warnings.push(line) });
    try {
      expect(warnings.some((w) => w.includes("dropped a torn tail (37 bytes after the last whole record)"))).toBe(true);
      expect(again.records()).toHaveLength(1);
      await send(again);
      expect(again.records()).toHaveLength(2);
    } finally {
      await again.close();
    }
    const third = await start({ dataDir: dir });
    expect(third.records()).toHaveLength(2);
    await third.close();
  });

  it("refuses to start on corruption before the last line, naming the file and line", async () => {
    const emulator = await start({ dataDir: dir });
    await send(emulator, { body: { S3Url: "s3://b/one", OtaType: "ONE_TIME" } });
    await send(emulator, { body: { S3Url: "s3://b/two", OtaType: "ONE_TIME" } });
    await emulator.close();
    const file = join(dir, LOG_FILE);
    await writeFile(file, (await readFile(file, "utf8")).replace("s3://b/one", "s3://b/0ne"));
    const error = await start({ dataDir: dir }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreCorruptError);
    expect((error as StoreCorruptError).message).toBe(`corrupt emulator store ${file}, line 1: checksum mismatch`);
    // The failed start released the directory: fixing the file lets it start.
    await writeFile(file, (await readFile(file, "utf8")).replace("s3://b/0ne", "s3://b/one"));
    const fixed = await start({ dataDir: dir });
    expect(fixed.records()).toHaveLength(2);
    await fixed.close();
  });

  it("lets only one emulator use a data directory", async () => {
    const first = await start({ dataDir: dir });
    try {
      await expect(start({ dataDir: dir })).rejects.toBeInstanceOf(StoreLockedError);
    } finally {
      await first.close();
    }
    const next = await start({ dataDir: dir });
    await next.close();
  });
});

describe("kill -9", () => {
  it("loses no acknowledged task when the process is killed mid-load", async () => {
    const script = fileURLToPath(new URL("./fixtures/child-emulator.ts", import.meta.url));
    const child = spawn(process.execPath, ["--import", "tsx", script, dir], { stdio: ["ignore", "pipe", "inherit"] });
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

    const acknowledged: string[] = [];
    let sent = 0;
    // Eight clients create tasks back to back; the child is killed while they are in full flight.
    const worker = async (): Promise<void> => {
      for (;;) {
        sent++;
        const reply = await send({ url }, { sign: false, body: { S3Url: `s3://b/${sent}`, OtaType: "ONE_TIME" } }).catch(() => undefined);
        if (reply === undefined) return; // connection refused or reset: the child is gone
        if (reply.status === 201) acknowledged.push(String(reply.json?.["TaskId"]));
      }
    };
    const workers = Array.from({ length: 8 }, worker);
    await new Promise<void>((resolve) => {
      const check = setInterval(() => {
        if (acknowledged.length >= 150) {
          clearInterval(check);
          resolve();
        }
      }, 5);
    });
    child.kill("SIGKILL");
    expect(await exited).toBe("SIGKILL");
    await Promise.all(workers);

    const restarted = await start({ dataDir: dir });
    try {
      const stored = new Set(restarted.records().map((r) => r.id));
      const lost = acknowledged.filter((id) => !stored.has(id));
      expect(acknowledged.length).toBeGreaterThanOrEqual(150);
      expect(lost).toEqual([]);
    } finally {
      await restarted.close();
    }
  });
});
