/**
 * Operation and member traits the restJson1 suite exercises beyond plain bindings: `@streaming` blob
 * payloads (buffered), `@httpChecksumRequired`, `@requestCompression`, and `@clientOptional` members whose
 * `@default` the client must not fill in. Checked in the IR, in the emitted text and by running the code.
 */
import { describe, expect, it } from "vitest";
import { HttpResponse } from "@smithy/protocol-http";
import { generate } from "../../codegen/generate.js";
import { buildServiceIR } from "../../codegen/ir/build.js";
import type { BlobShape, OperationIR, StructureShape } from "../../codegen/ir/types.js";
import { loadModel } from "../../codegen/load/load-model.js";
import type { OperationSpec } from "../../src/runtime/protocol/contract.js";
import { emitToMemory, serdeEmitters, writeGenerated } from "./serde-harness.js";

const service = (operations: string[], shapes: Record<string, unknown>) => ({
  smithy: "2.0",
  shapes: {
    "n#S": { type: "service", version: "1", operations: operations.map((target) => ({ target })), traits: { "aws.protocols#restJson1": {}, "aws.api#service": { sdkId: "S" } } },
    ...shapes,
  },
});

const MODEL = service(["n#Upload", "n#Checked", "n#Compressed", "n#Defaults"], {
  "n#Upload": { type: "operation", input: { target: "n#UploadIO" }, output: { target: "n#UploadIO" }, traits: { "smithy.api#http": { method: "POST", uri: "/upload" } } },
  "n#UploadIO": {
    type: "structure",
    members: {
      Name: { target: "smithy.api#String", traits: { "smithy.api#httpHeader": "X-Name" } },
      Data: { target: "n#Text", traits: { "smithy.api#httpPayload": {}, "smithy.api#default": "" } },
    },
  },
  "n#Text": { type: "blob", traits: { "smithy.api#streaming": {}, "smithy.api#requiresLength": {}, "smithy.api#mediaType": "text/plain" } },
  "n#Checked": { type: "operation", input: { target: "n#Small" }, traits: { "smithy.api#http": { method: "POST", uri: "/checked" }, "smithy.api#httpChecksumRequired": {} } },
  "n#Compressed": { type: "operation", input: { target: "n#Small" }, traits: { "smithy.api#http": { method: "POST", uri: "/compressed" }, "smithy.api#requestCompression": { encodings: ["gzip"] } } },
  "n#Small": { type: "structure", members: { Value: { target: "smithy.api#String" } } },
  "n#Defaults": { type: "operation", input: { target: "n#DefaultsInput" }, traits: { "smithy.api#http": { method: "POST", uri: "/defaults" } } },
  "n#DefaultsInput": { type: "structure", members: { Nested: { target: "n#Nested" } } },
  "n#Nested": {
    type: "structure",
    members: {
      Filled: { target: "smithy.api#Integer", traits: { "smithy.api#default": 1 } },
      Optional: { target: "smithy.api#Integer", traits: { "smithy.api#clientOptional": {}, "smithy.api#default": 2 } },
      Insisted: { target: "smithy.api#Integer", traits: { "smithy.api#clientOptional": {}, "smithy.api#required": {}, "smithy.api#default": 3 } },
    },
  },
});

const ir = buildServiceIR(loadModel(MODEL, "m.json"), { sourceModel: "m.json" });
const op = (name: string): OperationIR => ir.operations.find((o) => o.name === name) ?? (() => { throw new Error(name); })();
const CONTEXT = { endpoint: { protocol: "https:", hostname: "h.example", path: "/" }, generateIdempotencyToken: () => "t" };

