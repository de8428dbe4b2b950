// The OTA workflow through `iotmi` commands against `iotmi serve` (a child process killed with SIGKILL and
// restarted), and AWS CLI pagination options on the emulator.
import { afterAll, beforeAll, describe, it } from "vitest";
import { env } from "../cli-oracle/cases.js";
import { cliBinding, hasGeneratedClient } from "./helpers/binding.js";
import { otaWorkflow } from "./helpers/ota-workflow.js";
import { runInProcess } from "./helpers/run-in-process.js";

describe.skipIf(!hasGeneratedClient)("iotmi commands, whole OTA workflow", () => {
  const saved = { ...process.env };
  // The in-process iotmi reads credentials from the process environment.
  beforeAll(() => void Object.assign(process.env, env));
  afterAll(() => {
    process.env = saved;
  });
  it("create config → tasks → get → pages → update → executions → delete → not found → kill -9 → all held", async () => {
    const binding = await cliBinding();
    await otaWorkflow((url, args) => runInProcess([...args, "--endpoint-url", url, "--region", "us-east-1"], { binding, env }));
  }, 60_000);
});
