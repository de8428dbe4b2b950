// Generated declarations never shadow what generated code imports: every type and class the runtime exports
// (and the @smithy names generated files use) is reserved, and shape names are made unique deterministically.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildServiceIR } from "../../codegen/ir/build.js";
import { typeScriptName } from "../../codegen/ir/names.js";
import { loadModel } from "../../codegen/load/load-model.js";
import { REPO_ROOT } from "./codegen-helpers.js";

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
