/**
 * The recorded-oracle matrix: argv, files, config, environment and server replies that the AWS CLI v2 and
 * iotmi both run (see matrix.test.ts). Every option, each shorthand form, input documents, skeletons, output
 * formats, queries, exit codes, service errors with and without retries, configuration errors and help.
 */
import type { CannedResponse } from "../cli/helpers/capture-server.js";
import type { MatrixCase } from "./harness.js";

const EP = ["--endpoint-url", "@URL@", "--region", "us-east-1"];
const OP = "create-ota-task";
const REQUIRED = ["--s3-url", "s3://bucket/fw.bin", "--ota-type", "ONE_TIME", "--client-token", "tok-1"];

/** `create-ota-task` against the capture server with the required options and `extra`. */
function create(extra: readonly string[] = []): string[] {
  return [OP, ...EP, ...REQUIRED, ...extra];
}

/** `create-ota-task` against the capture server with only `args`. */
function bare(args: readonly string[]): string[] {
  return [OP, ...EP, ...args];
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}): CannedResponse => ({
  status,
  headers: { "content-type": "application/json", ...headers },
  body: typeof body === "string" ? body : JSON.stringify(body),
});

const rich = json(201, {
  TaskId: "t9",
  TaskArn: "arn:aws:iotmanagedintegrations:eu-west-1:111122223333:ota-task/t9",
  Description: "Ünïcödé 漢字 task",
});
const emptyOutput = json(201, {});
const serviceError = (status: number, type: string | undefined, body: unknown): CannedResponse =>
  json(status, body, type === undefined ? {} : { "x-amzn-errortype": type });

const SCHED_JSON = JSON.stringify({ EndBehavior: "FORCE_CANCEL", MaintenanceWindows: [{ DurationInMinutes: 30, StartTime: "01:00" }] });
const INPUT_JSON = JSON.stringify({ S3Url: "s3://from/input", OtaType: "ONE_TIME", Description: "input", ClientToken: "tok" });

const success: MatrixCase[] = [
  { name: "required only", args: create() },
  { name: "generated client token", args: bare(["--s3-url", "x", "--ota-type", "CONTINUOUS"]) },
  {
    name: "every scalar option",
    args: create(["--description", "nightly update", "--protocol", "HTTP", "--task-configuration-id", "cfg1", "--ota-mechanism", "PUSH", "--ota-target-query-string", "attributes.model:X"]),
  },
  { name: "options before the command words", args: [...EP, OP, ...REQUIRED] },
  { name: "--name=value", args: bare(["--s3-url=s3://b/k", "--ota-type=ONE_TIME", "--client-token=t"]) },
  { name: "repeated option: last wins", args: create(["--description", "first", "--description", "second"]) },
  { name: "value that starts with a dash via =", args: create(["--description=-starts-with-dash"]) },
  { name: "empty description sends? (min length 1)", args: create(["--description", ""]) },
  { name: "string: file://", args: create(["--description", "file://@DIR@/description.txt"]), files: { "description.txt": "from a file" } },
  { name: "string: file:// keeps the newline", args: create(["--description", "file://@DIR@/d.txt"]), files: { "d.txt": "line\n" } },
  { name: "string: fileb:// is bytes", args: create(["--description", "fileb://@DIR@/d.bin"]), files: { "d.bin": "abc" } },
  { name: "string: file:// missing", args: create(["--description", "file://@DIR@/nope.txt"]) },
  { name: "string: file:// with ~", args: create(["--description", "file://~/home.txt"]), files: { "home.txt": "from home" } },
  { name: "string: http:// is a plain value", args: create(["--description", "http://example.com/x"]) },
  { name: "string: JSON-looking value", args: create(["--description", '{"a": 1}']) },
  { name: "string: brackets", args: create(["--description", "[x]"]) },
  { name: "string: unicode", args: create(["--description", "Ünïcödé 漢字"]) },
  { name: "enum value outside the model (aws sends)", args: create(["--protocol", "FTP"]) },
  { name: "max length exceeded (aws sends)", args: create(["--description", "x".repeat(300)]) },
  { name: "pattern mismatch (aws sends)", args: create(["--task-configuration-id", "has space"]) },
  { name: "--no-sign-request", args: create(["--no-sign-request"]) },
  { name: "--no-paginate is accepted", args: create(["--no-paginate"]) },
  { name: "--no-verify-ssl over http", args: create(["--no-verify-ssl"]) },
  { name: "--color off", args: create(["--color", "off", "--output", "table"]) },
  { name: "--cli-read-timeout and connect timeout", args: create(["--cli-read-timeout", "5", "--cli-connect-timeout", "5"]) },
  { name: "--cli-binary-format raw-in-base64-out", args: create(["--cli-binary-format", "raw-in-base64-out"]) },
  { name: "--no-cli-pager", args: create(["--no-cli-pager"]) },
  { name: "--no-cli-auto-prompt", args: create(["--no-cli-auto-prompt"]) },
];

