/**
 * The loader and IR builder reject bad models with every problem listed, each naming the shape id.
 */
import { describe, expect, it } from "vitest";
import { buildServiceIR } from "../../codegen/ir/build.js";
import { loadModel } from "../../codegen/load/load-model.js";
import { ModelError } from "../../codegen/load/errors.js";
import { OUR_MODEL } from "./codegen-helpers.js";

const NS = "example.bad";

/** A small valid model; `extra` adds or replaces shapes. */
function model(extra: Record<string, unknown> = {}, serviceTraits: Record<string, unknown> = { "aws.protocols#restJson1": {} }): unknown {
  return {
    smithy: "2.0",
    shapes: {
      [`${NS}#Svc`]: { type: "service", version: "1", operations: [{ target: `${NS}#Op` }], traits: serviceTraits },
      [`${NS}#Op`]: {
        type: "operation",
        input: { target: `${NS}#OpInput` },
        output: { target: "smithy.api#Unit" },
        traits: { "smithy.api#http": { method: "POST", uri: "/op" } },
      },
      [`${NS}#OpInput`]: { type: "structure", members: { Name: { target: "smithy.api#String" } }, traits: { "smithy.api#input": {} } },
      ...extra,
    },
  };
}

function problemsOf(run: () => unknown): { shapeId: string; message: string }[] {
  try {
    run();
  } catch (err) {
    expect(err).toBeInstanceOf(ModelError);
    return [...(err as ModelError).problems];
  }
  throw new Error("expected a ModelError");
}

const load = (json: unknown) => () => buildServiceIR(loadModel(json, "test.json"), { sourceModel: "test.json" });

const cases: { name: string; json: unknown; shapeId: string; message: RegExp }[] = [
  { name: "not an object", json: 42, shapeId: "(model)", message: /JSON object/ },
  { name: "Smithy 1.0", json: { ...(model() as object), smithy: "1.0" }, shapeId: "(model)", message: /unsupported Smithy version "1.0"/ },
  {
    name: "unknown member target",
    json: model({ [`${NS}#OpInput`]: { type: "structure", members: { Name: { target: `${NS}#Missing` } } } }),
    shapeId: `${NS}#OpInput$Name`,
    message: /target `example.bad#Missing` is not defined/,
  },
  { name: "unknown shape type", json: model({ [`${NS}#Weird`]: { type: "tuple" } }), shapeId: `${NS}#Weird`, message: /unknown shape type "tuple"/ },
  {
    name: "length with negative min",
    json: model({ [`${NS}#S`]: { type: "string", traits: { "smithy.api#length": { min: -1 } } } }),
    shapeId: `${NS}#S`,
    message: /smithy.api#length.*invalid value/,
  },
  {
    name: "range min above max",
    json: model({ [`${NS}#N`]: { type: "integer", traits: { "smithy.api#range": { min: 5, max: 1 } } } }),
    shapeId: `${NS}#N`,
    message: /smithy.api#range.*min ≤ max/,
  },
  {
    name: "length on an integer",
    json: model({ [`${NS}#N`]: { type: "integer", traits: { "smithy.api#length": { max: 1 } } } }),
    shapeId: `${NS}#N`,
    message: /length` does not apply to a integer/,
  },
  {
    name: "pattern that is not a regular expression",
    json: model({ [`${NS}#S`]: { type: "string", traits: { "smithy.api#pattern": "([a-z" } } }),
    shapeId: `${NS}#S`,
    message: /not a valid regular expression \(an unclosed character class\)/,
  },
  {
    name: "error trait value",
    json: model({ [`${NS}#E`]: { type: "structure", members: {}, traits: { "smithy.api#error": "user" } } }),
    shapeId: `${NS}#E`,
    message: /smithy.api#error.*"client" or "server"/,
  },
  {
    name: "http trait without a leading slash",
    json: model({
      [`${NS}#Op`]: { type: "operation", input: { target: `${NS}#OpInput` }, traits: { "smithy.api#http": { method: "POST", uri: "op" } } },
    }),
    shapeId: `${NS}#Op`,
    message: /uri` starting with `\/`/,
  },
  {
    name: "enum member not targeting Unit",
    json: model({ [`${NS}#En`]: { type: "enum", members: { A: { target: "smithy.api#String" } } } }),
    shapeId: `${NS}#En$A`,
    message: /must target `smithy.api#Unit`/,
  },
  {
    name: "duplicate enum values",
    json: model({
      [`${NS}#En`]: {
        type: "enum",
        members: { A: { target: "smithy.api#Unit", traits: { "smithy.api#enumValue": "x" } }, B: { target: "smithy.api#Unit", traits: { "smithy.api#enumValue": "x" } } },
      },
    }),
    shapeId: `${NS}#En$B`,
    message: /already used by `A`/,
  },
  {
    name: "member names differing only in case",
    json: model({ [`${NS}#OpInput`]: { type: "structure", members: { Name: { target: "smithy.api#String" }, name: { target: "smithy.api#String" } } } }),
    shapeId: `${NS}#OpInput$name`,
    message: /conflicts with `Name`/,
  },
  {
    name: "error without the error trait",
    json: model({
      [`${NS}#Op`]: { type: "operation", errors: [{ target: `${NS}#OpInput` }], traits: { "smithy.api#http": { method: "POST", uri: "/op" } } },
    }),
    shapeId: `${NS}#Op`,
    message: /lacks the `smithy.api#error` trait/,
  },
  {
    name: "mixin cycle",
    json: model({
      [`${NS}#A`]: { type: "structure", mixins: [{ target: `${NS}#B` }], members: {}, traits: { "smithy.api#mixin": {} } },
      [`${NS}#B`]: { type: "structure", mixins: [{ target: `${NS}#A` }], members: {}, traits: { "smithy.api#mixin": {} } },
    }),
    shapeId: `${NS}#A`,
    message: /mixins form a cycle/,
  },
  {
    name: "mixin without the mixin trait",
    json: model({ [`${NS}#M`]: { type: "structure", members: {} }, [`${NS}#U`]: { type: "structure", mixins: [{ target: `${NS}#M` }], members: {} } }),
    shapeId: `${NS}#U`,
    message: /lacks the `smithy.api#mixin` trait/,
  },
  {
    name: "apply to a missing member",
    json: model({ [`${NS}#OpInput$Nope`]: { type: "apply", traits: { "smithy.api#documentation": "x" } } }),
    shapeId: `${NS}#OpInput$Nope`,
    message: /does not have/,
  },
  {
    name: "unsupported protocol",
    json: model({}, { "aws.protocols#awsJson1_0": {} }),
    shapeId: `${NS}#Svc`,
    message: /unsupported protocol `aws.protocols#awsJson1_0`/,
  },

  {
    name: "URI label without a member",
    json: model({
      [`${NS}#Op`]: { type: "operation", input: { target: `${NS}#OpInput` }, traits: { "smithy.api#http": { method: "GET", uri: "/op/{Id}" } } },
    }),
    shapeId: `${NS}#Op`,
    message: /URI label `\{Id\}` has no input member/,
  },
  {
    name: "label member that is optional",
    json: model({
      [`${NS}#Op`]: { type: "operation", input: { target: `${NS}#OpInput` }, traits: { "smithy.api#http": { method: "GET", uri: "/op/{Name}" } } },
      [`${NS}#OpInput`]: { type: "structure", members: { Name: { target: "smithy.api#String", traits: { "smithy.api#httpLabel": {} } } } },
    }),
    shapeId: `${NS}#OpInput$Name`,
    message: /must be required/,
  },



  {
    name: "operation without http trait",
    json: model({ [`${NS}#Op`]: { type: "operation", input: { target: `${NS}#OpInput` } } }),
    shapeId: `${NS}#Op`,
    message: /no `smithy.api#http` trait/,
  },
  {
    name: "body member next to a payload",
    json: model({
      [`${NS}#OpInput`]: {
        type: "structure",
        members: { Body: { target: "smithy.api#Blob", traits: { "smithy.api#httpPayload": {} } }, Loose: { target: "smithy.api#String" } },
      },
    }),
    shapeId: `${NS}#OpInput$Loose`,
    message: /is the HTTP payload/,
  },
  {
    name: "two services",
    json: { smithy: "2.0", shapes: { "a#S1": { type: "service" }, "a#S2": { type: "service" } } },
    shapeId: "(model)",
    message: /2 services .* choose one with --service/,
  },
];

