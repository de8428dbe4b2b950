// Every program in examples/ runs, as a user would run it (tsx, importing the package by name, which resolves
// to the built dist/), against a real emulator on loopback started here; the emulator's inspection routes then
// show what each example left behind. A new example must be added to RUNS, or the first test fails.
import { existsSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "../../src/emulator/index.js";
import { DOC_KEY } from "../emulator/helpers.js";
import { run, type Run } from "../packaging/run.js";
import { expectOneTaskForRepeatedRollout } from "./demo-report.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const EXAMPLES = join(ROOT, "examples");
const TSX = createRequire(import.meta.url).resolve("tsx");
const BUILT = existsSync(join(ROOT, "dist/node/index.js")) && existsSync(join(ROOT, "dist/node/emulator.js"));

function runExample(file: string, args: readonly string[], env: Readonly<Record<string, string>> = {}): Promise<Run> {
  // No shared config or metadata lookups from the machine: only what the test gives.
  const clean = { PATH: process.env["PATH"] ?? "", AWS_EC2_METADATA_DISABLED: "true", AWS_CONFIG_FILE: "/nonexistent", AWS_SHARED_CREDENTIALS_FILE: "/nonexistent" };
  return run(process.execPath, ["--import", TSX, join(EXAMPLES, file), ...args], ROOT, { env: { ...clean, ...env }, timeoutMs: 60_000 });
}

async function inspect(emulator: Emulator): Promise<Record<string, number>> {
  const body = (await (await fetch(`${emulator.url}/_emulator/`)).json()) as { resources: { name: string; count: number }[] };
  return Object.fromEntries(body.resources.map((r) => [r.name, r.count]));
}

/** How each example is run against the emulator at `url`. */
const RUNS: Readonly<Record<string, (url: string) => { args: string[]; env?: Record<string, string> }>> = {
  // Its non-emulator path: endpoint and credentials from the environment, as against AWS.
  "create-ota-task-service.ts": (url) => ({
    args: ["--demo"],
    env: { IOTMI_ENDPOINT: url, AWS_REGION: "us-east-1", AWS_ACCESS_KEY_ID: DOC_KEY.accessKeyId, AWS_SECRET_ACCESS_KEY: DOC_KEY.secretAccessKey },
  }),
  "ota-workflow.ts": (url) => ({ args: ["--emulator-url", url] }),
};

describe.skipIf(!BUILT)("examples/ against a real emulator", () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startEmulator({ quiet: true });
  });
  afterAll(async () => {
    await emulator?.close();
  });

  it("every example has a run here", () => {
    const files = readdirSync(EXAMPLES).filter((f) => f.endsWith(".ts")).sort();
    expect(files).toEqual(Object.keys(RUNS).sort());
  });

  it("create-ota-task-service.ts: a repeated rollout creates one task", async () => {
    const before = await inspect(emulator);
    const { args, env } = RUNS["create-ota-task-service.ts"]!(emulator.url);
    const result = await runExample("create-ota-task-service.ts", args, env);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expectOneTaskForRepeatedRollout(result.stdout);
    expect((await inspect(emulator))["OtaTaskResource"]).toBe((before["OtaTaskResource"] ?? 0) + 1);
  }, 60_000);

  it("ota-workflow.ts: configuration → tasks → get → pages → update → executions → delete → not found", async () => {
    const before = await inspect(emulator);
    const { args } = RUNS["ota-workflow.ts"]!(emulator.url);
    const result = await runExample("ota-workflow.ts", args);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const steps = result.stdout.trimEnd().split("\n");
    const [, configId] = /^1\. configuration (\S+)$/.exec(steps[0]!)!;
    const taskIds = steps.filter((l) => l.startsWith("2. task ")).map((l) => l.split(" ")[2]!);
    expect(taskIds).toHaveLength(3);
    expect(steps).toContain(`3. task ${taskIds[0]}: IN_PROGRESS, 3 devices, queued 3`);
    const total = (before["OtaTaskResource"] ?? 0) + 3;
    const listing = steps.find((l) => l.startsWith("4. "))!;
    expect(listing.startsWith(`4. ${total} tasks in ${Math.ceil(total / 2)} pages: `)).toBe(true);
    expect(listing.endsWith(taskIds.map((id) => `${id} IN_PROGRESS`).join(", "))).toBe(true);
    expect(steps.find((l) => l.startsWith("5. "))).toMatch(new RegExp(`^5\\. task ${taskIds[1]}: "Thermostat firmware v2_0_1 hotfix", last updated \\d{4}-`));
    expect(steps.filter((l) => l.startsWith("6. "))).toEqual([
      "6. thermostat-kitchen: SUCCEEDED",
      "6. thermostat-hall: SUCCEEDED",
      "6. thermostat-attic: FAILED",
      `6. task ${taskIds[0]}: COMPLETED`,
    ]);
    expect(steps).toContain(`7. deleted 3 tasks and configuration ${configId}`);
    expect(steps.at(-1)).toBe(`8. ResourceNotFoundException (HTTP 404): OtaTask '${taskIds[0]}' does not exist.`);
    // Everything it created is gone again.
    expect(await inspect(emulator)).toEqual(before);
  }, 60_000);
});