const lists: MatrixCase[] = [
  { name: "list: values after one flag", args: create(["--target", "a", "b", "c"]) },
  { name: "list: commas are not separators", args: create(["--target", "a,b", "c"]) },
  { name: "list: JSON", args: create(["--target", '["x", "y"]']) },
  { name: "list: JSON with spaces before", args: create(["--target", '  ["x"]']) },
  { name: "list: --target=value", args: create(["--target=a"]) },
  { name: "list: no value sends an empty list", args: create(["--target"]) },
  { name: "list: no value then another option", args: create(["--target", "--description", "d"]) },
  { name: "list: file:// JSON", args: create(["--target", "file://@DIR@/t.json"]), files: { "t.json": '["f1","f2"]' } },
  { name: "list: file:// plain word", args: create(["--target", "file://@DIR@/t.txt"]), files: { "t.txt": "word" } },
  { name: "list: repeated flag, last wins", args: create(["--target", "a", "--target", "b"]) },
  { name: "list: JSON of numbers", args: create(["--target", "[1, 2]"]) },
  { name: "list: malformed JSON", args: create(["--target", '["x",']) },
  { name: "list: empty string item", args: create(["--target", ""]) },
];

const maps: MatrixCase[] = [
  { name: "map: shorthand", args: create(["--tags", "env=prod,team=iot"]) },
  { name: "map: JSON", args: create(["--tags", '{"env": "prod", "k": "v w"}']) },
  { name: "map: quoted values", args: create(["--tags", "a=\"x,y\",b='p q',c=\"say \\\"hi\\\"\""]) },
  { name: "map: escaped comma", args: create(["--tags", "a=x\\,y,b=z"]) },
  { name: "map: value with =", args: create(["--tags", "a=b=c"]) },
  { name: "map: unicode", args: create(["--tags", "k=é漢字"]) },
  { name: "map: key characters", args: create(["--tags", "aws:k.1/x#y-z_w=v"]) },
  { name: "map: whitespace around tokens", args: create(["--tags", "a = b , c = d"]) },
  { name: "map: empty value", args: create(["--tags", "a="]) },
  { name: "map: empty key", args: create(["--tags", "=v"]) },
  { name: "map: JSON empty key", args: create(["--tags", '{"": "v"}']) },
  { name: "map: JSON empty map (aws sends)", args: create(["--tags", "{}"]) },
  { name: "map: JSON number value", args: create(["--tags", '{"a": 1}']) },
  { name: "map: JSON nested value", args: create(["--tags", '{"a": {"b": "c"}}']) },
  { name: "map: JSON list value", args: create(["--tags", '{"a": ["b"]}']) },
  { name: "map: list where a string is expected", args: create(["--tags", "a=b,c"]) },
  { name: "map: shorthand list value", args: create(["--tags", "a=[b,c]"]) },
  { name: "map: duplicate key", args: create(["--tags", "a=b,a=c"]) },
  { name: "map: malformed shorthand", args: create(["--tags", "a=[b"]) },
  { name: "map: malformed JSON", args: create(["--tags", '{"a":']) },
  { name: "map: JSON trailing garbage", args: create(["--tags", '{"a": "b"} x']) },
  { name: "map: file:// shorthand", args: create(["--tags", "file://@DIR@/tags.txt"]), files: { "tags.txt": "k=from-file" } },
  { name: "map: file:// JSON", args: create(["--tags", "file://@DIR@/tags.json"]), files: { "tags.json": '{"k": "v"}' } },
  { name: "map: value from file://", args: create(["--tags", "k=file://@DIR@/v.txt"]), files: { "v.txt": "from-file" } },
  { name: "map: no key=value", args: create(["--tags", "justaword"]) },
  { name: "map: trailing comma", args: create(["--tags", "a=b,"]) },
];

