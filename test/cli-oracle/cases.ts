/**
 * The argv cases the AWS CLI oracle suites replay, and the helpers that run the real `aws` and iotmi against
 * loopback capture servers.
 */
import { execFile, execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startCaptureServer, type CannedResponse, type CaptureServer } from "../cli/helpers/capture-server.js";
import { cliBinding } from "../cli/helpers/binding.js";
import { runInProcess } from "../cli/helpers/run-in-process.js";

/** `aws --version` of `binary`, or undefined when it cannot run. */
export function awsVersion(binary: string, extraEnv: Record<string, string> = {}): string | undefined {
  try {
    return execFileSync(binary, ["--version"], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, AWS_PAGER: "", ...extraEnv } }).trim();
  } catch {
    return undefined;
  }
}

const dir = mkdtempSync(join(tmpdir(), "iotmi-oracle-"));
writeFileSync(join(dir, "empty"), "");
writeFileSync(join(dir, "description.txt"), "from a file");
writeFileSync(join(dir, "input.json"), JSON.stringify({ S3Url: "s3://from/input", OtaType: "ONE_TIME", Description: "input", ClientToken: "tok" }));
writeFileSync(join(dir, "sched.json"), JSON.stringify({ EndBehavior: "FORCE_CANCEL", MaintenanceWindows: [{ DurationInMinutes: 30 }] }));

export const env: Record<string, string> = {
  AWS_ACCESS_KEY_ID: "AKIDEXAMPLE",
  AWS_SECRET_ACCESS_KEY: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
  AWS_CONFIG_FILE: join(dir, "empty"),
  AWS_SHARED_CREDENTIALS_FILE: join(dir, "empty"),
  AWS_PAGER: "",
  AWS_EC2_METADATA_DISABLED: "true",
};

export interface Case {
  readonly name: string;
  readonly args: readonly string[];
  /** Whether the request is expected (false: both must refuse before sending). */
  readonly sends?: boolean;
  readonly response?: CannedResponse;
}

export const required = ["--s3-url", "s3://bucket/fw.bin", "--ota-type", "ONE_TIME", "--client-token", "tok-1"];
export const richResponse: CannedResponse = {
  status: 201,
  headers: { "content-type": "application/json" },
  body: JSON.stringify({ TaskId: "t9", TaskArn: "arn:aws:iotmanagedintegrations:eu-west-1:111122223333:ota-task/t9", Description: "Ünïcödé 漢字 task" }),
};

