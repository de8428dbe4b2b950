// TLS options against a real loopback HTTPS server with a throwaway self-signed certificate (made with the
// openssl command; skipped when it is absent): verification on by default, --no-verify-ssl, --ca-bundle.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import https from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_OUTPUT } from "./helpers/capture-server.js";
import { runInProcess } from "./helpers/run-in-process.js";

const dir = mkdtempSync(join(tmpdir(), "iotmi-tls-"));
function makeCertificate(): boolean {
  try {
    execFileSync(
      "openssl",
      ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", join(dir, "key.pem"), "-out", join(dir, "cert.pem"), "-days", "1", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"],
      { stdio: "ignore" },
    );
    return true;
  } catch {
    return false;
  }
}
const haveCertificate = makeCertificate();
if (!haveCertificate) console.warn("test/cli/tls.test.ts: openssl is not available; skipping the TLS tests.");

describe.skipIf(!haveCertificate)("TLS options", () => {
  let server: https.Server;
  let url: string;
  const saved = { ...process.env };
  beforeAll(async () => {
    Object.assign(process.env, { AWS_ACCESS_KEY_ID: "AKIDEXAMPLE", AWS_SECRET_ACCESS_KEY: "secret", AWS_EC2_METADATA_DISABLED: "true", AWS_CONFIG_FILE: join(dir, "none"), AWS_SHARED_CREDENTIALS_FILE: join(dir, "none") });
    server = https.createServer({ key: readFileSync(join(dir, "key.pem")), cert: readFileSync(join(dir, "cert.pem")) }, (req, res) => {
      req.resume();
      req.on("end", () => {
        res.writeHead(201, { "content-type": "application/json" });
        res.end(JSON.stringify(DEFAULT_OUTPUT));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => {
    server.closeAllConnections();
    server.close();
    process.env = saved;
  });
  const cmd = (...args: string[]): string[] => ["create-ota-task", "--endpoint-url", url, "--region", "us-east-1", "--s3-url", "x", "--ota-type", "ONE_TIME", "--query", "TaskId", ...args];

  it("refuses an untrusted certificate by default (255, one line)", async () => {
    const r = await runInProcess(cmd());
    expect(r.code).toBe(255);
    expect(r.stderr).toMatch(new RegExp(`^\\nSSL validation failed for ${url}/ota-tasks [^\\n]+\\n$`));
  });
  it("accepts it with --no-verify-ssl", async () => {
    const r = await runInProcess(cmd("--no-verify-ssl"));
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe('"abc123"\n');
  });
  it("accepts it when --ca-bundle names it", async () => {
    const r = await runInProcess(cmd("--ca-bundle", join(dir, "cert.pem")));
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe('"abc123"\n');
  });
  it("accepts it when AWS_CA_BUNDLE names it", async () => {
    const r = await runInProcess(cmd(), { env: { AWS_CA_BUNDLE: join(dir, "cert.pem") } });
    expect(r.stdout).toBe('"abc123"\n');
  });
});