const structures: MatrixCase[] = [
  {
    name: "structure: full shorthand",
    args: create(["--ota-scheduling-config", "EndBehavior=CANCEL,EndTime=2030-01-01T00:00:00Z,MaintenanceWindows=[{DurationInMinutes=60,StartTime=02:00},{DurationInMinutes=30,StartTime=\"3,4\"}],StartTime=2029-01-01"]),
  },
  { name: "structure: single item for a list member", args: create(["--ota-scheduling-config", "MaintenanceWindows={StartTime=02:00}"]) },
  { name: "structure: single item with an integer stays a string", args: create(["--ota-scheduling-config", "MaintenanceWindows={DurationInMinutes=5}"]) },
  { name: "structure: list member without brackets", args: create(["--ota-scheduling-config", "MaintenanceWindows=DurationInMinutes=60,StartTime=02:00"]) },
  { name: "structure: empty list", args: create(["--ota-scheduling-config", "MaintenanceWindows=[]"]) },
  { name: "structure: scalar list item", args: create(["--ota-scheduling-config", "MaintenanceWindows=[a]"]) },
  { name: "structure: nested shorthand", args: create(["--ota-task-execution-retry-config", "RetryConfigCriteria=[{FailureType=ALL,MinNumberOfRetries=3},{FailureType=TIMED_OUT,MinNumberOfRetries=0}]"]) },
  { name: "structure: integer 1.5", args: create(["--ota-task-execution-retry-config", "RetryConfigCriteria=[{FailureType=ALL,MinNumberOfRetries=1.5}]"]) },
  { name: "structure: integer abc", args: create(["--ota-task-execution-retry-config", "RetryConfigCriteria=[{MinNumberOfRetries=abc}]"]) },
  { name: "structure: negative integer (min 0)", args: create(["--ota-task-execution-retry-config", "RetryConfigCriteria=[{MinNumberOfRetries=-1}]"]) },
  { name: "structure: integer above max (aws sends)", args: create(["--ota-task-execution-retry-config", "RetryConfigCriteria=[{MinNumberOfRetries=11}]"]) },
  { name: "structure: duration 0 (min 1)", args: create(["--ota-scheduling-config", "MaintenanceWindows=[{DurationInMinutes=0}]"]) },
  { name: "structure: JSON duration as string", args: create(["--ota-scheduling-config", '{"MaintenanceWindows": [{"DurationInMinutes": "60"}]}']) },
  { name: "structure: JSON duration as float", args: create(["--ota-scheduling-config", '{"MaintenanceWindows": [{"DurationInMinutes": 1.5}]}']) },
  { name: "structure: JSON object where a list is expected", args: create(["--ota-scheduling-config", '{"MaintenanceWindows": {"DurationInMinutes": 60}}']) },
  { name: "structure: JSON", args: create(["--ota-task-execution-retry-config", '{"RetryConfigCriteria": [{"FailureType": "FAILED", "MinNumberOfRetries": 10}]}']) },
  { name: "structure: JSON null member", args: create(["--ota-scheduling-config", '{"EndBehavior": null}']) },
  { name: "structure: JSON list at the top", args: create(["--ota-scheduling-config", '["a"]']) },
  { name: "structure: file://", args: create(["--ota-scheduling-config", "file://@DIR@/sched.json"]), files: { "sched.json": SCHED_JSON } },
  { name: "structure: unknown key", args: create(["--ota-scheduling-config", "Foo=1"]) },
  { name: "structure: unknown and known keys", args: create(["--ota-scheduling-config", "Foo=1,EndBehavior=CANCEL,Bar=2"]) },
  { name: "structure: nested unknown key", args: create(["--ota-task-execution-retry-config", "RetryConfigCriteria=[{Nope=1}]"]) },
  { name: "structure: bad enum in nested member (aws sends)", args: create(["--ota-task-execution-retry-config", "RetryConfigCriteria=[{FailureType=NOPE}]"]) },
  { name: "structure: quoted value with brackets", args: create(["--ota-scheduling-config", "StartTime='[x]'"]) },
  { name: "structure: shorthand syntax error position", args: create(["--ota-scheduling-config", "EndBehavior=CANCEL,MaintenanceWindows=[{DurationInMinutes=1}"]) },
  { name: "structure: shorthand missing =", args: create(["--ota-scheduling-config", "EndBehavior"]) },
  { name: "structure: several violations in order", args: create(["--ota-scheduling-config", '{"Zed": 1, "MaintenanceWindows": [{"DurationInMinutes": "x", "Foo": 2}, 5], "EndTime": 3}']) },
  { name: "structure: timestamp member is a string", args: create(["--ota-scheduling-config", "StartTime=not-a-time"]) },
];

