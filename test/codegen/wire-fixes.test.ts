// The wire defects the SDK v3 comparison found, one fixture model (test/fixtures/wire) driving the generated
// client over real loopback sockets: host prefixes in the signed Host (and `disableHostPrefix`), endpoint
// parameters from `staticContextParams`, `contextParam`, `operationContextParams` and `clientContextParams`,
// `Content-Length: 0` for a POST without body, a payload's content type when it is absent, and no `@default`
// sent for a member the caller did not set.
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generate } from "../../codegen/generate.js";
import { NodeHttpRequestHandler } from "../../src/runtime/index.js";
import { verifySigV4 } from "../runtime/helpers.js";
import { Recorder, toRecorder, type Recorded } from "../sdk-oracle/wire.js";
import { FIXTURES, REPO_ROOT, removeDir, tempDir, writeFiles } from "./codegen-helpers.js";

const CREDS = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" };

type AnyClient = { send(command: unknown): Promise<unknown>; destroy(): void };
let dir: string;
let module: Record<string, any>;
let recorder: Recorder;

beforeAll(async () => {
  const { files } = generate({ model: join(FIXTURES, "wire", "model.json"), sourceModel: "model.json", runtimeImport: join(REPO_ROOT, "src/runtime/index.ts"), format: false });
  dir = tempDir("wire-fixes");
  writeFiles(dir, files);
  module = (await import(pathToFileURL(join(dir, "index.ts")).href)) as Record<string, any>;
  recorder = await Recorder.start();
});
afterAll(async () => {
  await recorder.close();
  removeDir(dir);
});

async function send(command: string, input: object, options: object = {}): Promise<Recorded> {
  const client = new module["WireClient"]({
    region: "us-east-1",
    credentials: CREDS,
    maxAttempts: 1,
    requestHandler: toRecorder(new NodeHttpRequestHandler(), recorder.port),
    ...options,
  }) as AnyClient;
  const before = recorder.requests.length;
  try {
    await client.send(new module[`${command}Command`](input));
  } finally {
    client.destroy();
  }
  const request = recorder.requests[before];
  if (request === undefined) throw new Error("nothing was sent");
  return request;
}

function signedHeaders(request: Recorded): string[] {
  return (/SignedHeaders=([^,]+)/.exec(request.headers["authorization"] ?? "")?.[1] ?? "").split(";");
}

describe("requests of a restJson1 model as the SDK v3 sends them", () => {
  it("dials and signs the prefixed host; disableHostPrefix keeps the endpoint's host", async () => {
    const request = await send("GetThing", { Id: "t1", Tenant: "acme", Bucket: "b1" });
    // staticContextParams ApiType=dataplane and contextParam Bucket=b1 chose the endpoint; the prefix came first.
    expect(request.headers["host"]).toBe("acme.data.dataplane.b1.example.com");
    expect(signedHeaders(request)).toContain("host");
    verifySigV4({ ...request, headers: { ...request.headers }, body: request.body.toString() }, { ...CREDS, region: "us-east-1", service: "wire" });
    const plain = await send("GetThing", { Id: "t1", Tenant: "acme", Bucket: "b1" }, { disableHostPrefix: true });
    expect(plain.headers["host"]).toBe("dataplane.b1.example.com");
  });

  it("refuses a host label that would make an invalid host name", async () => {
    await expect(send("GetThing", { Id: "t1", Tenant: "a/b", Bucket: "b1" })).rejects.toThrow(/not valid/);
  });

  it("binds operationContextParams paths and clientContextParams options", async () => {
    const request = await send("PutNames", { Items: [{ Name: "first" }, { Name: "second" }] });
    expect(request.headers["host"]).toBe("first.control.example.com");
    const accelerated = await send("PutNames", { Items: [{ Name: "first" }] }, { accelerate: true });
    expect(accelerated.headers["host"]).toBe("accel.example.com");
  });

  it("sends a POST without body members with Content-Length: 0, not chunked", async () => {
    const request = await send("Ping", { Note: "hi" });
    expect(request.headers["content-length"]).toBe("0");
    expect(request.headers["transfer-encoding"]).toBeUndefined();
    expect(request.headers["content-type"]).toBeUndefined();
    expect(request.body.length).toBe(0);
  });

  it("sends an absent text payload's content type without a body", async () => {
    const request = await send("PutText", {});
    expect(request.headers["content-type"]).toBe("text/plain");
    expect(request.headers["content-length"]).toBe("0");
    expect(signedHeaders(request)).toContain("content-type");
  });

  it("sends no @default the caller did not set", async () => {
    const request = await send("PutDefaults", { Settings: { Name: "n" } });
    expect(JSON.parse(request.body.toString())).toEqual({ Settings: { Name: "n" } });
  });

  it("signs the SDK v3's header set, telemetry headers included", async () => {
    const request = await send("PutDefaults", { Settings: {} });
    expect(signedHeaders(request)).toEqual(["amz-sdk-invocation-id", "amz-sdk-request", "content-length", "content-type", "host", "x-amz-content-sha256", "x-amz-date", "x-amz-user-agent"]);
  });
});
