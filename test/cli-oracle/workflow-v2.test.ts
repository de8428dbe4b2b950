// The real AWS CLI v2 against the emulator: the whole OTA workflow with `aws` (taught the service with the
// converted botocore data), and `iotmi` against `aws` on the same emulator state for every paginated read:
// --max-items, --page-size, --starting-token, --no-paginate, --query, in every output format. Skips without
// IOTMI_AWSCLI_V2 / IOTMI_AWSCLI_V2_DATA, as the other v2 oracle suites do.
import { execFile } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "../../src/emulator/index.js";
import { CreateOtaTaskCommand, IoTManagedIntegrationsClient } from "../../src/index.js";
import { cliBinding } from "../cli/helpers/binding.js";
import { otaWorkflow, type RunCli } from "../cli/helpers/ota-workflow.js";
import { runInProcess } from "../cli/helpers/run-in-process.js";
import { awsVersion, env } from "./cases.js";

const binary = process.env["IOTMI_AWSCLI_V2"];
const dataPath = process.env["IOTMI_AWSCLI_V2_DATA"];
const v2Env: Record<string, string> = dataPath === undefined ? {} : { AWS_DATA_PATH: dataPath };
const version = binary === undefined || dataPath === undefined ? undefined : awsVersion(binary, v2Env);
if (version === undefined) console.warn("test/cli-oracle/workflow-v2: IOTMI_AWSCLI_V2 / IOTMI_AWSCLI_V2_DATA not set; skipping.");

const runAws: RunCli = (url, args) =>
  new Promise((resolve) => {
    execFile(binary!, ["iot-managed-integrations", ...args, "--endpoint-url", url, "--region", "us-east-1"], { env: { ...process.env, ...env, ...v2Env }, encoding: "utf8" }, (error, stdout, stderr) => {
      resolve({ code: error === null ? 0 : typeof error.code === "number" ? error.code : 255, stdout, stderr });
    });
  });

describe.skipIf(version === undefined)(`the OTA workflow with ${version ?? "aws v2"}`, () => {
  it("create config → tasks → get → pages → update → executions → delete → not found → kill -9 → all held", async () => {
    await otaWorkflow(runAws);
  }, 120_000);
});

describe.skipIf(version === undefined).concurrent(`iotmi pagination matches ${version ?? "aws v2"} on the same emulator state`, () => {
  let emulator: Emulator;
  let taskId = "";
  const saved = { ...process.env };
  afterAll(() => {
    process.env = saved;
  });
  beforeAll(async () => {
    // The in-process iotmi reads credentials from the process environment, as `aws` does from its own.
    Object.assign(process.env, env);
    emulator = await startEmulator({ quiet: true });
    const client = new IoTManagedIntegrationsClient({ region: "us-east-1", endpoint: emulator.url, credentials: { accessKeyId: env["AWS_ACCESS_KEY_ID"]!, secretAccessKey: env["AWS_SECRET_ACCESS_KEY"]! } });
    for (let i = 0; i < 7; i++) {
      const task = await client.send(new CreateOtaTaskCommand({ S3Url: `s3://fw/${i}.bin`, OtaType: "ONE_TIME", Target: ["a", "b", "c"], Description: `task ${i}` }));
      taskId ||= task.TaskId!;
    }
    client.destroy();
  });
  afterAll(() => emulator.close());

  const cases: (readonly string[])[] = [
    ["list-ota-tasks"],
    ["list-ota-tasks", "--page-size", "2"],
    ["list-ota-tasks", "--max-items", "3"],
    ["list-ota-tasks", "--max-items", "3", "--page-size", "2"],
    ["list-ota-tasks", "--max-items", "4", "--page-size", "2"],
    ["list-ota-tasks", "--max-items", "2", "--starting-token", "eyJOZXh0VG9rZW4iOiAiYzJWeE9qSSIsICJib3RvX3RydW5jYXRlX2Ftb3VudCI6IDF9"],
    ["list-ota-tasks", "--no-paginate", "--max-results", "2"],
    ["list-ota-tasks", "--max-results", "2"],
    ["list-ota-tasks", "--no-paginate", "--max-items", "2"],
    ["list-ota-tasks", "--page-size", "3", "--query", "Tasks[].TaskId"],
    ["list-ota-tasks", "--max-items", "3", "--query", "Tasks[0]"],
    ["list-ota-task-configurations"],
    ["list-ota-task-executions", "--identifier", "__TASK__", "--max-items", "2"],
    ["list-ota-task-executions", "--identifier", "__TASK__", "--page-size", "1"],
    ["get-ota-task", "--identifier", "__TASK__"],
    ["get-ota-task", "--identifier", "nope"],
  ];
  const formats = ["json", "text", "table", "yaml", "yaml-stream"];
  it.each(cases.flatMap((args) => formats.map((format) => [`${args.join(" ")} --output ${format}`, args, format] as const)))("%s", async (_name, args, format) => {
    const argv = [...args.map((a) => (a === "__TASK__" ? taskId : a)), "--output", format];
    const aws = await runAws(emulator.url, argv);
    const mine = await runInProcess([...argv, "--endpoint-url", emulator.url, "--region", "us-east-1"], { binding: await cliBinding(), env });
    expect(mine.stderr).toBe(aws.stderr);
    expect(mine.stdout).toBe(aws.stdout);
    expect(mine.code).toBe(aws.code);
  }, 60_000);
});