const documents: MatrixCase[] = [
  { name: "--cli-input-json file", args: [OP, ...EP, "--cli-input-json", "file://@DIR@/input.json"], files: { "input.json": INPUT_JSON } },
  { name: "--cli-input-json with override", args: [OP, ...EP, "--cli-input-json", "file://@DIR@/input.json", "--description", "override"], files: { "input.json": INPUT_JSON } },
  { name: "--cli-input-json inline", args: [OP, ...EP, "--cli-input-json", INPUT_JSON] },
  { name: "--cli-input-json invalid JSON", args: [OP, ...EP, "--cli-input-json", '{"S3Url": '] },
  { name: "--cli-input-json missing file", args: [OP, ...EP, "--cli-input-json", "file://@DIR@/none.json"] },
  { name: "--cli-input-json a list", args: [OP, ...EP, "--cli-input-json", "[1]"] },
  { name: "--cli-input-json missing required member", args: [OP, ...EP, "--cli-input-json", '{"S3Url": "x"}'] },
  { name: "--cli-input-json unknown member", args: [OP, ...EP, "--cli-input-json", '{"S3Url": "x", "OtaType": "ONE_TIME", "Nope": 1, "ClientToken": "t"}'] },
  { name: "--cli-input-json wrong types", args: [OP, ...EP, "--cli-input-json", '{"S3Url": 5, "OtaType": ["ONE_TIME"], "Target": "a", "Tags": {"k": 1}, "ClientToken": "t"}'] },
  { name: "--cli-input-json empty strings", args: [OP, ...EP, "--cli-input-json", '{"S3Url": "", "OtaType": "ONE_TIME", "ClientToken": "", "Tags": {"": ""}}'] },
  { name: "--cli-input-json with required on the command line", args: [OP, ...EP, "--cli-input-json", '{"Description": "d"}', "--s3-url", "x", "--ota-type", "ONE_TIME", "--client-token", "t"] },
  { name: "--cli-input-json empty object", args: [OP, ...EP, "--cli-input-json", "{}"] },
  { name: "--cli-input-yaml inline", args: [OP, ...EP, "--cli-input-yaml", "S3Url: s3://y\nOtaType: CONTINUOUS\nClientToken: tok\nTags:\n  a: b\n"] },
  { name: "--cli-input-yaml file", args: [OP, ...EP, "--cli-input-yaml", "file://@DIR@/in.yaml"], files: { "in.yaml": "S3Url: s3://y\nOtaType: ONE_TIME\nClientToken: tok\nOtaSchedulingConfig:\n  MaintenanceWindows:\n    - DurationInMinutes: 5\n      StartTime: '02:00'\n" } },
  { name: "--cli-input-yaml integer typed by YAML", args: [OP, ...EP, "--cli-input-yaml", "S3Url: s3://y\nOtaType: ONE_TIME\nClientToken: tok\nDescription: 42\n"] },
  { name: "--cli-input-yaml invalid", args: [OP, ...EP, "--cli-input-yaml", "S3Url: [unclosed"] },
  { name: "--cli-input-json and --cli-input-yaml together", args: [OP, ...EP, "--cli-input-json", "{}", "--cli-input-yaml", "{}"] },
];

const skeletons: MatrixCase[] = [
  { name: "skeleton input", args: [OP, "--generate-cli-skeleton"] },
  { name: "skeleton input explicit", args: [OP, "--generate-cli-skeleton", "input"] },
  { name: "skeleton yaml-input", args: [OP, "--generate-cli-skeleton", "yaml-input"], compare: "skeleton" },
  { name: "skeleton output", args: create(["--generate-cli-skeleton", "output"]) },
  { name: "skeleton output with a query", args: create(["--generate-cli-skeleton", "output", "--query", "TaskId"]) },
  { name: "skeleton output as text", args: create(["--generate-cli-skeleton", "output", "--output", "text"]) },
  { name: "skeleton output needs the required options", args: [OP, "--generate-cli-skeleton", "output"] },
  { name: "skeleton bad value", args: [OP, "--generate-cli-skeleton", "xml"] },
  { name: "skeleton with other options", args: create(["--generate-cli-skeleton"]) },
];

