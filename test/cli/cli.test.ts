// The CLI end to end in this process: argv → request on a real loopback capture server → printed output, with
// the fixture binding standing in for the generated client. Also every kind of error and its exit code.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startCaptureServer, type CaptureServer } from "./helpers/capture-server.js";
import { runInProcess } from "./helpers/run-in-process.js";

let server: CaptureServer;
let dir: string;
const saved = { ...process.env };

beforeAll(async () => {
  server = await startCaptureServer();
  dir = mkdtempSync(join(tmpdir(), "iotmi-cli-"));
  writeFileSync(join(dir, "empty"), "");
  process.env["AWS_ACCESS_KEY_ID"] = "AKIDEXAMPLE";
  process.env["AWS_SECRET_ACCESS_KEY"] = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
  process.env["AWS_CONFIG_FILE"] = join(dir, "empty");
  process.env["AWS_SHARED_CREDENTIALS_FILE"] = join(dir, "empty");
  process.env["AWS_EC2_METADATA_DISABLED"] = "true";
  delete process.env["AWS_PROFILE"];
});
afterAll(async () => {
  await server.close();
  process.env = saved;
});
beforeEach(() => {
  server.requests.length = 0;
  server.respond({ status: 201, headers: { "content-type": "application/json" }, body: JSON.stringify({ TaskId: "abc123", TaskArn: "arn:aws:iotmanagedintegrations:us-east-1:123456789012:ota-task/abc123", Description: "hello" }) });
});

const cmd = (...args: string[]): string[] => ["create-ota-task", "--endpoint-url", server.url, "--region", "us-east-1", ...args];
const lastBody = (): unknown => JSON.parse(server.requests.at(-1)!.body);

