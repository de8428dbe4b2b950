// `iotmi serve`: flags, usage errors (exit 252), start-up, one log line per request without secrets, clean stop.
import { spawn } from "node:child_process";
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { connect, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runServe } from "../../src/cli/serve.js";
import { createOtaTaskFixtureSpec } from "./fixtures/create-ota-task-spec.js";
import { DOC_KEY, send } from "./helpers.js";

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { stdout: (t: string) => void out.push(t), stderr: (t: string) => void err.push(t) } };
}

describe("iotmi serve", () => {
  it.each([
    [["--port", "http"], /--port: invalid port 'http'/],
    [["--port"], /--port: expected one argument/],
    [["--credentials", "justakey"], /ACCESS_KEY_ID:SECRET_ACCESS_KEY/],
    [["--faults", "status=2"], /--faults: .*between 0 and 1/],
    [["--faults", "delay=3000000s"], /--faults: delay 3000000000ms is longer than the longest timer Node supports/],
    [["--account", "42"], /expected 12 digits/],
    [["--seed", "-1"], /--seed/],
    [["--fsync"], /--fsync: only with --data DIR/],
    [["--data", "d", "--fsync=yes"], /--fsync: takes no value/],
    [["--bogus"], /unknown argument: --bogus/],
  ])("refuses %j with a clear message and exit 252", async (argv, message) => {
    const c = capture();
    expect(await runServe(argv, { ...c.io, untilStopped: () => new Promise(() => undefined) })).toBe(252);
    expect(c.err.join("")).toMatch(message);
    expect(c.err.join("")).toContain("usage: iotmi serve");
  });

  it("prints help with exit 0", async () => {
    const c = capture();
    expect(await runServe(["--help"], c.io)).toBe(0);
    expect(c.out.join("")).toContain("--no-auth");
  });

  it("serves until stopped, logs one line per request without secrets, then closes", async () => {
    const dir = await mkdtemp(join(tmpdir(), "iotmi-serve-"));
    const c = capture();
    let stop!: (signal: string) => void;
    let started!: (e: { url: string }) => void;
    const ready = new Promise<{ url: string }>((resolve) => (started = resolve));
    const exit = runServe(
      ["--port", "0", "--data", dir, "--fsync", "--credentials", `${DOC_KEY.accessKeyId}:${DOC_KEY.secretAccessKey}`, "--faults", "delay=1ms", "--seed", "5"],
      {
        ...c.io,
        untilStopped: () => new Promise((resolve) => (stop = resolve)),
        onStarted: started,
        emulatorOptions: { operations: [createOtaTaskFixtureSpec] },
      },
    );
    try {
      const emulator = await ready;
      const ok = await send(emulator);
      expect(ok.status).toBe(201);
      const refused = await send(emulator, { sign: false });
      expect(refused.status).toBe(403);
      stop("SIGTERM");
      expect(await exit).toBe(0);
      const out = c.out.join("");
      expect(out).toMatch(/^iotmi emulator listening on http:\/\/127\.0\.0\.1:\d+ \(region us-east-1, account 123456789012, keys AKIDEXAMPLE, data in .*, fsync, faults seed 5\)/);
      const lines = out.split("\n").filter((l) => / \/ota-tasks /.test(l));
      expect(lines).toHaveLength(2);
      expect(lines[0]).toMatch(/ POST \/ota-tasks 201 \d+\.\dms [0-9a-f-]{36}$/);
      expect(lines[1]).toMatch(/ POST \/ota-tasks 403 \d+\.\dms [0-9a-f-]{36} MissingAuthenticationTokenException$/);
      expect(out).not.toContain(DOC_KEY.secretAccessKey);
      expect(out).not.toContain("Signature=");
      expect(out).toContain("stopping (SIGTERM)");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("reports a port in use instead of crashing", async () => {
    const c1 = capture();
    let stop!: (s: string) => void;
    let started!: (e: { port: number }) => void;
    const ready = new Promise<{ port: number }>((resolve) => (started = resolve));
    const first = runServe(["--port", "0", "--quiet"], {
      ...c1.io,
      untilStopped: () => new Promise((r) => (stop = r)),
      onStarted: started,
      emulatorOptions: { operations: [createOtaTaskFixtureSpec] },
    });
    const { port } = await ready;
    const c2 = capture();
    const code = await runServe(["--port", String(port)], {
      ...c2.io,
      untilStopped: () => new Promise(() => undefined),
      emulatorOptions: { operations: [createOtaTaskFixtureSpec] },
    });
    expect(code).toBe(255);
    expect(c2.err.join("")).toContain(`port ${port} on 127.0.0.1 is already in use`);
    stop("SIGINT");
    expect(await first).toBe(0);
  });
});

describe("iotmi serve with its defaults", () => {
  it("serves the generated CreateOtaTask with the documentation key", async () => {
    const c = capture();
    let stop!: (s: string) => void;
    let started!: (e: { url: string }) => void;
    const ready = new Promise<{ url: string }>((resolve) => (started = resolve));
    const exit = runServe(["--port", "0", "--quiet"], { ...c.io, untilStopped: () => new Promise((r) => (stop = r)), onStarted: started });
    const emulator = await ready;
    const reply = await send(emulator, { body: { S3Url: "s3://b/default.bin", OtaType: "ONE_TIME", Description: "defaults" } });
    expect(reply.status).toBe(201);
    expect(reply.json?.["Description"]).toBe("defaults");
    stop("SIGINT");
    expect(await exit).toBe(0);
    // --quiet: the start and stop lines only.
    expect(c.out.join("").trim().split("\n")).toHaveLength(2);
  });
});

describe("iotmi serve in its own process", () => {
  it.each(["SIGTERM", "SIGINT"] as const)("stops cleanly on %s: exit 0, store flushed, lock released", async (signal) => {
    const dir = await mkdtemp(join(tmpdir(), "iotmi-serve-signal-"));
    try {
      const { url, child, output, exited } = await serveChild(["--data", dir]);
      expect((await send({ url })).status).toBe(201);
      expect((await readdir(dir)).filter((n) => n.startsWith("LOCK."))).toHaveLength(1);
      child.kill(signal);
      expect(await exited).toBe(0);
      expect(output()).toContain(`stopping (${signal})`);
      expect(output()).toMatch(/ POST \/ota-tasks 201 /);
      expect((await readdir(dir)).filter((n) => n.startsWith("LOCK"))).toEqual([]);
      expect((await readFile(join(dir, "records.jsonl"), "utf8")).trim().split("\n")).toHaveLength(1);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("says a --data directory it cannot write is not writable (not a listen failure)", async () => {
    const parent = await mkdtemp(join(tmpdir(), "iotmi-serve-readonly-"));
    const dir = join(parent, "data");
    try {
      await mkdir(dir);
      await chmod(parent, 0o755);
      // root writes anywhere: run the server as nobody instead of relying on the mode bits.
      const asRoot = process.getuid?.() === 0;
      if (!asRoot) await chmod(dir, 0o555);
      const script = fileURLToPath(new URL("./fixtures/serve-child.ts", import.meta.url));
      const child = spawn(process.execPath, ["--import", "tsx", script, "--port", "0", "--data", dir], {
        stdio: ["ignore", "pipe", "pipe"],
        ...(asRoot ? { uid: 65534, gid: 65534 } : {}),
      });
      let err = "";
      child.stderr.on("data", (d: Buffer) => (err += d.toString()));
      // A spawn failure (e.g. nobody may not run this Node binary) fails the test at once instead of hanging it.
      const code = await new Promise<number | null>((resolve, reject) => {
        child.on("exit", (c) => resolve(c));
        child.on("error", reject);
      });
      expect(err).toBe(`iotmi serve: cannot start: emulator data directory ${dir} is not writable (permission denied)\n`);
      expect(code).toBe(255);
    } finally {
      await chmod(dir, 0o755).catch(() => undefined);
      await rm(parent, { recursive: true, force: true });
    }
  });
});

/** Starts `iotmi serve` in a child process; resolves once it listens. */
async function serveChild(args: readonly string[]): Promise<{ url: string; child: ReturnType<typeof spawn>; output: () => string; exited: Promise<number | null> }> {
  const script = fileURLToPath(new URL("./fixtures/serve-child.ts", import.meta.url));
  const child = spawn(process.execPath, ["--import", "tsx", script, "--port", "0", ...args], { stdio: ["ignore", "pipe", "inherit"] });
  let out = "";
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on("data", (d: Buffer) => {
      out += d.toString();
      const m = /listening on (http:\/\/[^ ]+) /.exec(out);
      if (m !== null) resolve(m[1]!);
    });
    child.on("exit", () => reject(new Error(`serve exited early: ${out}`)));
  });
  return { url, child, output: () => out, exited };
}

/** Opens a connection and sends headers announcing a body it never finishes. */
async function stalledUpload(url: string): Promise<Socket> {
  const { hostname, port } = new URL(url);
  const socket = connect(Number(port), hostname);
  await new Promise<void>((resolve) => socket.once("connect", () => resolve()));
  socket.on("error", () => undefined);
  socket.write(`POST /ota-tasks HTTP/1.1\r\nHost: ${hostname}:${port}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"S3Url":`);
  // Give the server time to parse the headers: until then the connection is idle and a shutdown just closes it.
  await new Promise((resolve) => setTimeout(resolve, 300));
  return socket;
}

function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`${what}: not within ${ms} ms`)), ms))]);
}