const outputs: MatrixCase[] = [];
for (const format of ["json", "text", "table", "yaml", "yaml-stream"]) {
  outputs.push({ name: `output ${format}`, args: create(["--output", format]) });
  outputs.push({ name: `output ${format}, wide characters`, args: create(["--output", format]), responses: [rich] });
  outputs.push({ name: `output ${format}, empty response`, args: create(["--output", format]), responses: [emptyOutput] });
  outputs.push({ name: `output ${format}, query list`, args: create(["--output", format, "--query", "[TaskId,TaskArn]"]) });
  outputs.push({ name: `output ${format}, query hash`, args: create(["--output", format, "--query", "{id:TaskId,arn:TaskArn,n:`[1,2]`,t:`true`,z:`null`}"]) });
  outputs.push({ name: `output ${format}, query miss`, args: create(["--output", format, "--query", "Nope"]) });
}
outputs.push(
  { name: "output from AWS_DEFAULT_OUTPUT", args: create(), env: { AWS_DEFAULT_OUTPUT: "text" } },
  { name: "output from the config file", args: create(), config: "[default]\noutput = table\n" },
  { name: "output option beats the environment", args: create(["--output", "json"]), env: { AWS_DEFAULT_OUTPUT: "text" } },
  { name: "output unknown in the config file", args: create(), config: "[default]\noutput = xml\n" },
  { name: "output unknown option value", args: create(["--output", "xml"]) },
  { name: "output extra members in the response", args: create(), responses: [json(201, { TaskId: "a", Extra: 1, Description: "d" })] },
);

const queries: MatrixCase[] = [
  { name: "query scalar", args: create(["--query", "TaskId"]) },
  { name: "query scalar, text", args: create(["--query", "TaskId", "--output", "text"]) },
  { name: "query literal string", args: create(["--query", "`\"lit\"`"]) },
  { name: "query function", args: create(["--query", "length(TaskArn)"]) },
  { name: "query keys sorted", args: create(["--query", "sort(keys(@))", "--output", "text"]) },
  { name: "query incomplete expression", args: create(["--query", "TaskId."]) },
  { name: "query unknown function", args: create(["--query", "nope(TaskId)"]) },
  { name: "query bad token", args: create(["--query", "Task Id"]) },
  { name: "query empty", args: create(["--query", ""]) },
  { name: "query invalid literal", args: create(["--query", "`{bad`"]) },
  { name: "query on the wide response, table", args: create(["--query", "{d:Description}", "--output", "table"]), responses: [rich] },
];

const validation: MatrixCase[] = [
  { name: "missing required option", args: bare(["--s3-url", "x"]) },
  { name: "missing both required options", args: bare([]) },
  { name: "empty required string", args: bare(["--s3-url", "", "--ota-type", "ONE_TIME", "--client-token", "t"]) },
  { name: "empty client token", args: bare(["--s3-url", "x", "--ota-type", "ONE_TIME", "--client-token", ""]) },
  { name: "several minimum lengths", args: bare(["--s3-url", "", "--ota-type", "ONE_TIME", "--client-token", "", "--description", "", "--task-configuration-id", ""]) },
  { name: "bad enum and min length together", args: bare(["--s3-url", "", "--ota-type", "SOMETIMES", "--client-token", "t"]) },
  { name: "stricter checks together", args: create(["--description", "bad!chars", "--protocol", "FTP", "--ota-mechanism", "PULL"]) },
  { name: "tags above the map size", args: create(["--tags", JSON.stringify(Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, "v"])))]) },
  { name: "tag value too long (aws sends)", args: create(["--tags", `k=${"v".repeat(257)}`]) },
  { name: "parameter_validation = false skips the stricter checks", args: create(["--protocol", "FTP"]), config: "[default]\nparameter_validation = false\n" },
  { name: "parameter_validation = false skips minimum lengths", args: create(["--description", ""]), config: "[default]\nparameter_validation = false\n" },
];

const usage: MatrixCase[] = [
  { name: "unknown option", args: create(["--bogus", "1"]) },
  { name: "unknown options, several", args: create(["--bogus", "--nope=2"]) },
  { name: "option without its value", args: create(["--description"]) },
  { name: "stray word", args: create(["extra"]) },
  { name: "unknown operation", args: ["create-ota-tasks", ...EP] },
  { name: "no operation", args: [] },
  { name: "invalid --color", args: create(["--color", "purple"]) },
  { name: "invalid --cli-binary-format", args: create(["--cli-binary-format", "hex"]) },
  { name: "invalid --cli-read-timeout", args: create(["--cli-read-timeout", "abc"]) },
  { name: "--debug=value", args: create(["--debug=1"]) },
  { name: "single-dash option", args: create(["-x"]) },
  { name: "boolean global given a value with =", args: create(["--no-sign-request=yes"]) },
];