describe("requests", () => {
  it("sends every option kind in the body, in the SDK v3's order (required members first)", async () => {
    const r = await runInProcess(
      cmd(
        "--tags", "env=prod,team=iot",
        "--s3-url", "s3://bucket/key",
        "--ota-type", "CONTINUOUS",
        "--description", "nightly update",
        "--protocol", "HTTP",
        "--target", "thing-1", "thing-2",
        "--task-configuration-id", "cfg1",
        "--ota-mechanism", "PUSH",
        "--ota-target-query-string", "attributes.model:X",
        "--client-token", "tok-1",
        "--ota-scheduling-config", "EndBehavior=CANCEL,EndTime=2030-01-01T00:00:00Z,MaintenanceWindows=[{DurationInMinutes=60,StartTime=02:00}],StartTime=2029-01-01T00:00:00Z",
        "--ota-task-execution-retry-config", '{"RetryConfigCriteria":[{"FailureType":"ALL","MinNumberOfRetries":3}]}',
      ),
    );
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const request = server.requests.at(-1)!;
    expect(request.method).toBe("POST");
    expect(request.path).toBe("/ota-tasks");
    expect(request.headers["authorization"]).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/us-east-1\/iotmanagedintegrations\/aws4_request/);
    expect(request.body).toBe(
      JSON.stringify({
        S3Url: "s3://bucket/key",
        OtaType: "CONTINUOUS",
        Description: "nightly update",
        Protocol: "HTTP",
        Target: ["thing-1", "thing-2"],
        TaskConfigurationId: "cfg1",
        OtaMechanism: "PUSH",
        OtaTargetQueryString: "attributes.model:X",
        ClientToken: "tok-1",
        OtaSchedulingConfig: { EndBehavior: "CANCEL", EndTime: "2030-01-01T00:00:00Z", MaintenanceWindows: [{ DurationInMinutes: 60, StartTime: "02:00" }], StartTime: "2029-01-01T00:00:00Z" },
        OtaTaskExecutionRetryConfig: { RetryConfigCriteria: [{ FailureType: "ALL", MinNumberOfRetries: 3 }] },
        Tags: { env: "prod", team: "iot" },
      }),
    );
    expect(r.stdout).toBe(
      '{\n    "TaskId": "abc123",\n    "TaskArn": "arn:aws:iotmanagedintegrations:us-east-1:123456789012:ota-task/abc123",\n    "Description": "hello"\n}\n',
    );
  });

  it("accepts the service name before the operation and --name=value", async () => {
    const r = await runInProcess(["iot-managed-integrations", ...cmd("--s3-url=s3://b/k", "--ota-type=ONE_TIME", "--client-token=abc")]);
    expect(r.code).toBe(0);
    expect(lastBody()).toEqual({ S3Url: "s3://b/k", OtaType: "ONE_TIME", ClientToken: "abc" });
  });

  it("fills a UUID v4 client token when none is given", async () => {
    await runInProcess(cmd("--s3-url", "x", "--ota-type", "ONE_TIME"));
    expect((lastBody() as { ClientToken: string }).ClientToken).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it("reads file:// values and --cli-input-json, with command-line values winning", async () => {
    const input = join(dir, "input.json");
    writeFileSync(input, JSON.stringify({ S3Url: "from-file", OtaType: "ONE_TIME", Description: "file", ClientToken: "t" }));
    writeFileSync(join(dir, "tags.txt"), "k=v");
    const r = await runInProcess(cmd("--cli-input-json", `file://${input}`, "--description", "cli", "--tags", `file://${join(dir, "tags.txt")}`));
    expect(r.code).toBe(0);
    expect(lastBody()).toEqual({ Description: "cli", S3Url: "from-file", OtaType: "ONE_TIME", ClientToken: "t", Tags: { k: "v" } });
  });

  it("reads --cli-input-yaml", async () => {
    const r = await runInProcess(cmd("--cli-input-yaml", "S3Url: y\nOtaType: CONTINUOUS\nClientToken: t\nTarget:\n- a\n"));
    expect(r.code).toBe(0);
    expect(lastBody()).toEqual({ S3Url: "y", Target: ["a"], OtaType: "CONTINUOUS", ClientToken: "t" });
  });

  it("AWS_CLI_AUTO_PROMPT=on-partial asks only for missing required parameters", async () => {
    const r = await runInProcess(cmd("--s3-url", "s3://p/q", "--client-token", "t"), { env: { AWS_CLI_AUTO_PROMPT: "on-partial" }, stdin: "ONE_TIME\n" });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("--ota-type (required)");
    expect(r.stderr).not.toContain("--description");
    expect(lastBody()).toEqual({ S3Url: "s3://p/q", OtaType: "ONE_TIME", ClientToken: "t" });
  });

  it("prompts for parameters with --cli-auto-prompt, offering enum choices", async () => {
    // S3Url, then Description (skipped) ... OtaType picked by number.
    const answers = ["", "s3://p/q", "", "", "", "", "2", "", "", "", ""].join("\n");
    const r = await runInProcess(cmd("--cli-auto-prompt", "--client-token", "t"), { stdin: answers });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("1) ONE_TIME\n  2) CONTINUOUS");
    expect(lastBody()).toEqual({ S3Url: "s3://p/q", OtaType: "CONTINUOUS", ClientToken: "t" });
  });
});

describe("output", () => {
  it.each([
    ["text", "hello\tarn:aws:iotmanagedintegrations:us-east-1:123456789012:ota-task/abc123\tabc123\n"],
    ["yaml", "Description: hello\nTaskArn: arn:aws:iotmanagedintegrations:us-east-1:123456789012:ota-task/abc123\nTaskId: abc123\n"],
    ["yaml-stream", "- Description: hello\n  TaskArn: arn:aws:iotmanagedintegrations:us-east-1:123456789012:ota-task/abc123\n  TaskId: abc123\n"],
  ])("--output %s", async (format, expected) => {
    const r = await runInProcess(cmd("--s3-url", "x", "--ota-type", "ONE_TIME", "--output", format));
    expect(r.stdout).toBe(expected);
  });

  it("takes the format from AWS_DEFAULT_OUTPUT and applies --query first", async () => {
    const r = await runInProcess(cmd("--s3-url", "x", "--ota-type", "ONE_TIME", "--query", "TaskId"), { env: { AWS_DEFAULT_OUTPUT: "text" } });
    expect(r.stdout).toBe("abc123\n");
  });

  it("takes the format from the profile's output setting", async () => {
    const config = join(dir, "config-text");
    // An explicit profile must hold its own credentials (environment keys are not used then, as in the AWS CLI).
    writeFileSync(config, "[profile p1]\noutput = table\naws_access_key_id = AKIDP1\naws_secret_access_key = secret1\n");
    process.env["AWS_CONFIG_FILE"] = config;
    try {
      const r = await runInProcess(cmd("--s3-url", "x", "--ota-type", "ONE_TIME", "--profile", "p1"));
      expect(r.stdout.split("\n")[1]).toBe("|                                      CreateOtaTask                                     |");
      expect(server.requests.at(-1)!.headers["authorization"]).toContain("Credential=AKIDP1/");
    } finally {
      process.env["AWS_CONFIG_FILE"] = join(dir, "empty");
    }
  });

  it("--debug logs the signed request and the response with secrets and sensitive members redacted", async () => {
    process.env["AWS_SESSION_TOKEN"] = "SESSIONTOKENVALUE";
    let r: Awaited<ReturnType<typeof runInProcess>>;
    try {
      r = await runInProcess(cmd("--s3-url", "x", "--ota-type", "ONE_TIME", "--tags", "secret=hunter2", "--debug"));
    } finally {
      delete process.env["AWS_SESSION_TOKEN"];
    }
    expect(r.code).toBe(0);
    expect(server.requests.at(-1)!.headers["x-amz-security-token"]).toBe("SESSIONTOKENVALUE");
    expect(r.stderr).not.toContain("SESSIONTOKENVALUE");
    expect(r.stderr).toContain("Sending http request: POST http://127.0.0.1:");
    expect(r.stderr).toContain('"authorization":"***SensitiveInformation***"');
    expect(r.stderr).toContain('"Tags":"***SensitiveInformation***"');
    expect(r.stderr).toContain("Response status: 201");
    expect(r.stderr).not.toContain("hunter2");
    expect(r.stderr).not.toContain("wJalrXUtnFEMI");
    expect(server.requests.at(-1)!.body).toContain("hunter2");
  });

  it("--no-sign-request sends no authorization", async () => {
    const r = await runInProcess(cmd("--s3-url", "x", "--ota-type", "ONE_TIME", "--no-sign-request"));
    expect(r.code).toBe(0);
    expect(server.requests.at(-1)!.headers["authorization"]).toBeUndefined();
  });
});

describe("pager", () => {
  it("pipes output through AWS_PAGER when stdout is a terminal, unless --no-cli-pager", async () => {
    const paged = join(dir, "paged.txt");
    const pager = `cat > '${paged}'`;
    const tty = await runInProcess(cmd("--s3-url", "x", "--ota-type", "ONE_TIME", "--query", "TaskId"), { env: { AWS_PAGER: pager }, tty: true });
    expect(tty.code).toBe(0);
    expect(tty.stdout).toBe("");
    expect(readFileSync(paged, "utf8")).toBe('"abc123"\n');
    const off = await runInProcess(cmd("--s3-url", "x", "--ota-type", "ONE_TIME", "--query", "TaskId", "--no-cli-pager"), { env: { AWS_PAGER: pager }, tty: true });
    expect(off.stdout).toBe('"abc123"\n');
    const piped = await runInProcess(cmd("--s3-url", "x", "--ota-type", "ONE_TIME", "--query", "TaskId"), { env: { AWS_PAGER: pager } });
    expect(piped.stdout).toBe('"abc123"\n');
  });
});

describe("config file settings", () => {
  it("uses cli_pager from the profile when AWS_PAGER is unset", async () => {
    const paged = join(dir, "paged-config.txt");
    const config = join(dir, "config-pager");
    writeFileSync(config, `[default]\ncli_pager = cat > '${paged}'\n`);
    process.env["AWS_CONFIG_FILE"] = config;
    try {
      const r = await runInProcess(cmd("--s3-url", "x", "--ota-type", "ONE_TIME", "--query", "TaskArn", "--output", "text"), { env: {}, tty: true, keepPagerUnset: true });
      expect(r.stdout).toBe("");
      expect(readFileSync(paged, "utf8")).toBe("arn:aws:iotmanagedintegrations:us-east-1:123456789012:ota-task/abc123\n");
    } finally {
      process.env["AWS_CONFIG_FILE"] = join(dir, "empty");
    }
  });

  it("reports an unreadable --ca-bundle as one line, exit 255", async () => {
    // An https endpoint: the AWS CLI reads no bundle for a plain-HTTP one.
    const r = await runInProcess(["create-ota-task", "--endpoint-url", "https://127.0.0.1:1", "--region", "us-east-1", "--s3-url", "x", "--ota-type", "ONE_TIME", "--ca-bundle", join(dir, "missing.pem")]);
    expect(r.code).toBe(255);
    expect(r.stderr).toMatch(/^\nCould not read the CA bundle .*missing\.pem: ENOENT[^\n]*\n$/);
    expect(server.requests).toHaveLength(0);
  });
});

describe("skeletons", () => {
  it("input: empty values, first enum value, KeyName for maps", async () => {
    const r = await runInProcess(cmd("--generate-cli-skeleton"));
    expect(r.code).toBe(0);
    const skeleton = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(Object.keys(skeleton)).toEqual(["Description", "S3Url", "Protocol", "Target", "TaskConfigurationId", "OtaMechanism", "OtaType", "OtaTargetQueryString", "ClientToken", "OtaSchedulingConfig", "OtaTaskExecutionRetryConfig", "Tags"]);
    expect(skeleton["OtaType"]).toBe("ONE_TIME");
    expect(skeleton["Tags"]).toEqual({ KeyName: "" });
    expect(skeleton["OtaSchedulingConfig"]).toEqual({ EndBehavior: "STOP_ROLLOUT", EndTime: "", MaintenanceWindows: [{ DurationInMinutes: 0, StartTime: "" }], StartTime: "" });
    expect(server.requests).toHaveLength(0);
  });
  it("output: validates inputs and prints a sample response without sending", async () => {
    const r = await runInProcess(cmd("--s3-url", "x", "--ota-type", "ONE_TIME", "--generate-cli-skeleton", "output"));
    expect(r.stdout).toBe('{\n    "TaskId": "TaskId",\n    "TaskArn": "TaskArn",\n    "Description": "Description"\n}\n');
    const missing = await runInProcess(cmd("--generate-cli-skeleton", "output"));
    expect(missing.code).toBe(252);
    expect(server.requests).toHaveLength(0);
  });
  it("yaml-input round-trips through --cli-input-yaml", async () => {
    const skeleton = (await runInProcess(cmd("--generate-cli-skeleton", "yaml-input"))).stdout;
    expect(skeleton).toMatch(/^OtaType: ONE_TIME # \[REQUIRED\] .* Valid values are: ONE_TIME, CONTINUOUS\.$/m);
    const { parse } = await import("yaml");
    expect(parse(skeleton)).toEqual(JSON.parse((await runInProcess(cmd("--generate-cli-skeleton"))).stdout));
  });
});

describe("errors and exit codes", () => {
  const usage = "\nusage: iotmi [options] <command> <subcommand> [<subcommand> ...] [parameters]\nTo see help text, you can run:\n\n  iotmi help\n  iotmi <command> help\n  iotmi <command> <subcommand> help\n\n";
  it.each([
    [["--s3-url", "x"], 252, `${usage}iotmi: error: the following arguments are required: --ota-type\n\n`],
    [["--s3-url", "x", "--ota-type", "ONE_TIME", "--bogus", "1"], 252, `${usage}Unknown options: --bogus, 1\n\n`],
    [["--s3-url", "x", "--ota-type", "ONCE"], 252, "\nParameter validation failed:\nOtaType: must be one of ONE_TIME, CONTINUOUS; got \"ONCE\"\n"],
    [["--s3-url", "x", "--ota-type", "ONE_TIME", "--ota-scheduling-config", "EndBehavior=a,b"], 252, "\nParameter validation failed:\nInvalid type for parameter OtaSchedulingConfig.EndBehavior, value: ['a', 'b'], type: <class 'list'>, valid types: <class 'str'>\n"],
    // A deliberate difference from the AWS CLI: neither the key nor the value of the sensitive Tags map is echoed.
    [["--s3-url", "x", "--ota-type", "ONE_TIME", "--tags", "a=b,c"], 252, "\nParameter validation failed:\nInvalid type for parameter Tags.***SensitiveInformation***, value: ***SensitiveInformation***, type: <class 'list'>, valid types: <class 'str'>\n"],
    [
      ["--s3-url", "x", "--ota-type", "ONE_TIME", "--ota-scheduling-config", "Foo=1,EndBehavior=NOPE"],
      252,
      "\nParameter validation failed:\nUnknown parameter in OtaSchedulingConfig: \"Foo\", must be one of: EndBehavior, EndTime, MaintenanceWindows, StartTime\n",
    ],
    [["--s3-url", "x", "--ota-type", "ONE_TIME", "--ota-scheduling-config", "a=[b"], 252, "\nError parsing parameter '--ota-scheduling-config': Expected: ',', received: 'EOF' for input:\na=[b\n    ^\n"],
    [["--s3-url", "x", "--ota-type", "ONE_TIME", "--output", "xml"], 252, `${usage}iotmi: error: argument --output: Invalid choice, valid choices are:\n\n${"json".padEnd(40)} | ${"text".padEnd(40)}\n${"table".padEnd(40)} | ${"yaml".padEnd(40)}\n${"yaml-stream".padEnd(40)}\n\n`],
    [["--s3-url", "x", "--ota-type", "ONE_TIME", "--query", "["], 252, '\nBad value for --query [: Invalid jmespath expression: Incomplete expression:\n"["\n  ^\n'],
    [["--s3-url", "x", "--ota-type", "ONE_TIME", "--endpoint-url", "127.0.0.1:9"], 252, '\nBad value for --endpoint-url "127.0.0.1:9": scheme is missing.  Must be of the form http://<hostname>/ or https://<hostname>/\n'],
    // Python reads `localhost:9` as scheme "localhost" with no host: past the AWS CLI's check, refused by botocore's.
    [["--s3-url", "x", "--ota-type", "ONE_TIME", "--endpoint-url", "localhost:9"], 255, "\nInvalid endpoint: localhost:9\n"],
    [["--s3-url", "x", "--ota-type", "ONE_TIME", "--endpoint-url", "http://"], 255, "\nInvalid endpoint: http://\n"],
    [["--cli-input-json", "{}", "--cli-input-yaml", "a: 1"], 252, "\nOnly one --cli-input- parameter may be specified.\n"],
    [["--cli-input-json", '{"S3Url":1}'], 252, '\nParameter validation failed:\nMissing required parameter in input: "OtaType"\nInvalid type for parameter S3Url, value: 1, type: <class \'int\'>, valid types: <class \'str\'>\n'],
    [["--s3-url", "file:///nonexistent/x", "--ota-type", "ONE_TIME"], 252, "\nError parsing parameter '--s3-url': Unable to load paramfile file:///nonexistent/x: [Errno 2] No such file or directory: '/nonexistent/x'\n"],
  ])("%j → %i", async (args, code, stderr) => {
    const r = await runInProcess(cmd(...args));
    expect(r.stderr).toBe(stderr);
    expect(r.code).toBe(code);
    expect(r.stdout).toBe("");
    expect(server.requests).toHaveLength(0);
  });

  it("reports every stricter violation together, sending nothing", async () => {
    const r = await runInProcess(
      cmd("--s3-url", "x", "--ota-type", "WEEKLY", "--description", "bad!", "--ota-scheduling-config", "MaintenanceWindows=[{DurationInMinutes=6000}]"),
    );
    expect(r.code).toBe(252);
    expect(r.stderr).toContain('OtaType: must be one of ONE_TIME, CONTINUOUS; got "WEEKLY"\n');
    expect(r.stderr).toContain("Description: must match the pattern ^[0-9A-Za-z_\\- ]+$; got \"bad!\"\n");
    expect(r.stderr).toContain("OtaSchedulingConfig.MaintenanceWindows[0].DurationInMinutes: must be between 1 and 1430; got 6000\n");
    expect(server.requests).toHaveLength(0);
  });

  it("reports the AWS CLI's checks alone when they fail, in its words", async () => {
    const r = await runInProcess(cmd("--s3-url", "", "--ota-type", "WEEKLY", "--tags", '{"": "v"}', "--ota-scheduling-config", '{"MaintenanceWindows": {"DurationInMinutes": 0}}'));
    expect(r.code).toBe(252);
    expect(r.stderr).toBe(
      "\nParameter validation failed:\n" +
        "Invalid length for parameter S3Url, value: 0, valid min length: 1\n" +
        "Invalid type for parameter OtaSchedulingConfig.MaintenanceWindows, value: OrderedDict([('DurationInMinutes', 0)]), type: <class 'collections.OrderedDict'>, valid types: <class 'list'>, <class 'tuple'>\n" +
        "Invalid length for parameter Tags (key: ***SensitiveInformation***), value: 0, valid min length: 1\n",
    );
    expect(server.requests).toHaveLength(0);
  });

  it("service error → 254 with the AWS CLI's sentence", async () => {
    server.respond({ status: 409, headers: { "content-type": "application/json", "x-amzn-errortype": "ConflictException" }, body: JSON.stringify({ message: "already exists" }) });
    const r = await runInProcess(cmd("--s3-url", "x", "--ota-type", "ONE_TIME"));
    expect(r.code).toBe(254);
    expect(r.stderr).toBe("\nAn error occurred (ConflictException) when calling the CreateOtaTask operation: already exists\n");
  });

  it("connection refused → 255, no stack trace", async () => {
    const r = await runInProcess(["create-ota-task", "--endpoint-url", "http://127.0.0.1:1", "--region", "us-east-1", "--s3-url", "x", "--ota-type", "ONE_TIME"]);
    expect(r.code).toBe(255);
    expect(r.stderr).toBe('\nCould not connect to the endpoint URL: "http://127.0.0.1:1/ota-tasks"\n');
  });

  it("a server that never answers hits --cli-read-timeout → 255", async () => {
    const hanging = http.createServer(() => undefined);
    await new Promise<void>((resolve) => hanging.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(hanging.address() as AddressInfo).port}`;
    try {
      const r = await runInProcess(["create-ota-task", "--endpoint-url", url, "--region", "us-east-1", "--s3-url", "x", "--ota-type", "ONE_TIME", "--cli-read-timeout", "1"]);
      expect(r.code).toBe(255);
      expect(r.stderr).toBe(`\nRead timeout on endpoint URL: "${url}/ota-tasks"\n`);
    } finally {
      hanging.closeAllConnections();
      hanging.close();
    }
  });

  it("missing region or credentials → 253", async () => {
    const noRegion = await runInProcess(["create-ota-task", "--endpoint-url", server.url, "--s3-url", "x", "--ota-type", "ONE_TIME"]);
    expect(noRegion.code).toBe(253);
    expect(noRegion.stderr).toMatch(/^\nYou must specify a region/);
    const keys = process.env["AWS_ACCESS_KEY_ID"];
    delete process.env["AWS_ACCESS_KEY_ID"];
    try {
      const noCreds = await runInProcess(cmd("--s3-url", "x", "--ota-type", "ONE_TIME"));
      expect(noCreds.code).toBe(253);
      expect(noCreds.stderr).toMatch(/^\nUnable to locate credentials/);
    } finally {
      process.env["AWS_ACCESS_KEY_ID"] = keys;
    }
  });

  it("unknown command → 252", async () => {
    const r = await runInProcess(["create-ota-tasks"]);
    expect(r.code).toBe(252);
    expect(r.stderr).toContain("argument operation: Invalid choice");
    expect(r.stderr).toContain("\n\nInvalid choice: 'create-ota-tasks', maybe you meant:\n\n  * create-ota-task\n\n");
  });
});

describe("serve", () => {
  it("passes everything after `serve` to the emulator's command", async () => {
    const help = await runInProcess(["serve", "--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^usage: iotmi serve /);
    const bad = await runInProcess(["serve", "--bogus"]);
    expect(bad.code).toBe(252);
  });
});

describe("help and version", () => {
  it("--version prints iotmi/<version>", async () => {
    const r = await runInProcess(["--version"]);
    expect(r.stdout).toMatch(/^iotmi\/\d+\.\d+\.\d+ Node\.js\/\d+\.\d+\.\d+ \S+\/\S+ \S+\n$/);
  });
  it.each([[["create-ota-task", "help"]], [["create-ota-task", "--help"]], [["iot-managed-integrations", "create-ota-task", "help"]]])("%j prints the page", async (argv) => {
    const r = await runInProcess(argv);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("NAME\n       create-ota-task -");
  });
  it("help lists the commands", async () => {
    const r = await runInProcess(["help"]);
    expect(r.stdout).toMatch(/\n {3}create-ota-task\n {6}\S/);
    expect(r.stdout).toContain("\n   serve\n");
  });
});

describe("shared configuration (AWS CLI v2 behaviour)", () => {
  it("refuses a profile that does not exist, from --profile or AWS_PROFILE, with exit 255", async () => {
    const named = await runInProcess(cmd("--s3-url", "x", "--ota-type", "ONE_TIME", "--profile", "nope"));
    expect(named.stderr).toBe("\nThe config profile (nope) could not be found\n");
    expect(named.code).toBe(255);
    process.env["AWS_PROFILE"] = "also-missing";
    try {
      const fromEnv = await runInProcess(cmd("--s3-url", "x", "--ota-type", "ONE_TIME"));
      expect(fromEnv.stderr).toBe("\nThe config profile (also-missing) could not be found\n");
      expect(fromEnv.code).toBe(255);
    } finally {
      delete process.env["AWS_PROFILE"];
    }
    expect(server.requests).toHaveLength(0);
  });

  it("with parameter_validation = false sends a value the model does not know (the service decides)", async () => {
    const config = join(dir, "config-novalidation");
    writeFileSync(config, "[profile loose]\nparameter_validation = false\naws_access_key_id = AKIDL\naws_secret_access_key = secretL\n[profile strict]\naws_access_key_id = AKIDS\naws_secret_access_key = secretS\n");
    process.env["AWS_CONFIG_FILE"] = config;
    try {
      const strict = await runInProcess(cmd("--s3-url", "x", "--ota-type", "NEXT_GEN_TYPE", "--profile", "strict"));
      expect(strict.code).toBe(252);
      expect(strict.stderr).toContain('OtaType: must be one of ONE_TIME, CONTINUOUS; got "NEXT_GEN_TYPE"');
      const loose = await runInProcess(cmd("--s3-url", "x", "--ota-type", "NEXT_GEN_TYPE", "--profile", "loose"));
      expect(loose.stderr).toBe("");
      expect(loose.code).toBe(0);
      expect(lastBody()).toMatchObject({ OtaType: "NEXT_GEN_TYPE" });
      // Types are still checked: a value that cannot be sent is refused even then.
      const wrongType = await runInProcess(cmd("--cli-input-json", '{"S3Url":5,"OtaType":"ONE_TIME"}', "--profile", "loose"));
      expect(wrongType.stderr).toContain("Invalid type for parameter S3Url, value: 5");
      expect(wrongType.code).toBe(252);
    } finally {
      process.env["AWS_CONFIG_FILE"] = join(dir, "empty");
    }
  });
});
