// Failures the AWS CLI v2 words in its own way, over real loopback servers: a connection reset after the request
// was sent, an HTML 502 from a proxy, an invalid region, an endpoint with an unsupported scheme or no valid host, --ca-bundle with a
// plain-HTTP endpoint. Expected text is the AWS CLI v2's (2.9); with IOTMI_AWSCLI_V2 / IOTMI_AWSCLI_V2_DATA set,
// each case is also run through the real `aws` and compared byte for byte.
import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runInProcess, type RunResult } from "./helpers/run-in-process.js";

const dir = mkdtempSync(join(tmpdir(), "iotmi-cli-v2-"));
writeFileSync(join(dir, "empty"), "");
const env: Record<string, string> = {
  AWS_ACCESS_KEY_ID: "AKIDEXAMPLE",
  AWS_SECRET_ACCESS_KEY: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
  AWS_CONFIG_FILE: join(dir, "empty"),
  AWS_SHARED_CREDENTIALS_FILE: join(dir, "empty"),
  AWS_EC2_METADATA_DISABLED: "true",
  AWS_PAGER: "",
};
const awsBinary = process.env["IOTMI_AWSCLI_V2"];
const awsData = process.env["IOTMI_AWSCLI_V2_DATA"];

type Behaviour = "reset" | "html-502" | "ok";
let servers: Record<Behaviour, { url: string; requests: number; close: () => void }>;

function serve(behaviour: Behaviour): Promise<{ url: string; requests: number; close: () => void }> {
  const state = { url: "", requests: 0, close: () => undefined as void };
  const server = http.createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      state.requests++;
      if (behaviour === "reset") req.socket.resetAndDestroy();
      else if (behaviour === "html-502") {
        res.writeHead(502, { "content-type": "text/html" });
        res.end("<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>\n");
      } else {
        res.writeHead(201, { "content-type": "application/json" });
        res.end(JSON.stringify({ TaskId: "t1", TaskArn: "arn:aws:iotmanagedintegrations:us-east-1:123456789012:ota-task/t1" }));
      }
    });
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => {
      state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      state.close = () => {
        server.closeAllConnections();
        server.close();
      };
      resolve(state);
    }),
  );
}

// The client's credential chain reads the process environment.
const saved = { ...process.env };
beforeAll(async () => {
  Object.assign(process.env, env);
  servers = { reset: await serve("reset"), "html-502": await serve("html-502"), ok: await serve("ok") };
});
afterAll(() => {
  process.env = saved;
  for (const s of Object.values(servers)) s.close();
});

const op = ["create-ota-task", "--s3-url", "s3://b/fw.bin", "--ota-type", "ONE_TIME", "--client-token", "tok-1"];

function runAws(args: readonly string[]): Promise<RunResult> {
  return new Promise((resolve) => {
    execFile(awsBinary!, ["iot-managed-integrations", ...args], { env: { ...process.env, ...env, AWS_DATA_PATH: awsData! }, encoding: "utf8" }, (error, stdout, stderr) => {
      resolve({ code: error === null ? 0 : typeof error.code === "number" ? error.code : 255, stdout, stderr });
    });
  });
}

const cases: [string, (urls: typeof servers) => string[], number, (urls: typeof servers) => string][] = [
  [
    "connection reset after the request was sent",
    (s) => [...op, "--endpoint-url", s.reset.url, "--region", "us-east-1"],
    255,
    (s) => `\nConnection was closed before we received a valid response from endpoint URL: "${s.reset.url}/ota-tasks".\n`,
  ],
  [
    "an HTML 502 from a proxy",
    (s) => [...op, "--endpoint-url", s["html-502"].url, "--region", "us-east-1"],
    254,
    () => "\nAn error occurred (502) when calling the CreateOtaTask operation (reached max retries: 2): Bad Gateway\n",
  ],
  [
    "a region that is not a host label",
    (s) => [...op, "--endpoint-url", s.ok.url, "--region", "us east 1!"],
    255,
    () => "\nProvided region_name 'us east 1!' doesn't match a supported format.\n",
  ],
  [
    "an endpoint with an ftp:// scheme",
    (s) => [...op, "--endpoint-url", s.ok.url.replace("http:", "ftp:"), "--region", "us-east-1"],
    255,
    () => "\nAn HTTP Client raised an unhandled exception: Not supported URL scheme ftp\n",
  ],
  [
    "an endpoint without // (localhost:9: scheme localhost, no host)",
    () => [...op, "--endpoint-url", "localhost:9", "--region", "us-east-1"],
    255,
    () => "\nInvalid endpoint: localhost:9\n",
  ],
  [
    "an endpoint whose host is not DNS labels",
    (s) => [...op, "--endpoint-url", s.ok.url.replace("127.0.0.1", "a_b"), "--region", "us-east-1"],
    255,
    (s) => `\nInvalid endpoint: ${s.ok.url.replace("127.0.0.1", "a_b")}\n`,
  ],
];

describe("AWS CLI v2 wording", () => {
  it.each(cases)("%s", async (_name, args, code, stderr) => {
    const r = await runInProcess(args(servers), { env });
    expect(r.stderr).toBe(stderr(servers));
    expect(r.code).toBe(code);
    expect(r.stdout).toBe("");
  }, 60_000);

  it("--ca-bundle is not read for a plain-HTTP endpoint", async () => {
    const r = await runInProcess([...op, "--endpoint-url", servers.ok.url, "--region", "us-east-1", "--ca-bundle", join(dir, "missing.pem")], { env });
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toHaveProperty("TaskId", "t1");
  });

  it("the reset case really reached the server (the task may exist)", async () => {
    const before = servers.reset.requests;
    await runInProcess(cases[0]![1](servers), { env });
    expect(servers.reset.requests).toBeGreaterThan(before);
  }, 60_000);

  describe.skipIf(awsBinary === undefined || awsData === undefined)("against the real aws", () => {
    it.each(cases)("%s", async (_name, args) => {
      const [mine, aws] = await Promise.all([runInProcess(args(servers), { env }), runAws(args(servers))]);
      expect(mine.stderr).toBe(aws.stderr);
      expect(mine.code).toBe(aws.code);
    }, 60_000);
  });
});
