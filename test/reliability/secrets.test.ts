// Secrets never reach logs: the client's debug logger, the CLI's --debug output and the emulator's log sink run
// with known secret values (secret access key, session token, a sensitive Tags value) and none of them may
// show any of those values, raw or base64/base64url/URL/JSON-escaped, while the requests still succeed. The
// error paths (an injected 500 then a retry, a server-side ValidationException, a client-side validation
// failure) are logged too.
import { Writable, PassThrough } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/run.js";
import { loadServiceBinding } from "../../src/cli/service-binding.js";
import { startEmulator, type Emulator } from "../../src/emulator/index.js";
import { CreateOtaTaskCommand, IoTManagedIntegrationsClient, ValidationException } from "../../src/generated/index.js";
import { InputValidationError } from "../../src/runtime/index.js";

const ACCESS_KEY = "AKIDRELIABILITYTEST1";
const SECRET_KEY = "reliabilitySecretKey/Abc+def0123456789xyzXYZ";
const SESSION_TOKEN = "IQoJb3JpZ2luX2VjEJr//////////SessionTokenSecret0123456789+/=";
const TAG_SECRET = "tag-secret-value-123";
/** A key of the sensitive Tags map, too long (over 128 characters) so that it is itself a violation. */
const TAG_KEY_SECRET = `PlantedSecretTagKey-${"k".repeat(120)}`;
/** A valid key, planted beside a value that is too long. */
const TAG_KEY_SECRET_2 = "planted-secret-key-two";
const SECRETS = [SECRET_KEY, SESSION_TOKEN, TAG_SECRET, TAG_KEY_SECRET, TAG_KEY_SECRET_2];