const config: MatrixCase[] = [
  { name: "no region", args: [OP, "--endpoint-url", "@URL@", ...REQUIRED] },
  { name: "region from AWS_DEFAULT_REGION", args: [OP, "--endpoint-url", "@URL@", ...REQUIRED], env: { AWS_DEFAULT_REGION: "eu-west-1" } },
  { name: "region from the config file", args: [OP, "--endpoint-url", "@URL@", ...REQUIRED], config: "[default]\nregion = eu-west-1\n" },
  { name: "no credentials", args: create(), env: { AWS_ACCESS_KEY_ID: null, AWS_SECRET_ACCESS_KEY: null } },
  { name: "credentials from the credentials file", args: create(), env: { AWS_ACCESS_KEY_ID: null, AWS_SECRET_ACCESS_KEY: null }, credentials: "[default]\naws_access_key_id = AKIDFILE\naws_secret_access_key = secretfile\n" },
  { name: "missing profile (option)", args: create(["--profile", "nope"]) },
  { name: "missing profile (AWS_PROFILE)", args: create(), env: { AWS_PROFILE: "nope" } },
  { name: "named profile with region", args: [OP, "--endpoint-url", "@URL@", ...REQUIRED, "--profile", "dev"], config: "[profile dev]\nregion = ap-south-1\n" },
  { name: "endpoint from the config file", args: [OP, "--region", "us-east-1", ...REQUIRED], config: "[default]\nendpoint_url = @URL@\n" },
  { name: "could not connect", args: [OP, "--endpoint-url", "http://127.0.0.1:9", "--region", "us-east-1", ...REQUIRED] },
  { name: "endpoint without scheme", args: [OP, "--endpoint-url", "127.0.0.1:9", "--region", "us-east-1", ...REQUIRED] },
  { name: "max_attempts = 1 with a 500", args: create(), config: "[default]\nmax_attempts = 1\n", responses: [serviceError(500, "InternalServerException", { message: "boom" })] },
  { name: "AWS_MAX_ATTEMPTS = 2 with a 500", args: create(), env: { AWS_MAX_ATTEMPTS: "2" }, responses: [serviceError(500, "InternalServerException", { message: "boom" })] },
  { name: "retry_mode legacy", args: create(), config: "[default]\nretry_mode = legacy\nmax_attempts = 2\n", responses: [serviceError(503, "ServiceUnavailableException", { message: "later" })] },
];

const errors: MatrixCase[] = [
  { name: "error 400 ValidationException", args: create(), responses: [serviceError(400, "ValidationException", { message: "S3Url is not reachable" })] },
  { name: "error 400 with Message", args: create(), responses: [serviceError(400, "ValidationException", { Message: "capital M" })] },
  { name: "error 403 AccessDeniedException", args: create(), responses: [serviceError(403, "AccessDeniedException", { message: "no" })] },
  { name: "error 404 ResourceNotFoundException", args: create(), responses: [serviceError(404, "ResourceNotFoundException", { message: "gone" })] },
  { name: "error 409 ConflictException", args: create(), responses: [serviceError(409, "ConflictException", { message: "again" })] },
  { name: "error 400 unmodelled code", args: create(), responses: [serviceError(400, "FooException", { message: "what" })] },
  { name: "error code with namespace and suffix", args: create(), responses: [serviceError(400, "ValidationException:http://internal.amazon.com/", { message: "ns" })] },
  { name: "error code in the body", args: create(), responses: [serviceError(400, undefined, { __type: "com.amazonaws.iotmanagedintegrations#ConflictException", message: "body type" })] },
  { name: "error with an empty message", args: create(), responses: [serviceError(400, "ValidationException", { message: "" })] },
  { name: "error without a message", args: create(), responses: [serviceError(400, "ValidationException", {})] },
  { name: "error 400 without a code", args: create(), responses: [json(400, {})] },
  { name: "error 400 plain text", args: create(), responses: [{ status: 400, headers: { "content-type": "text/plain" }, body: "nope" }] },
  { name: "error 429 throttling, retried", args: create(), responses: [serviceError(429, "ThrottlingException", { message: "slow down" })] },
  { name: "error 500 internal, retried", args: create(), responses: [serviceError(500, "InternalServerException", { message: "try again" })] },
  { name: "error 503 unavailable, retried", args: create(), responses: [serviceError(503, "ServiceUnavailableException", { message: "later" })] },
  { name: "error 502 without a code, retried", args: create(), responses: [json(502, {})] },
  { name: "error 502 JSON message, retried", args: create(), responses: [json(502, { message: "upstream" })] },
  { name: "error 502 empty body, retried", args: create(), responses: [{ status: 502, body: "" }] },
  { name: "error 503 HTML body, retried", args: create(), responses: [{ status: 503, headers: { "content-type": "text/html" }, body: "<html><body><b>Http/1.1 Service Unavailable</b></body></html>" }] },
  { name: "error 504 empty body with an error type header", args: create(), responses: [{ status: 504, headers: { "x-amzn-errortype": "GatewayTimeoutException" }, body: "" }] },
  { name: "error 599 empty body", args: create(), responses: [{ status: 599, body: "" }] },
  { name: "error 500 then success", args: create(), responses: [serviceError(500, "InternalServerException", { message: "once" }), json(201, { TaskId: "after-retry" })] },
  { name: "error 429 then success", args: create(), responses: [serviceError(429, "ThrottlingException", { message: "once" }), json(201, { TaskId: "after-throttle" })] },
  { name: "success with invalid JSON body", args: create(), responses: [{ status: 201, headers: { "content-type": "application/json" }, body: "{not json" }] },
  { name: "success with an empty body", args: create(), responses: [{ status: 201, headers: { "content-type": "application/json" }, body: "" }] },
  { name: "success with a 200", args: create(), responses: [json(200, { TaskId: "ok200" })] },
];