describe("iotmi serve shutdown", () => {
  it("stops within the grace period despite a stalled upload, answering the request in flight", async () => {
    const dir = await mkdtemp(join(tmpdir(), "iotmi-serve-grace-"));
    try {
      const serve = await serveChild(["--data", dir, "--no-auth", "--shutdown-grace", "1", "--faults", "delay=400ms"]);
      const stalled = await stalledUpload(serve.url);
      const stalledClosed = new Promise<void>((resolve) => stalled.on("close", () => resolve()));
      const inFlight = send({ url: serve.url }, { sign: false });
      await new Promise((resolve) => setTimeout(resolve, 100));
      const signalled = Date.now();
      serve.child.kill("SIGTERM");
      // The request already in flight is answered (not dropped) although shutdown began.
      expect((await inFlight).status).toBe(201);
      expect(await within(serve.exited, 10_000, "exit after SIGTERM")).toBe(0);
      expect(Date.now() - signalled).toBeLessThan(6000);
      await within(stalledClosed, 2000, "stalled connection closed");
      expect(serve.output()).toContain("stopping (SIGTERM)");
      // The committed task is whole in the log, the lock released.
      const lines = (await readFile(join(dir, "records.jsonl"), "utf8")).trim().split("\n");
      expect(lines).toHaveLength(1);
      expect(JSON.parse(lines[0]!)).toHaveProperty("sha256");
      expect((await readdir(dir)).filter((n) => n.startsWith("LOCK"))).toEqual([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("exits at once on a second signal", async () => {
    const serve = await serveChild(["--no-auth", "--shutdown-grace", "600"]);
    const stalled = await stalledUpload(serve.url);
    try {
      serve.child.kill("SIGTERM");
      await within(
        new Promise<void>((resolve) => {
          const check = setInterval(() => {
            if (serve.output().includes("stopping (SIGTERM)")) resolve(void clearInterval(check));
          }, 20);
        }),
        5000,
        "stopping line",
      );
      serve.child.kill("SIGTERM");
      expect(await within(serve.exited, 5000, "exit after the second SIGTERM")).toBe(143);
      expect(serve.output()).toContain("exiting at once (SIGTERM)");
    } finally {
      stalled.destroy();
      serve.child.kill("SIGKILL");
    }
  });
});

describe("iotmi serve --data naming a file", () => {
  it("says it is not a directory", async () => {
    const parent = await mkdtemp(join(tmpdir(), "iotmi-serve-file-"));
    try {
      const file = join(parent, "data.txt");
      await writeFile(file, "not a directory");
      const c = capture();
      expect(await runServe(["--port", "0", "--data", file], { ...c.io, untilStopped: () => new Promise(() => undefined) })).toBe(255);
      expect(c.err.join("")).toBe(`iotmi serve: cannot start: emulator data directory ${file} is not a directory (a file is in the way)\n`);
      const c2 = capture();
      expect(await runServe(["--port", "0", "--data", join(file, "sub")], { ...c2.io, untilStopped: () => new Promise(() => undefined) })).toBe(255);
      expect(c2.err.join("")).toBe(`iotmi serve: cannot start: emulator data directory ${join(file, "sub")} is not a directory (a file is in the way)\n`);
    } finally {
      await rm(parent, { recursive: true, force: true });
    }
  });
});
