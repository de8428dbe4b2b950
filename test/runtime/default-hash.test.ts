/**
 * The signer's default hash, as in the AWS SDK v3: node:crypto in Node (dist/node/ for `import`, dist/cjs/ for
 * `require`), @aws-crypto/sha256-js in the platform-neutral build (dist/*.js, what bundlers for other platforms
 * take); the `sha256` option overrides either. Each build signs a real request that the emulator verifies.
 */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "../../src/emulator/index.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const PROBE = fileURLToPath(new URL("./fixtures/default-hash-probe.mjs", import.meta.url));
const BUILT = existsSync(join(ROOT, "dist/node/index.js")) && existsSync(join(ROOT, "dist/cjs/index.js"));

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({ port: 0, quiet: true });
});
afterAll(async () => {
  await emulator.close();
});

async function probe(build: string, env: Record<string, string> = {}): Promise<{ hmacs: number; taskId: string }> {
  const { stdout } = await promisify(execFile)(process.execPath, [PROBE, build, emulator.url], {
    cwd: ROOT,
    env: { ...process.env, ...env },
  });
  return JSON.parse(stdout) as { hmacs: number; taskId: string };
}

describe.skipIf(!BUILT)("default SigV4 hash per build (needs `npm run build`)", () => {
  it("Node's import (\"node\" condition, dist/node/) signs with node:crypto; the emulator verifies it", async () => {
    const result = await probe("iotmi");
    expect(result.taskId).toMatch(/\S/);
    expect(result.hmacs).toBeGreaterThanOrEqual(5);
  });

  it("Node's require (dist/cjs/) signs with node:crypto", async () => {
    const result = await probe("iotmi", { PROBE_REQUIRE: "1" });
    expect(result.taskId).toMatch(/\S/);
    expect(result.hmacs).toBeGreaterThanOrEqual(5);
  });

  it("the platform-neutral build (dist/index.js) signs with @aws-crypto/sha256-js", async () => {
    const result = await probe(join(ROOT, "dist/index.js"));
    expect(result.taskId).toMatch(/\S/);
    expect(result.hmacs).toBe(0);
  });

  it("the sha256 option overrides the Node default", async () => {
    const result = await probe("iotmi", { PROBE_SHA256_JS: "1" });
    expect(result.taskId).toMatch(/\S/);
    expect(result.hmacs).toBe(0);
  });
});
