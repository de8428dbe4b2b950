// One request with thousands of bad values gets a bounded error everywhere: the client's InputValidationError,
// the CLI's "Parameter validation failed" and the emulator's ValidationException list the first 100 violations
// and count the rest.
import { PassThrough, Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/run.js";
import { loadServiceBinding } from "../../src/cli/service-binding.js";
import { DEFAULT_CREDENTIALS, startEmulator, type Emulator } from "../../src/emulator/index.js";
import { CreateOtaTaskCommand, IoTManagedIntegrationsClient, ValidationException } from "../../src/generated/index.js";
import { InputValidationError, MAX_LISTED_VIOLATIONS } from "../../src/runtime/index.js";

const BAD = 3000;
// Every value is one character too long (256 is the limit), so each entry is one violation.
const tags = Object.fromEntries(Array.from({ length: BAD }, (_, i) => [`k${i}`, "v".repeat(257)]));
const credentials = { accessKeyId: DEFAULT_CREDENTIALS[0]!.accessKeyId, secretAccessKey: DEFAULT_CREDENTIALS[0]!.secretAccessKey };

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({ quiet: true });
});
afterAll(async () => {
  await emulator.close();
});

describe("bounded validation errors", () => {
  it("client: the first 100 violations and the count", async () => {
    const client = new IoTManagedIntegrationsClient({ endpoint: emulator.url, region: "us-east-1", credentials });
    const error = await client.send(new CreateOtaTaskCommand({ S3Url: "s3://b/x", OtaType: "ONE_TIME", Tags: tags })).catch((e: unknown) => e);
    client.destroy();
    expect(error).toBeInstanceOf(InputValidationError);
    const e = error as InputValidationError;
    expect(e.violationCount).toBeGreaterThanOrEqual(BAD);
    expect(e.violations).toHaveLength(MAX_LISTED_VIOLATIONS);
    const lines = e.message.split("\n");
    expect(lines).toHaveLength(1 + MAX_LISTED_VIOLATIONS + 1);
    expect(lines.at(-1)).toBe(`  - … and ${e.violationCount - MAX_LISTED_VIOLATIONS} more`);
    expect(lines[0]).toContain(`${e.violationCount} invalid parameters`);
  });

  it("emulator: a ValidationException of bounded size", async () => {
    const client = new IoTManagedIntegrationsClient({ endpoint: emulator.url, region: "us-east-1", credentials, validateInput: false, maxAttempts: 1 });
    const error = await client.send(new CreateOtaTaskCommand({ S3Url: "s3://b/x", OtaType: "ONE_TIME", Tags: tags })).catch((e: unknown) => e);
    client.destroy();
    expect(error).toBeInstanceOf(ValidationException);
    const message = (error as Error).message;
    const count = Number(/^(\d+) validation errors detected: /.exec(message)?.[1]);
    expect(count).toBeGreaterThanOrEqual(BAD);
    expect(message.match(/Tags\[/g)).toHaveLength(MAX_LISTED_VIOLATIONS);
    expect(message.endsWith(`; and ${count - MAX_LISTED_VIOLATIONS} more`)).toBe(true);
    expect(message.length).toBeLessThan(40_000);
  });

  it("CLI: Parameter validation failed lists 100 lines and the count", async () => {
    const err: string[] = [];
    const writer = (into: string[]): Writable => new Writable({ write: (chunk: Buffer | string, _enc, done) => void (into.push(chunk.toString()), done()) });
    const stdin = new PassThrough();
    stdin.end("");
    const env = { AWS_ACCESS_KEY_ID: credentials.accessKeyId, AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey, AWS_PAGER: "", AWS_CONFIG_FILE: "/nonexistent/c", AWS_SHARED_CREDENTIALS_FILE: "/nonexistent/c" };
    const argv = ["create-ota-task", "--s3-url", "s3://b/x", "--ota-type", "ONE_TIME", "--tags", JSON.stringify(tags), "--endpoint-url", emulator.url, "--region", "us-east-1"];
    const code = await runCli(argv, { stdout: writer([]), stderr: writer(err), stdin, env }, await loadServiceBinding());
    expect(code).toBe(252);
    const lines = err.join("").trim().split("\n");
    expect(lines[0]).toBe("Parameter validation failed:");
    expect(lines).toHaveLength(1 + MAX_LISTED_VIOLATIONS + 1);
    expect(lines.at(-1)).toMatch(/^\.\.\. and \d+ more$/);
  });
});
