// The AWS CLI v2 — the system the reference page documents — as a second oracle. Debian's v2 does not know
// this service; it is taught with botocore data files converted from the service model (see the project's
// shared reference notes). Set IOTMI_AWSCLI_V2 to the v2 binary and IOTMI_AWSCLI_V2_DATA to the folder passed
// as AWS_DATA_PATH; without them the suite skips. Beyond the v1 cases it checks what only v2 defines: exit
// codes 252/254, `--output yaml|yaml-stream`, `--cli-input-yaml`, skeletons, and retried service errors.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CannedResponse } from "../cli/helpers/capture-server.js";
import { awsVersion, cases, env, required, runAws, runIotmi, withServer, withoutGeneratedToken, type Case } from "./cases.js";

const binary = process.env["IOTMI_AWSCLI_V2"];
const dataPath = process.env["IOTMI_AWSCLI_V2_DATA"];
const v2Env: Record<string, string> = dataPath === undefined ? {} : { AWS_DATA_PATH: dataPath };
const version = binary === undefined || dataPath === undefined ? undefined : awsVersion(binary, v2Env);
if (version === undefined) {
  console.warn("test/cli-oracle: IOTMI_AWSCLI_V2 / IOTMI_AWSCLI_V2_DATA not set (or not runnable); skipping the AWS CLI v2 comparisons.");
}

const v2Cases: Case[] = [
  ...cases,
  { name: "output yaml", args: [...required, "--output", "yaml"] },
  { name: "output yaml-stream", args: [...required, "--output", "yaml-stream"] },
  { name: "output yaml with a query", args: [...required, "--output", "yaml", "--query", "{id: TaskId, list: [TaskArn, `1`], none: `null`, e: `\"\"`, t: `true`}"] },
  { name: "--cli-input-yaml", args: ["--cli-input-yaml", "S3Url: s3://y\nOtaType: CONTINUOUS\nClientToken: tok\nTags:\n  a: b\n"] },
  { name: "skeleton input", args: ["--generate-cli-skeleton"], sends: false },
  { name: "skeleton output", args: [...required, "--generate-cli-skeleton", "output"], sends: false },
];

describe.skipIf(version === undefined).concurrent(`iotmi create-ota-task matches ${version ?? "aws v2"}`, () => {
  const saved = { ...process.env };
  beforeAll(() => {
    Object.assign(process.env, env);
  });
  afterAll(() => {
    process.env = saved;
  });

  it.each(v2Cases.map((c) => [c.name, c] as const))("%s", async (_name, c: Case) => {
    const [aws, awsBody] = await withServer(c.response, (server) => runAws(server, c.args, binary, v2Env));
    const [mine, body] = await withServer(c.response, (server) => runIotmi(server, c.args));
    expect(mine.code).toBe(aws.code);
    if (c.sends === false) {
      expect(awsBody).toBeUndefined();
      expect(body).toBeUndefined();
      if (aws.code === 0) expect(JSON.parse(mine.stdout)).toEqual(JSON.parse(aws.stdout));
      return;
    }
    expect(mine.stderr).toBe("");
    expect(withoutGeneratedToken(body)).toEqual(withoutGeneratedToken(awsBody));
    expect(mine.stdout).toBe(aws.stdout);
  }, 60_000);

  it.each([
    [400, "ValidationException", "S3Url is not reachable"],
    [500, "InternalServerException", "try again"],
  ])("service error %i %s prints the same sentence and exit code", async (status, type, message) => {
    const response: CannedResponse = { status, headers: { "content-type": "application/json", "x-amzn-errortype": type }, body: JSON.stringify({ message }) };
    const [aws] = await withServer(response, (server) => runAws(server, required, binary, v2Env));
    const [mine] = await withServer(response, (server) => runIotmi(server, required));
    expect(mine.stderr).toBe(aws.stderr);
    expect(mine.code).toBe(aws.code);
  }, 60_000);
});
