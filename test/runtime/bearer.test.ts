// Bearer auth (`smithy.api#httpBearerAuth`) through generated clients over loopback: the `token` option or
// AWS_BEARER_TOKEN_<SERVICE>, chosen by the model's auth order as the SDK v3 chooses it.
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { generate } from "../../codegen/generate.js";
import { REPO_ROOT, removeDir, tempDir, writeFiles } from "../codegen/codegen-helpers.js";
import { Recorder, toRecorder } from "../sdk-oracle/wire.js";
import { NodeHttpRequestHandler } from "../../src/runtime/index.js";

function model(auth: string[]): object {
  const traits: Record<string, unknown> = { "aws.protocols#restJson1": {}, "aws.api#service": { sdkId: "Tok" }, "smithy.api#auth": auth };
  for (const id of auth) traits[id] = id === "aws.auth#sigv4" ? { name: "tok" } : {};
  return {
    smithy: "2.0",
    shapes: {
      "t#Tok": { type: "service", version: "1", operations: [{ target: "t#Ping" }], traits },
      "t#Ping": { type: "operation", traits: { "smithy.api#http": { method: "POST", uri: "/ping" } } },
    },
  };
}

const dirs: string[] = [];
let recorder: Recorder;
beforeAll(async () => {
  recorder = await Recorder.start();
});
afterAll(async () => {
  await recorder.close();
  dirs.forEach(removeDir);
});
afterEach(() => {
  delete process.env["AWS_BEARER_TOKEN_TOK"];
});

async function authorization(auth: string[], options: object): Promise<string | undefined> {
  const { files } = generate({ model: model(auth), sourceModel: "m.json", runtimeImport: join(REPO_ROOT, "src/runtime/index.ts"), format: false });
  const dir = tempDir("bearer");
  dirs.push(dir);
  writeFiles(dir, files);
  const module = (await import(pathToFileURL(join(dir, "index.ts")).href)) as Record<string, any>;
  const client = new module["TokClient"]({
    region: "us-east-1",
    endpoint: "https://tok.example.com",
    credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" },
    requestHandler: toRecorder(new NodeHttpRequestHandler(), recorder.port),
    maxAttempts: 1,
    ...options,
  });
  const before = recorder.requests.length;
  await client.send(new module["PingCommand"]({}));
  client.destroy();
  return recorder.requests[before]?.headers["authorization"];
}

describe("bearer auth", () => {
  it("sends the token option of a bearer-only service", async () => {
    expect(await authorization(["smithy.api#httpBearerAuth"], { token: { token: "t0k" } })).toBe("Bearer t0k");
  });

  it("reads AWS_BEARER_TOKEN_<SERVICE> and takes a token provider", async () => {
    process.env["AWS_BEARER_TOKEN_TOK"] = "from-env";
    expect(await authorization(["smithy.api#httpBearerAuth"], {})).toBe("Bearer from-env");
    expect(await authorization(["smithy.api#httpBearerAuth"], { token: async () => ({ token: "p" }) })).toBe("Bearer p");
  });

  it("keeps SigV4 first unless a token is configured, as the SDK v3 does", async () => {
    expect(await authorization(["aws.auth#sigv4", "smithy.api#httpBearerAuth"], {})).toMatch(/^AWS4-HMAC-SHA256 /);
    expect(await authorization(["aws.auth#sigv4", "smithy.api#httpBearerAuth"], { token: { token: "x" } })).toBe("Bearer x");
  });

  it("says which variable to set when there is no token", async () => {
    await expect(authorization(["smithy.api#httpBearerAuth"], {})).rejects.toThrow(/AWS_BEARER_TOKEN_TOK/);
  });
});
