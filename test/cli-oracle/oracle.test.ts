// The AWS CLI v1 as the oracle: for each argv case, run the real `aws` (v1 knows this service natively) and
// iotmi against loopback capture servers, and require the same request body (as JSON) and, for the formats
// both define (json, text, table), the same stdout. Cases that fail before sending must fail in both.
// Skips with a message when `aws` is not on PATH, so `npm test` passes without it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { awsVersion, cases, env, required, runAws, runIotmi, withServer, withoutGeneratedToken, type Case } from "./cases.js";
import type { CannedResponse } from "../cli/helpers/capture-server.js";

const version = awsVersion("aws");
if (version === undefined) console.warn("test/cli-oracle: `aws` is not on PATH; skipping the AWS CLI oracle comparisons.");

describe.skipIf(version === undefined).concurrent(`iotmi create-ota-task matches ${version ?? "aws"}`, () => {
  const saved = { ...process.env };
  beforeAll(() => {
    // The runtime reads credentials and config files from the process environment.
    Object.assign(process.env, env);
  });
  afterAll(() => {
    process.env = saved;
  });

  it.each(cases.map((c) => [c.name, c] as const))("%s", async (_name, c: Case) => {
    const [aws, awsBody] = await withServer(c.response, (server) => runAws(server, c.args));
    const [mine, body] = await withServer(c.response, (server) => runIotmi(server, c.args));
    if (c.sends === false) {
      expect(awsBody, `aws sent a request: ${aws.stderr}`).toBeUndefined();
      expect(body).toBeUndefined();
      expect(aws.code).not.toBe(0);
      expect(mine.code).toBe(252);
      expect(mine.stdout).toBe("");
      return;
    }
    expect(aws.code, aws.stderr).toBe(0);
    expect(mine.stderr).toBe("");
    expect(mine.code).toBe(0);
    expect(withoutGeneratedToken(body)).toEqual(withoutGeneratedToken(awsBody));
    expect(mine.stdout).toBe(aws.stdout);
  }, 60_000);

  it("service errors print the same sentence", async () => {
    const response: CannedResponse = {
      status: 400,
      headers: { "content-type": "application/json", "x-amzn-errortype": "ValidationException" },
      body: JSON.stringify({ message: "S3Url is not reachable" }),
    };
    const [aws] = await withServer(response, (server) => runAws(server, required));
    const [mine] = await withServer(response, (server) => runIotmi(server, required));
    expect(mine.code).toBe(254);
    expect(mine.stderr).toBe(aws.stderr);
  }, 60_000);
});