describe("loadModel / buildServiceIR problems", () => {
  it.each(cases)("$name", ({ json, shapeId, message }) => {
    const problems = problemsOf(load(json));
    const hit = problems.find((p) => p.shapeId === shapeId && message.test(p.message));
    expect(hit, JSON.stringify(problems, null, 2)).toBeDefined();
  });

  it("reports every problem at once, each on its own line with the shape id", () => {
    const json = model({
      [`${NS}#A`]: { type: "string", traits: { "smithy.api#pattern": "(" } },
      [`${NS}#B`]: { type: "integer", traits: { "smithy.api#range": { min: "x" } } },
      [`${NS}#OpInput`]: { type: "structure", members: { Name: { target: `${NS}#Missing` } } },
    });
    let error: ModelError | undefined;
    try {
      load(json)();
    } catch (err) {
      error = err as ModelError;
    }
    expect(error?.problems.map((p) => p.shapeId).sort()).toEqual([`${NS}#A`, `${NS}#B`, `${NS}#OpInput$Name`]);
    expect(error?.message).toMatch(/^test.json: 3 model problems\n {2}example.bad#/);
  });

  it("reports an unreadable file and invalid JSON without crashing", () => {
    expect(problemsOf(() => loadModel("/nonexistent/model.json"))[0]?.message).toMatch(/cannot read/);
  });

  it("accepts the project model and the prelude shapes", () => {
    const loaded = loadModel(OUR_MODEL);
    for (const id of ["smithy.api#String", "smithy.api#PrimitiveInteger", "smithy.api#Timestamp", "smithy.api#Document", "smithy.api#Unit"]) {
      expect(loaded.shapes.has(id), id).toBe(true);
    }
  });
});
