// The `iotmi` executable as users run it: a separate Node process with the generated client, against a real
// loopback capture server. Exit codes, stdout/stderr separation, Ctrl-C → 130, and what the bin loads.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { hasGeneratedClient } from "./helpers/binding.js";
import { DEFAULT_OUTPUT, startCaptureServer, type CaptureServer } from "./helpers/capture-server.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const main = join(root, "src/cli/main.ts");
if (!hasGeneratedClient) console.warn("test/cli/bin.test.ts: src/generated/ is absent; skipping the executable tests.");

const dir = mkdtempSync(join(tmpdir(), "iotmi-bin-"));
writeFileSync(join(dir, "empty"), "");
const env = {
  PATH: process.env["PATH"] ?? "",
  HOME: dir,
  AWS_ACCESS_KEY_ID: "AKIDEXAMPLE",
  AWS_SECRET_ACCESS_KEY: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
  AWS_CONFIG_FILE: join(dir, "empty"),
  AWS_SHARED_CREDENTIALS_FILE: join(dir, "empty"),
  AWS_PAGER: "",
  // Never reach for instance metadata (the only network allowed is loopback).
  AWS_EC2_METADATA_DISABLED: "true",
};

interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

function iotmi(args: readonly string[], onSpawn?: (child: ReturnType<typeof spawn>) => void): Promise<Result> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", main, ...args], { cwd: root, env });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    onSpawn?.(child);
  });
}

describe.skipIf(!hasGeneratedClient)("iotmi executable", () => {
  let server: CaptureServer;
  beforeAll(async () => {
    server = await startCaptureServer();
  });
  afterAll(async () => {
    await server.close();
  });
  beforeEach(() => {
    server.respond({ status: 201, headers: { "content-type": "application/json" }, body: JSON.stringify(DEFAULT_OUTPUT) });
  });
  const cmd = (...args: string[]): string[] => ["create-ota-task", "--endpoint-url", server.url, "--region", "us-east-1", ...args];

  it("creates a task and prints the response on stdout only", async () => {
    const r = await iotmi(cmd("--s3-url", "s3://b/k", "--ota-type", "ONE_TIME", "--client-token", "tok", "--tags", "a=b", "--output", "text"));
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("hello\tarn:aws:iotmanagedintegrations:us-east-1:123456789012:ota-task/abc123\tabc123\n");
    expect(JSON.parse(server.requests.at(-1)!.body)).toEqual({ S3Url: "s3://b/k", OtaType: "ONE_TIME", ClientToken: "tok", Tags: { a: "b" } });
  });

  it("exits 252 on a usage error and 254 on a service error", async () => {
    const usage = await iotmi(cmd("--s3-url", "x"));
    expect(usage.code).toBe(252);
    expect(usage.stdout).toBe("");
    server.respond({ status: 403, headers: { "x-amzn-errortype": "AccessDeniedException", "content-type": "application/json" }, body: '{"message":"no"}' });
    const denied = await iotmi(cmd("--s3-url", "x", "--ota-type", "ONE_TIME"));
    expect(denied.code).toBe(254);
    expect(denied.stderr).toBe("\nAn error occurred (AccessDeniedException) when calling the CreateOtaTask operation: no\n");
  });

  it("the generated validator's constraint violations exit 252 before sending", async () => {
    const before = server.requests.length;
    const r = await iotmi(cmd("--s3-url", "x", "--ota-type", "ONE_TIME", "--ota-scheduling-config", "MaintenanceWindows=[{DurationInMinutes=2000}]"));
    expect(r.code).toBe(252);
    expect(r.stderr).toMatch(/^\nParameter validation failed:\n.*DurationInMinutes.*1430/s);
    expect(server.requests.length).toBe(before);
  });

  it("Ctrl-C while waiting for the service exits 130", async () => {
    let child: ReturnType<typeof spawn> | undefined;
    const hanging = http.createServer(() => {
      // Never answer; interrupt the CLI once its request has arrived.
      child?.kill("SIGINT");
    });
    await new Promise<void>((resolve) => hanging.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(hanging.address() as AddressInfo).port}`;
    try {
      const r = await iotmi(["create-ota-task", "--endpoint-url", url, "--region", "us-east-1", "--s3-url", "x", "--ota-type", "ONE_TIME"], (c) => (child = c));
      expect(r.code).toBe(130);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    } finally {
      hanging.closeAllConnections();
      hanging.close();
    }
  });

  it("an operation command loads neither the emulator, YAML nor JMESPath", async () => {
    const probe = join(dir, "probe.mjs");
    const log = join(dir, "resolved.txt");
    writeFileSync(log, "");
    // A resolve hook that records every specifier the process imports (hooks run off the main thread, so a file).
    writeFileSync(
      probe,
      `import { appendFileSync } from "node:fs";\n` +
        `export async function resolve(specifier, context, next) { appendFileSync(${JSON.stringify(log)}, specifier + "\\n"); return next(specifier, context); }\n`,
    );
    const r = await new Promise<Result>((resolve) => {
      const child = spawn(process.execPath, ["--no-warnings", "--experimental-loader", probe, "--import", "tsx", main, ...cmd("--s3-url", "x", "--ota-type", "ONE_TIME")], { cwd: root, env });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
      child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
      child.on("close", (code) => resolve({ code, stdout, stderr }));
    });
    expect(r.code).toBe(0);
    const loaded = readFileSync(log, "utf8").split("\n");
    // The probe sees the run module (under tsx its specifier ends in .ts), so it is really listening.
    expect(loaded.some((s) => /^\.\/run\.(js|ts)$/.test(s))).toBe(true);
    expect(loaded.some((s) => s.includes("emulator"))).toBe(false);
    expect(loaded).not.toContain("yaml");
    expect(loaded).not.toContain("jmespath");
  });
});