/** Every form a secret could leak in: raw, JSON-escaped, URL-encoded, and base64/base64url at each alignment. */
function leakForms(secret: string): string[] {
  const forms = new Set([secret, JSON.stringify(secret).slice(1, -1), encodeURIComponent(secret), encodeURIComponent(encodeURIComponent(secret))]);
  for (let pad = 0; pad < 3; pad++) {
    // Base64 of the secret preceded by `pad` bytes: drop the characters that depend on the neighbours.
    const b64 = Buffer.from("\0".repeat(pad) + secret).toString("base64");
    const start = pad === 0 ? 0 : Math.ceil((pad * 4) / 3) + 1;
    const core = b64.slice(start, b64.length - 4);
    if (core.length >= 8) {
      forms.add(core);
      forms.add(core.replace(/\+/g, "-").replace(/\//g, "_"));
    }
  }
  return [...forms];
}

function findLeaks(label: string, text: string): string[] {
  const leaks: string[] = [];
  for (const secret of SECRETS) for (const form of leakForms(secret)) if (text.includes(form)) leaks.push(`${label} shows ${JSON.stringify(form)} (from ${JSON.stringify(secret)})`);
  return leaks;
}

let emulator: Emulator;
/** With injected 500s and resets, for the client's retry logging. */
let faulty: Emulator;
const emulatorLog: string[] = [];

beforeAll(async () => {
  const credentials = [{ accessKeyId: ACCESS_KEY, secretAccessKey: SECRET_KEY, sessionToken: SESSION_TOKEN }];
  emulator = await startEmulator({ credentials, log: (line) => emulatorLog.push(line) });
  faulty = await startEmulator({ credentials, log: (line) => emulatorLog.push(line), faults: { status500: 0.3, resetAfterCommit: 0.2 }, seed: 3 });
});
afterAll(async () => {
  await emulator?.close();
  await faulty?.close();
});

describe("secrets stay out of logs", () => {
  it("the leak detector itself finds every form it looks for", () => {
    for (const secret of SECRETS) for (const form of leakForms(secret)) expect(findLeaks("probe", `xx${form}yy`).length).toBeGreaterThan(0);
    expect(findLeaks("probe", Buffer.from(`{"Tags":{"k":"${TAG_SECRET}"}}`).toString("base64"))).not.toEqual([]);
  });

  it("client debug logging (success, retries, service and client-side errors) never shows a secret", async () => {
    const lines: string[] = [];
    const sink = (...args: unknown[]): void => {
      lines.push(args.map((a) => (typeof a === "string" ? a : JSON.stringify(a) ?? String(a))).join(" "));
    };
    const client = new IoTManagedIntegrationsClient({
      endpoint: faulty.url,
      region: "us-east-1",
      credentials: { accessKeyId: ACCESS_KEY, secretAccessKey: SECRET_KEY, sessionToken: SESSION_TOKEN },
      logger: { trace: sink, debug: sink, info: sink, warn: sink, error: sink },
      maxAttempts: 10,
      runtimeHooks: { sleep: () => Promise.resolve() },
    });
    const caught: unknown[] = [];
    try {
      for (let i = 0; i < 4; i++) {
        const out = await client.send(new CreateOtaTaskCommand({ S3Url: `s3://b/${i}`, OtaType: "ONE_TIME", Tags: { owner: TAG_SECRET } }));
        expect(out.TaskId).toMatch(/^[A-Za-z0-9]+$/);
      }
      // Rejected before sending (empty S3Url, empty tag key): the InputValidationError must not show the tag.
      await client
        .send(new CreateOtaTaskCommand({ S3Url: "", OtaType: "ONE_TIME", Tags: { owner: TAG_SECRET, "": TAG_SECRET } }), {})
        .catch((e: unknown) => caught.push(e));
      // Same with only the tag at fault: the violation names the Tags path without its value.
      await client.send(new CreateOtaTaskCommand({ S3Url: "s3://b/x", OtaType: "ONE_TIME", Tags: { [""]: TAG_SECRET } })).catch((e: unknown) => caught.push(e));
    } finally {
      client.destroy();
    }
    const noValidation = new IoTManagedIntegrationsClient({
      endpoint: emulator.url,
      region: "us-east-1",
      credentials: { accessKeyId: ACCESS_KEY, secretAccessKey: SECRET_KEY, sessionToken: SESSION_TOKEN },
      logger: { trace: sink, debug: sink, info: sink, warn: sink, error: sink },
      validateInput: false,
      maxAttempts: 5,
      runtimeHooks: { sleep: () => Promise.resolve() },
    });
    try {
      // Client validation off: the service's ValidationException, and its logged error response.
      await noValidation.send(new CreateOtaTaskCommand({ S3Url: "s3://b/y", OtaType: "ONE_TIME", Tags: { [""]: TAG_SECRET } })).catch((e: unknown) => caught.push(e));
    } finally {
      noValidation.destroy();
    }

    expect(caught.some((e) => e instanceof InputValidationError)).toBe(true);
    expect(caught.some((e) => e instanceof ValidationException)).toBe(true);
    expect(lines.some((l) => /attempt 2\//.test(l)), "a retried attempt was logged").toBe(true);
    expect(lines.length).toBeGreaterThan(5);
    const errorText = caught.map((e) => (e instanceof Error ? `${e.message} ${JSON.stringify(e)} ${e.stack ?? ""}` : String(e))).join("\n");
    expect([...findLeaks("client log", lines.join("\n")), ...findLeaks("error objects", errorText)]).toEqual([]);
    expect(emulatorLog.some((l) => l.includes("injected 500")), "the emulator logged the faulted requests").toBe(true);
    expect(findLeaks("emulator log", emulatorLog.join("\n"))).toEqual([]);
  });

  it("CLI --debug (stderr and stdout) never shows a secret, and the call succeeds", async () => {
    const out: string[] = [];
    const err: string[] = [];
    const writer = (into: string[]): Writable =>
      new Writable({
        write(chunk: Buffer | string, _enc, done) {
          into.push(chunk.toString());
          done();
        },
      });
    const stdin = new PassThrough();
    stdin.end("");
    const env = {
      AWS_ACCESS_KEY_ID: ACCESS_KEY,
      AWS_SECRET_ACCESS_KEY: SECRET_KEY,
      AWS_SESSION_TOKEN: SESSION_TOKEN,
      AWS_REGION: "us-east-1",
      AWS_PAGER: "",
      AWS_CONFIG_FILE: "/nonexistent/iotmi-config",
      AWS_SHARED_CREDENTIALS_FILE: "/nonexistent/iotmi-credentials",
    };
    // The CLI's client reads credentials from process.env (CliIo.env is not consulted for them), so the
    // secrets go there for the duration of this test.
    const saved = { ...process.env };
    Object.assign(process.env, env);
    try {
      const argv = ["create-ota-task", "--s3-url", "s3://b/cli", "--ota-type", "ONE_TIME", "--tags", `owner=${TAG_SECRET}`, "--endpoint-url", emulator.url, "--region", "us-east-1", "--debug", "--output", "json"];
      const code = await runCli(argv, { stdout: writer(out), stderr: writer(err), stdin, env }, await loadServiceBinding());
      const stderr = err.join("");
      const stdout = out.join("");
      expect(code, stderr.slice(-2000)).toBe(0);
      expect(JSON.parse(stdout) as { TaskId?: string }).toHaveProperty("TaskId");
      expect(stderr).toMatch(/Request headers|Sending http request/);
      // The request really carried the secret tag (it is only the logs that must not show it).
      const stored = emulator.records("CreateOtaTask").at(-1);
      expect((stored?.input as { Tags?: Record<string, string> }).Tags).toEqual({ owner: TAG_SECRET });

      // A rejected CLI call (a malformed --client-token) prints its error; that output is checked too.
      const err2: string[] = [];
      const code2 = await runCli(
        ["create-ota-task", "--s3-url", "s3://b/cli", "--ota-type", "ONE_TIME", "--tags", `owner=${TAG_SECRET}`, "--client-token", "bad token!", "--endpoint-url", emulator.url, "--region", "us-east-1", "--debug"],
        { stdout: writer([]), stderr: writer(err2), stdin, env },
        await loadServiceBinding(),
      );
      expect(code2).not.toBe(0);
      expect([...findLeaks("CLI stderr", stderr), ...findLeaks("CLI stdout", stdout), ...findLeaks("CLI stderr (failure)", err2.join(""))]).toEqual([]);
      expect(findLeaks("emulator log", emulatorLog.join("\n"))).toEqual([]);
    } finally {
      for (const k of Object.keys(env)) delete process.env[k];
      Object.assign(process.env, saved);
    }
  });

  it("the keys of the sensitive Tags map stay out of every error, message and log (client, emulator, CLI)", async () => {
    const badTags = { [TAG_KEY_SECRET]: TAG_SECRET, [TAG_KEY_SECRET_2]: `${TAG_SECRET}${"v".repeat(300)}` };
    const texts: [string, string][] = [];
    const errorText = (e: unknown): string => (e instanceof Error ? `${e.message} ${JSON.stringify(e)} ${e.stack ?? ""}` : String(e));
    const lines: string[] = [];
    const sink = (...args: unknown[]): void => void lines.push(args.map((a) => (typeof a === "string" ? a : JSON.stringify(a) ?? String(a))).join(" "));
    const credentials = { accessKeyId: ACCESS_KEY, secretAccessKey: SECRET_KEY, sessionToken: SESSION_TOKEN };
    const logger = { trace: sink, debug: sink, info: sink, warn: sink, error: sink };

    // Client-side validation: the InputValidationError (message, violations, stack).
    const client = new IoTManagedIntegrationsClient({ endpoint: emulator.url, region: "us-east-1", credentials, logger });
    const clientError = await client.send(new CreateOtaTaskCommand({ S3Url: "s3://b/k", OtaType: "ONE_TIME", Tags: badTags })).catch((e: unknown) => e);
    client.destroy();
    expect(clientError).toBeInstanceOf(InputValidationError);
    const violations = (clientError as InputValidationError).violations;
    expect(violations.map((v) => v.path)).toEqual(["Tags[***SensitiveInformation***]", "Tags[***SensitiveInformation***]"]);
    texts.push(["client error", errorText(clientError)], ["client violations", JSON.stringify(violations)]);

    // The emulator's ValidationException (client validation off) and SerializationException (a wrong type).
    const unvalidated = new IoTManagedIntegrationsClient({ endpoint: emulator.url, region: "us-east-1", credentials, logger, validateInput: false, maxAttempts: 1 });
    const serviceError = await unvalidated.send(new CreateOtaTaskCommand({ S3Url: "s3://b/k", OtaType: "ONE_TIME", Tags: badTags })).catch((e: unknown) => e);
    unvalidated.destroy();
    expect(serviceError).toBeInstanceOf(ValidationException);
    expect((serviceError as Error).message).toContain("Tags[***SensitiveInformation***]");
    texts.push(["service error", errorText(serviceError)]);
    const wrongType = await fetch(`${emulator.url}/ota-tasks`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ S3Url: "s3://b/k", OtaType: "ONE_TIME", Tags: { [TAG_KEY_SECRET_2]: 5 } }),
    });
    // Unsigned, so refused before the body is looked at; a no-auth emulator shows the deserializer's error.
    texts.push(["unsigned answer", await wrongType.text()]);
    const open = await startEmulator({ auth: false, log: (line) => emulatorLog.push(line) });
    try {
      const answer = await fetch(`${open.url}/ota-tasks`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ S3Url: "s3://b/k", OtaType: "ONE_TIME", Tags: { [TAG_KEY_SECRET_2]: 5 } }),
      });
      const body = await answer.text();
      expect(answer.status, body).toBe(400);
      expect(body).toContain("SensitiveInformation");
      texts.push(["serialization error", body]);
    } finally {
      await open.close();
    }

    // The CLI: the validator's lines, and its own type check (a number where a tag value belongs).
    const saved = { ...process.env };
    const env = { AWS_ACCESS_KEY_ID: ACCESS_KEY, AWS_SECRET_ACCESS_KEY: SECRET_KEY, AWS_SESSION_TOKEN: SESSION_TOKEN, AWS_PAGER: "", AWS_CONFIG_FILE: "/nonexistent/c", AWS_SHARED_CREDENTIALS_FILE: "/nonexistent/c" };
    Object.assign(process.env, env);
    try {
      for (const tags of [JSON.stringify(badTags), JSON.stringify({ [TAG_KEY_SECRET_2]: 5 })]) {
        const out: string[] = [];
        const err: string[] = [];
        const writer = (into: string[]): Writable => new Writable({ write: (chunk: Buffer | string, _enc, done) => void (into.push(chunk.toString()), done()) });
        const stdin = new PassThrough();
        stdin.end("");
        const argv = ["create-ota-task", "--s3-url", "s3://b/k", "--ota-type", "ONE_TIME", "--tags", tags, "--endpoint-url", emulator.url, "--region", "us-east-1", "--debug"];
        const code = await runCli(argv, { stdout: writer(out), stderr: writer(err), stdin, env }, await loadServiceBinding());
        expect(code).toBe(252);
        expect(err.join("")).toContain("Parameter validation failed");
        texts.push(["CLI stdout", out.join("")], ["CLI stderr", err.join("")]);
      }
    } finally {
      for (const k of Object.keys(env)) delete process.env[k];
      Object.assign(process.env, saved);
    }

    texts.push(["client log", lines.join("\n")], ["emulator log", emulatorLog.join("\n")]);
    expect(texts.flatMap(([label, text]) => findLeaks(label, text))).toEqual([]);
  });
});