export const cases: Case[] = [
  { name: "required only", args: required },
  { name: "generated client token", args: ["--s3-url", "x", "--ota-type", "CONTINUOUS"] },
  {
    name: "every scalar option",
    args: [...required, "--description", "nightly update", "--protocol", "HTTP", "--task-configuration-id", "cfg1", "--ota-mechanism", "PUSH", "--ota-target-query-string", "attributes.model:X"],
  },
  { name: "list: values after one flag", args: [...required, "--target", "a", "b", "c"] },
  { name: "list: commas are not separators", args: [...required, "--target", "a,b", "c"] },
  { name: "list: JSON", args: [...required, "--target", '["x", "y"]'] },
  { name: "map: shorthand", args: [...required, "--tags", "env=prod,team=iot"] },
  { name: "map: JSON", args: [...required, "--tags", '{"env": "prod", "k": "v w"}'] },
  { name: "map: quoted values", args: [...required, "--tags", "a=\"x,y\",b='p q',c=\"say \\\"hi\\\"\""] },
  { name: "map: escaped comma", args: [...required, "--tags", "a=x\\,y,b=z"] },
  { name: "map: value with =", args: [...required, "--tags", "a=b=c"] },
  { name: "map: unicode", args: [...required, "--tags", "k=é漢字"] },
  { name: "map: key characters", args: [...required, "--tags", "aws:k.1/x#y-z_w=v"] },
  { name: "map: whitespace around tokens", args: [...required, "--tags", "a = b , c = d"] },
  {
    name: "structure: full shorthand",
    args: [...required, "--ota-scheduling-config", "EndBehavior=CANCEL,EndTime=2030-01-01T00:00:00Z,MaintenanceWindows=[{DurationInMinutes=60,StartTime=02:00},{DurationInMinutes=30,StartTime=\"3,4\"}],StartTime=2029-01-01"],
  },
  // A lone item where a list is expected becomes a one-item list. (The AWS CLI then leaves its integers
  // untyped and refuses `MaintenanceWindows={DurationInMinutes=5}`; iotmi types them: see shorthand.test.ts.)
  { name: "structure: single item for a list member", args: [...required, "--ota-scheduling-config", "MaintenanceWindows={StartTime=02:00}"] },
  { name: "structure: empty list", args: [...required, "--ota-scheduling-config", "MaintenanceWindows=[]"] },
  { name: "structure: nested shorthand", args: [...required, "--ota-task-execution-retry-config", "RetryConfigCriteria=[{FailureType=ALL,MinNumberOfRetries=3},{FailureType=TIMED_OUT,MinNumberOfRetries=0}]"] },
  { name: "structure: JSON", args: [...required, "--ota-task-execution-retry-config", '{"RetryConfigCriteria": [{"FailureType": "FAILED", "MinNumberOfRetries": 10}]}'] },
  { name: "structure: file://", args: [...required, "--ota-scheduling-config", `file://${join(dir, "sched.json")}`] },
  { name: "string: file://", args: [...required, "--description", `file://${join(dir, "description.txt")}`] },
  { name: "--name=value", args: ["--s3-url=s3://b/k", "--ota-type=ONE_TIME", "--client-token=t"] },
  { name: "repeated option: last wins", args: [...required, "--description", "first", "--description", "second"] },
  { name: "--cli-input-json with override", args: ["--cli-input-json", `file://${join(dir, "input.json")}`, "--description", "override"] },
  { name: "output text", args: [...required, "--output", "text"] },
  { name: "output table", args: [...required, "--output", "table"] },
  { name: "output table, wide characters", args: [...required, "--output", "table"], response: richResponse },
  { name: "output text, wide characters", args: [...required, "--output", "text"], response: richResponse },
  { name: "output json, non-ASCII", args: [...required], response: richResponse },
  { name: "query scalar", args: [...required, "--query", "TaskId"] },
  { name: "query list, text", args: [...required, "--query", "[TaskId,TaskArn]", "--output", "text"] },
  { name: "query hash, table", args: [...required, "--query", "{id:TaskId,arn:TaskArn,n:`[1,2]`}", "--output", "table"] },
  { name: "query miss, json", args: [...required, "--query", "Nope"] },
  { name: "query miss, text", args: [...required, "--query", "Nope", "--output", "text"] },
  { name: "missing required option", args: ["--s3-url", "x"], sends: false },
  { name: "unknown option", args: [...required, "--bogus", "1"], sends: false },
  { name: "malformed shorthand", args: [...required, "--tags", "a=[b"], sends: false },
  { name: "malformed JSON", args: [...required, "--tags", '{"a":'], sends: false },
  // Not in the sensitive Tags map, whose keys and values iotmi deliberately does not echo.
  { name: "list where a string is expected", args: [...required, "--ota-scheduling-config", "EndBehavior=a,b"], sends: false },
  { name: "unknown structure key", args: [...required, "--ota-scheduling-config", "Foo=1"], sends: false },
  { name: "duplicate shorthand key", args: [...required, "--tags", "a=b,a=c"], sends: false },
];

export interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `binary iot-managed-integrations create-ota-task` against `server`. */
export function runAws(server: CaptureServer, args: readonly string[], binary = "aws", extraEnv: Record<string, string> = {}): Promise<Run> {
  const argv = ["iot-managed-integrations", "create-ota-task", "--endpoint-url", server.url, "--region", "us-east-1", ...args];
  return new Promise((resolve) => {
    execFile(binary, argv, { env: { ...process.env, ...env, ...extraEnv }, encoding: "utf8" }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === "number" ? error.code : 255;
      resolve({ code, stdout, stderr });
    });
  });
}

/** Runs `fn` against a fresh capture server; returns its result and the first request body (JSON). */
export async function withServer<T>(response: CannedResponse | undefined, fn: (server: CaptureServer) => Promise<T>): Promise<[T, unknown]> {
  const server = await startCaptureServer();
  if (response !== undefined) server.respond(response);
  try {
    const result = await fn(server);
    const body = server.requests.length === 0 ? undefined : (JSON.parse(server.requests[0]!.body) as unknown);
    return [result, body];
  } finally {
    await server.close();
  }
}

/** Both sides' token differs when neither gave one; compare the rest and the token's shape. */
export function withoutGeneratedToken(body: unknown): unknown {
  if (body === null || typeof body !== "object") return body;
  const { ClientToken, ...rest } = body as Record<string, unknown>;
  return typeof ClientToken === "string" && /^[0-9a-f-]{36}$/.test(ClientToken) ? { ...rest, ClientToken: "<uuid>" } : body;
}

/** Runs iotmi in this process against `server`, with the same environment as `aws`. */
export async function runIotmi(server: CaptureServer, args: readonly string[]): Promise<Run> {
  return runInProcess(["create-ota-task", "--endpoint-url", server.url, "--region", "us-east-1", ...args], { binding: await cliBinding(), env });
}