describe("IR", () => {
  it("accepts a streaming blob payload and keeps the fact", () => {
    const data = op("Upload").input.members.find((m) => m.name === "Data");
    expect(data?.binding).toEqual({ location: "payload" });
    expect(data?.target).toMatchObject({ kind: "blob", streaming: true, mediaType: "text/plain" } satisfies Partial<BlobShape>);
  });

  it("rejects a streaming blob anywhere but the payload", () => {
    const bad = service(["n#Op"], {
      "n#Op": { type: "operation", input: { target: "n#In" }, traits: { "smithy.api#http": { method: "POST", uri: "/op" } } },
      "n#In": { type: "structure", members: { Data: { target: "n#Stream" } } },
      "n#Stream": { type: "blob", traits: { "smithy.api#streaming": {} } },
    });
    expect(() => buildServiceIR(loadModel(bad, "m.json"), { sourceModel: "m.json" })).toThrow(/n#In\$Data: a streaming blob must be bound with `smithy.api#httpPayload`/);
  });

  it("reads httpChecksumRequired and requestCompression, absent elsewhere", () => {
    expect(op("Checked").httpChecksumRequired).toBe(true);
    expect(op("Compressed").requestCompression).toEqual(["gzip"]);
    expect(op("Upload")).not.toHaveProperty("httpChecksumRequired");
    expect(op("Upload")).not.toHaveProperty("requestCompression");
  });

  it("rejects requestCompression without a list of encodings", () => {
    const bad = service(["n#Op"], { "n#Op": { type: "operation", traits: { "smithy.api#http": { method: "POST", uri: "/op" }, "smithy.api#requestCompression": { encodings: [1] } } } });
    expect(() => buildServiceIR(loadModel(bad, "m.json"), { sourceModel: "m.json" })).toThrow(/needs `encodings`, a list of strings/);
  });

  it("marks every clientOptional member, and keeps a required one's requirement as modelRequired", () => {
    const nested = ir.shapes.find((s) => s.name === "Nested") as StructureShape;
    const facts = nested.members.map((m) => [m.name, m.required, m.clientOptional ?? false, m.modelRequired ?? false]);
    expect(facts).toEqual([["Filled", false, false, false], ["Optional", false, true, false], ["Insisted", false, true, true]]);
  });
});

describe("generated code", () => {
  const files = new Map(generate({ model: MODEL, sourceModel: "m.json", runtimeImport: "iotmi/runtime" }).files.map((f) => [f.path, f.text]));

  it("is laid out as TypeScript's formatter lays it out, so generation needs no formatting pass", () => {
    const formatted = generate({ model: MODEL, sourceModel: "m.json", runtimeImport: "iotmi/runtime", format: true }).files;
    expect(formatted.map((f) => f.path)).toEqual([...files.keys()]);
    for (const f of formatted) expect(files.get(f.path), f.path).toBe(f.text);
  });

  it("passes the operation traits to the runtime in the specs", () => {
    const operations = files.get("operations.ts") ?? "";
    expect(operations).toMatch(/CheckedSpec[^]*?httpChecksumRequired: true,/);
    expect(operations).toMatch(/CompressedSpec[^]*?requestCompression: \["gzip"\],/);
    expect(operations.match(/httpChecksumRequired/g)).toHaveLength(1);
  });

  it("lets the command take text or bytes for a streaming payload, and returns bytes", () => {
    const command = files.get("commands/UploadCommand.ts") ?? "";
    expect(command).toContain('export interface UploadCommandInput extends Omit<UploadIO, "Data"> {');
    expect(command).toContain("Data?: Uint8Array | string | undefined;");
    expect(command).toContain("export interface UploadCommandOutput extends UploadIO, MetadataBearer {");
    expect(files.get("models.ts")).toContain("Data?: Uint8Array | undefined;");
  });

  it("sends the streaming payload as bytes with its media type, reads it back as bytes, and leaves clientOptional defaults out", async () => {
    const dir = writeGenerated("protocol-traits", emitToMemory(ir, await serdeEmitters()));
    const specs = (await import(`${dir}/operations.ts`)) as Record<string, OperationSpec<Record<string, unknown>, Record<string, unknown>>>;
    const upload = specs["UploadSpec"]!;
    const request = upload.serialize({ Name: "n", Data: "héllo" }, CONTEXT);
    expect(request.headers).toMatchObject({ "X-Name": "n", "content-type": "text/plain", "content-length": "6" });
    expect(new TextDecoder().decode(request.body as Uint8Array)).toBe("héllo");
    const empty = upload.serialize({ Name: "n" }, CONTEXT);
    expect([empty.body, empty.headers["content-type"]]).toEqual([undefined, "text/plain"]);

    const response = Object.assign(new HttpResponse({ statusCode: 200, headers: { "x-name": "n", "content-type": "text/plain" } }), { body: new TextEncoder().encode("bytes") });
    const output = upload.deserialize(response);
    expect(output["Data"]).toBeInstanceOf(Uint8Array);
    expect(new TextDecoder().decode(output["Data"] as Uint8Array)).toBe("bytes");

    const defaults = specs["DefaultsSpec"]!.serialize({ Nested: {} }, CONTEXT);
    // A client never writes a default the caller did not set (Smithy: the service applies it).
    expect(JSON.parse(defaults.body as string)).toEqual({ Nested: {} });
  });
});