const help: MatrixCase[] = [
  { name: "help page", args: [OP, "help"], compare: "help" },
  { name: "help page with options before", args: [OP, "--region", "us-east-1", "help"], compare: "help" },
];

const debug: MatrixCase[] = [
  { name: "debug canonical request and string to sign", args: create(["--debug", "--tags", "secret=value"]), compare: "debug" },
];

const TASK = {
  TaskId: "t1",
  TaskArn: "arn:aws:iotmanagedintegrations:us-east-1:123456789012:ota-task/t1",
  Description: "d",
  S3Url: "s3://b/k",
  Protocol: "HTTP",
  OtaType: "ONE_TIME",
  Target: ["a", "b"],
  CreatedAt: 1700000000,
  LastUpdatedAt: 1700000000.5,
  Status: "IN_PROGRESS",
  OtaSchedulingConfig: { EndBehavior: "CANCEL", MaintenanceWindows: [{ DurationInMinutes: 30, StartTime: "02:00" }] },
};
const page1 = json(200, { Tasks: [{ TaskId: "t1", Status: "IN_PROGRESS" }], NextToken: "n2" });
const page2 = json(200, { Tasks: [{ TaskId: "t2", Status: "COMPLETED" }] });
const noContent: CannedResponse = { status: 204, body: "" };
const ROLLOUT = (rollout: string): string[] => ["create-ota-task-configuration", ...EP, "--client-token", "c-tok", "--push-config", `RolloutConfig={ExponentialRolloutRate={${rollout}}}`];

