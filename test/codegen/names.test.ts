// Generated declarations never shadow what generated code imports: every type and class the runtime exports
// (and the @smithy names generated files use) is reserved, and shape names are made unique deterministically.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { emitFiles, generate } from "../../codegen/generate.js";
import { buildServiceIR } from "../../codegen/ir/build.js";
import { typeScriptName } from "../../codegen/ir/names.js";
import { loadModel } from "../../codegen/load/load-model.js";
import { REPO_ROOT, RUNTIME_SPECIFIER, removeDir, tempDir, typecheck, writeFiles } from "./codegen-helpers.js";

/** Capitalised names `src/runtime/index.ts` exports (types, classes, constants). */
function runtimeExports(): string[] {
  const text = readFileSync(join(REPO_ROOT, "src/runtime/index.ts"), "utf8");
  const names = new Set<string>();
  for (const block of text.matchAll(/export\s+(?:type\s+)?\{([^}]*)\}/g)) {
    for (const part of block[1]!.split(",")) {
      const name = part.trim().replace(/^type\s+/, "").split(/\s+as\s+/).pop()!;
      if (/^[A-Z][A-Za-z0-9]*$/.test(name)) names.add(name);
    }
  }
  return [...names].sort();
}

describe("generated names", () => {
  it("reserves every type and class the runtime exports", () => {
    const unreserved = runtimeExports().filter((name) => typeScriptName(name) === name);
    expect(unreserved).toEqual([]);
  });

  it("makes colliding names unique by shape id, ignoring case, without refusing the model", () => {
    const shapes = {
      "a#S": { type: "service", version: "1", operations: [{ target: "a#GetRange" }], traits: { "aws.protocols#restJson1": {}, "aws.api#service": { sdkId: "S" } } },
      "a#GetRange": { type: "operation", input: { target: "a#GetRangeInput" }, output: { target: "a#GetRangeCommand" }, traits: { "smithy.api#http": { method: "POST", uri: "/r" } } },
      "a#GetRangeInput": { type: "structure", members: { Range: { target: "a#Range" }, Other: { target: "b#range" }, Client: { target: "a#SClient" } } },
      "a#GetRangeCommand": { type: "structure", members: {} },
      "a#Range": { type: "string" },
      "b#range": { type: "integer" },
      "a#SClient": { type: "string" },
      "a#Violation": { type: "string" },
    };
    const build = () => buildServiceIR(loadModel({ smithy: "2.0", shapes }, "m.json"), { sourceModel: "m.json" });
    const ir = build();
    const names = Object.fromEntries(ir.shapes.map((s) => [s.id, s.name]));
    expect(names).toMatchObject({ "a#Range": "Range", "b#range": "_range", "a#GetRangeCommand": "_GetRangeCommand", "a#SClient": "_SClient" });
    expect(Object.fromEntries(build().shapes.map((s) => [s.id, s.name]))).toEqual(names);
  });
});

describe("generated file names", () => {
  /** A one-operation service whose sdkId names the aggregated client. */
  const model = (sdkId: string) => ({
    smithy: "2.0",
    shapes: {
      "a#S": { type: "service", version: "1", operations: [{ target: "a#GetThing" }], traits: { "aws.protocols#restJson1": {}, "aws.api#service": { sdkId } } },
      "a#GetThing": { type: "operation", input: { target: "a#GetThingInput" }, traits: { "smithy.api#http": { method: "GET", uri: "/t" }, "smithy.api#readonly": {} } },
      "a#GetThingInput": { type: "structure", members: { Id: { target: "smithy.api#String", traits: { "smithy.api#httpQuery": "id" } } } },
    },
  });

  it("never writes two files that differ only by case (sdkId Schemas next to schemas.ts), and the output type-checks", () => {
    for (const sdkId of ["Schemas", "Service", "Models", "Index"]) {
      const { ir, files } = generate({ model: model(sdkId), sourceModel: "m.json", runtimeImport: RUNTIME_SPECIFIER, format: false });
      const lower = files.map((f) => f.path.toLowerCase());
      expect(new Set(lower).size, sdkId).toBe(lower.length);
      expect(files.map((f) => f.path)).toContain(`_${ir.clientName}.ts`);
      expect(files.find((f) => f.path === "index.ts")!.text).toContain(`from "./_${ir.clientName}.js"`);
    }
    const { files } = generate({ model: model("Schemas"), sourceModel: "m.json", runtimeImport: RUNTIME_SPECIFIER });
    const dir = tempDir("case-names-");
    try {
      writeFiles(dir, files);
      expect(typecheck(dir)).toEqual([]);
    } finally {
      removeDir(dir);
    }
  });

  it("keeps the SDK's file name when nothing collides", () => {
    const { files } = generate({ model: model("Widgets"), sourceModel: "m.json", runtimeImport: RUNTIME_SPECIFIER, format: false });
    expect(files.map((f) => f.path)).toContain("Widgets.ts");
  });

  it("refuses to emit two paths that differ only by case", () => {
    const ir = buildServiceIR(loadModel(model("Widgets"), "m.json"), { sourceModel: "m.json" });
    const clash = { name: "clash", emit: (c: { createFile(path: string): unknown }) => (c.createFile("a.ts"), c.createFile("A.ts")) };
    expect(() => emitFiles(ir, RUNTIME_SPECIFIER, [clash])).toThrow("generated files a.ts and A.ts differ only by case");
  });
});

describe("models the generator refuses", () => {
  const SHARED = process.env["IOTMI_SHARED"];
  it.skipIf(SHARED === undefined).each([
    ["dynamodb.json", "unsupported protocol `aws.protocols#awsJson1_0`"],
    ["route-53.json", "unsupported protocol `aws.protocols#restXml`"],
  ])("refuses %s in one line naming the protocol first", (file, start) => {
    let message = "";
    try {
      buildServiceIR(loadModel(join(SHARED!, "models", file), file), { sourceModel: file });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message.startsWith(`${file}: ${start}:`), message).toBe(true);
    expect(message).not.toContain("\n");
  });

  it("refuses event streams in one line naming the feature first", () => {
    const shapes = {
      "a#S": { type: "service", version: "1", operations: [{ target: "a#Watch" }], traits: { "aws.protocols#restJson1": {}, "aws.api#service": { sdkId: "S" } } },
      "a#Watch": { type: "operation", input: { target: "a#WatchInput" }, output: { target: "a#WatchOutput" }, traits: { "smithy.api#http": { method: "POST", uri: "/w" } } },
      "a#WatchInput": { type: "structure", members: {} },
      "a#WatchOutput": { type: "structure", members: { Events: { target: "a#Events", traits: { "smithy.api#httpPayload": {} } } } },
      "a#Events": { type: "union", members: { Tick: { target: "a#Tick" } }, traits: { "smithy.api#streaming": {} } },
      "a#Tick": { type: "structure", members: {} },
    };
    expect(() => buildServiceIR(loadModel({ smithy: "2.0", shapes }, "m.json"), { sourceModel: "m.json" })).toThrow(/^m\.json: unsupported feature event streams \(unions marked `smithy\.api#streaming`\): a#Events$/);
  });
});
