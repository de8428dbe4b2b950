// The real AWS CLI as an independent SigV4 signer and restJson1 client against the emulator: v1 (`aws` on PATH,
// knows the service natively) and, when present, Debian's v2 at /usr/bin/aws taught the service with the
// smithy2botocore converter (path from IOTMI_SMITHY2BOTOCORE, else ../shared/tools beside the repository).
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Emulator } from "../../src/emulator/index.js";
import { DOC_KEY, inspect, start } from "./helpers.js";

const run = promisify(execFile);

async function findAws(): Promise<string | undefined> {
  try {
    await run("aws", ["--version"], { timeout: 20_000 });
    return "aws";
  } catch {
    return undefined;
  }
}
const aws = await findAws();
if (aws === undefined) console.warn("`aws` is not on PATH: skipping the AWS CLI tests against the emulator");

describe.skipIf(aws === undefined)("AWS CLI against the emulator", () => {
  let emulator: Emulator;
  let home: string;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    emulator = await start();
    home = await mkdtemp(join(tmpdir(), "iotmi-awscli-"));
    await writeFile(join(home, "config"), "");
    await writeFile(join(home, "credentials"), "");
    env = {
      PATH: process.env["PATH"] ?? "",
      HOME: home,
      AWS_CONFIG_FILE: join(home, "config"),
      AWS_SHARED_CREDENTIALS_FILE: join(home, "credentials"),
      AWS_ACCESS_KEY_ID: DOC_KEY.accessKeyId,
      AWS_SECRET_ACCESS_KEY: DOC_KEY.secretAccessKey,
      AWS_PAGER: "",
      AWS_EC2_METADATA_DISABLED: "true",
    };
  });
  afterAll(async () => {
    await emulator.close();
    await rm(home, { recursive: true, force: true });
  });

  const cli = (args: string[], extraEnv: NodeJS.ProcessEnv = {}) =>
    run("aws", ["iot-managed-integrations", ...args, "--endpoint-url", emulator.url, "--region", "us-east-1", "--output", "json"], {
      env: { ...env, ...extraEnv },
      timeout: 60_000,
    });

  it("creates a task with a request the CLI signed", async () => {
    const { stdout } = await cli(["create-ota-task", "--s3-url", "s3://firmware/v2.bin", "--ota-type", "ONE_TIME", "--description", "from the aws cli"]);
    const output = JSON.parse(stdout) as { TaskId: string; TaskArn: string; Description: string };
    expect(output.TaskId).toMatch(/^[A-Za-z0-9]+$/);
    expect(output.TaskArn).toBe(`arn:aws:iotmanagedintegrations:us-east-1:123456789012:ota-task/${output.TaskId}`);
    expect(output.Description).toBe("from the aws cli");
    const stored = (await inspect(emulator)).find((t) => t.TaskId === output.TaskId);
    expect(stored?.Input).toMatchObject({ S3Url: "s3://firmware/v2.bin", OtaType: "ONE_TIME", Description: "from the aws cli" });
    // The CLI filled the idempotency token itself.
    expect(stored?.ClientToken).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("gets the service's errors back through the CLI's own error parsing", async () => {
    const wrongSecret = await cli(["create-ota-task", "--s3-url", "s3://f/x", "--ota-type", "ONE_TIME"], { AWS_SECRET_ACCESS_KEY: "wrong" }).catch(
      (e: { stderr: string; code: number }) => e,
    );
    expect((wrongSecret as { stderr: string }).stderr).toContain("An error occurred (InvalidSignatureException) when calling the CreateOtaTask operation");
    const invalid = await cli(["create-ota-task", "--s3-url", "s3://f/x", "--ota-type", "ONE_TIME", "--description", "not/allowed"]).catch(
      (e: { stderr: string }) => e,
    );
    expect((invalid as { stderr: string }).stderr).toMatch(/\(ValidationException\).*Description/);
  });
});

const repo = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const converter = process.env["IOTMI_SMITHY2BOTOCORE"] ?? resolve(repo, "../shared/tools/smithy2botocore.py");
const awsV2 = "/usr/bin/aws";
const v2Ready = existsSync(awsV2) && existsSync(converter);
if (!v2Ready) console.warn(`AWS CLI v2 (${awsV2}) or the converter (${converter}, IOTMI_SMITHY2BOTOCORE) is missing: skipping the v2 test`);

describe.skipIf(!v2Ready)("AWS CLI v2 against the emulator", () => {
  it("creates a task with a request v2 signed", async () => {
    const work = await mkdtemp(join(tmpdir(), "iotmi-awscli2-"));
    const emulator = await start();
    try {
      const { stdout: version } = await run(awsV2, ["--version"], { timeout: 30_000 });
      expect(version).toMatch(/^aws-cli\/2\./);
      const dataPath = join(work, "data");
      await run("python3", [converter, join(repo, "model/iot-managed-integrations.json"), join(dataPath, "iot-managed-integrations/2025-03-03")], { timeout: 60_000 });
      await writeFile(join(work, "empty"), "");
      const { stdout } = await run(
        awsV2,
        ["iot-managed-integrations", "create-ota-task", "--endpoint-url", emulator.url, "--region", "us-east-1", "--s3-url", "s3://fw/v2.bin", "--ota-type", "CONTINUOUS", "--output", "json"],
        {
          env: {
            PATH: process.env["PATH"] ?? "",
            HOME: work,
            AWS_DATA_PATH: dataPath,
            AWS_CONFIG_FILE: join(work, "empty"),
            AWS_SHARED_CREDENTIALS_FILE: join(work, "empty"),
            AWS_ACCESS_KEY_ID: DOC_KEY.accessKeyId,
            AWS_SECRET_ACCESS_KEY: DOC_KEY.secretAccessKey,
            AWS_PAGER: "",
            AWS_EC2_METADATA_DISABLED: "true",
          },
          timeout: 60_000,
        },
      );
      const output = JSON.parse(stdout) as { TaskId: string };
      expect((await inspect(emulator)).find((t) => t.TaskId === output.TaskId)?.Input).toMatchObject({ S3Url: "s3://fw/v2.bin", OtaType: "CONTINUOUS" });
    } finally {
      await emulator.close();
      await rm(work, { recursive: true, force: true });
    }
  });
});