const operations: MatrixCase[] = [
  ...["json", "text", "table", "yaml"].map((format) => ({ name: `get-ota-task, ${format}`, args: ["get-ota-task", ...EP, "--identifier", "t1", "--output", format], responses: [json(200, TASK)] })),
  { name: "get-ota-task, identifier escaped in the path", args: ["get-ota-task", ...EP, "--identifier", "a b/c"], responses: [json(200, TASK)] },
  { name: "get-ota-task, missing identifier", args: ["get-ota-task", ...EP] },
  { name: "get-ota-task, empty identifier", args: ["get-ota-task", ...EP, "--identifier", ""] },
  { name: "get-ota-task, not found", args: ["get-ota-task", ...EP, "--identifier", "t1"], responses: [serviceError(404, "ResourceNotFoundException", { message: "no task t1" })] },
  { name: "get-ota-task, query a timestamp", args: ["get-ota-task", ...EP, "--identifier", "t1", "--query", "[CreatedAt, LastUpdatedAt]"], responses: [json(200, TASK)] },
  { name: "get-ota-task, skeleton", args: ["get-ota-task", "--generate-cli-skeleton"] },
  { name: "get-ota-task, help page", args: ["get-ota-task", "help"], compare: "help" },
  { name: "delete-ota-task", args: ["delete-ota-task", ...EP, "--identifier", "t1"], responses: [json(200, {})] },
  { name: "delete-ota-task-configuration", args: ["delete-ota-task-configuration", ...EP, "--identifier", "c1"], responses: [noContent] },
  { name: "update-ota-task", args: ["update-ota-task", ...EP, "--identifier", "t1", "--description", "new"], responses: [noContent] },
  { name: "update-ota-task, identifier only", args: ["update-ota-task", ...EP, "--identifier", "t1"], responses: [noContent] },
  { name: "get-ota-task-configuration", args: ["get-ota-task-configuration", ...EP, "--identifier", "c1"], responses: [json(200, { TaskConfigurationId: "c1", Name: "n", CreatedAt: 1700000000 })] },
  { name: "create-ota-task-configuration, shorthand", args: ROLLOUT("BaseRatePerMinute=5,IncrementFactor=1.5"), responses: [json(201, { TaskConfigurationId: "c1" })] },
  { name: "create-ota-task-configuration, double below its minimum", args: ROLLOUT("BaseRatePerMinute=5,IncrementFactor=1.0") },
  { name: "create-ota-task-configuration, integer below its minimum", args: ROLLOUT("BaseRatePerMinute=0") },
  { name: "create-ota-task-configuration, double that is not a number", args: ROLLOUT("IncrementFactor=fast") },
  { name: "create-ota-task-configuration, JSON", args: ["create-ota-task-configuration", ...EP, "--client-token", "c-tok", "--name", "n", "--push-config", '{"TimeoutConfig": {"InProgressTimeoutInMinutes": 30}}'], responses: [json(201, { TaskConfigurationId: "c1" })] },
  { name: "list-ota-tasks, one page", args: ["list-ota-tasks", ...EP], responses: [page2] },
  { name: "list-ota-tasks, one page, text", args: ["list-ota-tasks", ...EP, "--output", "text"], responses: [page2] },
  { name: "list-ota-tasks, one page, table", args: ["list-ota-tasks", ...EP, "--output", "table"], responses: [page2] },
  { name: "list-ota-tasks, --max-results", args: ["list-ota-tasks", ...EP, "--max-results", "1", "--no-paginate"], responses: [page1] },
  { name: "list-ota-tasks, --max-results abc", args: ["list-ota-tasks", ...EP, "--max-results", "abc"] },
  { name: "list-ota-tasks, --max-results 0", args: ["list-ota-tasks", ...EP, "--max-results", "0", "--no-paginate"] },
  { name: "list-ota-tasks, --no-paginate", args: ["list-ota-tasks", ...EP, "--no-paginate"], responses: [page1, page2] },
  { name: "list-ota-tasks, two pages", args: ["list-ota-tasks", ...EP], responses: [page1, page2] },
  { name: "list-ota-tasks, two pages, text", args: ["list-ota-tasks", ...EP, "--output", "text"], responses: [page1, page2] },
  { name: "list-ota-tasks, two pages, query", args: ["list-ota-tasks", ...EP, "--query", "Tasks[].TaskId", "--output", "text"], responses: [page1, page2] },
  { name: "list-ota-tasks, --max-items", args: ["list-ota-tasks", ...EP, "--max-items", "1"], responses: [page1, page2] },
  { name: "list-ota-tasks, --page-size", args: ["list-ota-tasks", ...EP, "--page-size", "1"], responses: [page1, page2] },
  { name: "list-ota-tasks, --starting-token", args: ["list-ota-tasks", ...EP, "--starting-token", "n2"], responses: [page2] },
  { name: "list-ota-tasks, help page", args: ["list-ota-tasks", "help"], compare: "help" },
  { name: "list-ota-task-executions", args: ["list-ota-task-executions", ...EP, "--identifier", "t1"], responses: [json(200, { ExecutionSummaries: [] })] },
  { name: "list-ota-task-configurations", args: ["list-ota-task-configurations", ...EP, "--output", "text"], responses: [json(200, { Items: [{ TaskConfigurationId: "c1", Name: "n", CreatedAt: 1700000000 }] })] },
  { name: "list-ota-task-executions, help page", args: ["list-ota-task-executions", "help"], compare: "help" },
  { name: "list-ota-task-configurations, help page", args: ["list-ota-task-configurations", "help"], compare: "help" },
];

/** Every case, in a stable order; names are unique. */
export const matrix: readonly MatrixCase[] = [
  ...success,
  ...lists,
  ...maps,
  ...structures,
  ...documents,
  ...skeletons,
  ...outputs,
  ...queries,
  ...validation,
  ...usage,
  ...config,
  ...errors,
  ...help,
  ...debug,
  ...operations,
];
