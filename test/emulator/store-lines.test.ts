// What the store does with lines that have a valid checksum but are not what it writes: a line repeated whole
// is loaded once; a record without an output, or a position used twice with other content, stops start-up with
// the file and line (instead of serving a broken inspection route). And bodies that are not UTF-8 are refused,
// never stored with U+FFFD in place of their bytes.
import { appendFile, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { StoreCorruptError } from "../../src/emulator/index.js";
import { encodeLine } from "../../src/emulator/store/append-log.js";
import { LOG_FILE } from "../../src/emulator/store/record-store.js";
import { errorType, inspect, send, start } from "./helpers.js";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "iotmi-store-lines-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function twoTasks(): Promise<string> {
  const emulator = await start({ dataDir: dir });
  await send(emulator, { body: { S3Url: "s3://b/one", OtaType: "ONE_TIME", ClientToken: "t1" } });
  await send(emulator, { body: { S3Url: "s3://b/two", OtaType: "ONE_TIME" } });
  await emulator.close();
  return join(dir, LOG_FILE);
}

describe("store lines", () => {
  it("loads a line repeated whole once, with a warning", async () => {
    const file = await twoTasks();
    const lines = (await readFile(file, "utf8")).split("\n").filter((l) => l !== "");
    await appendFile(file, `${lines[0]}\n`);
    const warnings: string[] = [];
    const emulator = await start({ dataDir: dir, log: (line) => warnings.push(line) });
    try {
      expect(emulator.records()).toHaveLength(2);
      expect((await inspect(emulator)).map((t) => t.TaskId)).toHaveLength(2);
      expect(warnings.join("\n")).toContain("line 3 repeats line 1; loaded once");
    } finally {
      await emulator.close();
    }
  });

  it("refuses to start on a record without an output, naming the line", async () => {
    const file = await twoTasks();
    const lines = (await readFile(file, "utf8")).split("\n").filter((l) => l !== "");
    const record = (JSON.parse(lines[1]!) as { rec: Record<string, unknown> }).rec;
    const { output: _dropped, ...withoutOutput } = record;
    await writeFile(file, `${lines[0]}\n${encodeLine({ ...withoutOutput })}`);
    const error = await start({ dataDir: dir }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreCorruptError);
    expect((error as Error).message).toBe(`corrupt emulator store ${file}, line 2: record is missing fields or has an unknown version`);
  });

  it("refuses to start on two different records at one position", async () => {
    const file = await twoTasks();
    const lines = (await readFile(file, "utf8")).split("\n").filter((l) => l !== "");
    const record = (JSON.parse(lines[0]!) as { rec: Record<string, unknown> }).rec;
    await appendFile(file, encodeLine({ ...record, id: "someoneelse" }));
    const error = await start({ dataDir: dir }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreCorruptError);
    expect((error as Error).message).toContain("line 3: record 1 differs from line 1");
  });
});

describe("request bodies that are not UTF-8", () => {
  it("are refused with a SerializationException, nothing stored", async () => {
    const emulator = await start({ dataDir: dir });
    try {
      // "s3://b/\xff" with a lone 0xff byte.
      const bytes = Buffer.concat([Buffer.from('{"S3Url":"s3://b/'), Buffer.from([0xff]), Buffer.from('","OtaType":"ONE_TIME"}')]);
      const reply = await send(emulator, { body: bytes });
      expect(reply.status).toBe(400);
      expect(errorType(reply)).toBe("SerializationException");
      expect(reply.json?.["message"]).toBe("Request body is not valid UTF-8.");
      expect(emulator.records()).toHaveLength(0);
    } finally {
      await emulator.close();
    }
  });
});
