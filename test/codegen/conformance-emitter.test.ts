// codegen/emit/protocol-tests.ts: which cases are emitted and how test params become typed literals.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { isClientCase, protocolTestsEmitter, valueLiteral } from "../../codegen/emit/protocol-tests.js";
import { emitFiles } from "../../codegen/generate.js";
import { buildServiceIR } from "../../codegen/ir/build.js";
import type { ShapeIR } from "../../codegen/ir/types.js";
import { loadModel } from "../../codegen/load/load-model.js";
import { declaredClientTests, withoutOperations, withoutUnsupportedOperations } from "../conformance/generate.js";

const FIXTURE = fileURLToPath(new URL("../conformance/fixtures/widgets.json", import.meta.url));

function emitted(model: unknown = FIXTURE): string {
  const ir = buildServiceIR(loadModel(model, "widgets.json"), { sourceModel: "widgets.json" });
  const files = emitFiles(ir, "rt", [{ name: "protocol-tests", emit: protocolTestsEmitter() }]);
  expect(files.map((f) => f.path)).toEqual(["protocol-tests.ts"]);
  return files[0]!.text;
}

const base = { id: "x#S", name: "S", sensitive: false, constraints: {} } as const;

describe("protocol-tests emitter", () => {
  it("emits client cases of operations and errors, endpoint cases, and leaves server cases out", () => {
    const text = emitted();
    for (const id of ["FixtureGetWidget", "FixtureDeliberatelyWrongHeader", "FixtureCreateWidgetFillsToken", "FixtureGetWidgetOutput", "FixtureCreateWidgetOutput", "FixtureWidgetNotFound"]) {
      expect(text).toContain(`id: "${id}"`);
    }
    expect(text).not.toContain("FixtureServerOnly");
    expect(text).toContain('import type { CreateWidgetSpec, GetWidgetSpec } from "./operations.js";');
    expect(text).toContain('import { SERVICE_SPEC } from "./service.js";');
    expect(text).toMatch(/error: "WidgetNotFound"/);
    expect(text).toContain('id: "endpoint[1] no region"');
  });

  it("turns epoch seconds into Dates and blob text into bytes, typed by the spec's input", () => {
    const text = emitted();
    expect(text).toContain("CreatedAt: new Date(1500000000500)");
    expect(text).toContain('Data: utf8("hi")');
    expect(text).toContain("input: (): Parameters<typeof GetWidgetSpec.serialize>[0] =>");
  });

  it("emits a case whose params do not fit the model with the reason instead of dropping it", () => {
    const model = loadModelJson();
    const op = model.shapes["example.widgets#GetWidget"] as { traits: Record<string, { params: Record<string, unknown> }[]> };
    op.traits["smithy.test#httpRequestTests"]![0]!.params["Colour"] = "red";
    const text = emitted(model);
    expect(text).toContain('emitError: "params.Colour: GetWidgetInput has no member Colour"');
  });

  it("converts special floats, numbers, documents and sparse nulls; rejects wrong kinds", () => {
    const double = { ...base, kind: "double" } as ShapeIR;
    expect(valueLiteral("NaN", double, "p")).toBe("NaN");
    expect(valueLiteral("-Infinity", double, "p")).toBe("-Infinity");
    expect(valueLiteral(-0, double, "p")).toBe("-0");
    expect(valueLiteral({ a: [1, null] }, { ...base, kind: "document" } as ShapeIR, "p")).toBe('{"a":[1,null]}');
    const list = { ...base, kind: "list", sparse: true, member: { name: "member", jsonName: "member", target: { ...base, kind: "string" }, required: false, idempotencyToken: false, sensitive: false, constraints: {} } } as ShapeIR & { kind: "list" };
    expect(valueLiteral(["a", null], list, "p")).toBe('["a", null]');
    const struct = { ...base, kind: "structure", members: [{ ...list.member, name: "Nested" }] } as ShapeIR;
    expect(valueLiteral({ Nested: null }, struct, "p")).toBe("{}");
    expect(() => valueLiteral("3", { ...base, kind: "integer" } as ShapeIR, "p.n")).toThrow(/p.n: expected a number/);
    expect(() => valueLiteral("2020", { ...base, kind: "timestamp" } as ShapeIR, "p.t")).toThrow(/expected epoch seconds/);
  });

  it("the runner knows every declared client case and what leaving an operation out costs", () => {
    const model = loadModelJson();
    expect(declaredClientTests(model).map((t) => `${t.kind} ${t.id}`).sort()).toEqual([
      "request FixtureCreateWidgetFillsToken",
      "request FixtureDeliberatelyWrongHeader",
      "request FixtureGetWidget",
      "response FixtureCreateWidgetOutput",
      "response FixtureGetWidgetOutput",
      "response FixtureWidgetNotFound",
    ]);
    const { model: filtered, removed, operations } = withoutOperations(model, (id) => (id.endsWith("#CreateWidget") ? "left out" : undefined));
    expect(operations).toEqual(["example.widgets#CreateWidget"]);
    expect(removed.map((t) => t.id)).toEqual(["FixtureCreateWidgetFillsToken", "FixtureCreateWidgetOutput"]);
    const service = (filtered as { shapes: Record<string, { operations?: { target: string }[] }> }).shapes["example.widgets#Widgets"]!;
    expect(service.operations).toEqual([{ target: "example.widgets#GetWidget" }]);
    expect(withoutUnsupportedOperations(model).operations).toEqual([]);
  });

  it("selects client cases of restJson1 only", () => {
    expect(isClientCase({ id: "a", protocol: "aws.protocols#restJson1" })).toBe(true);
    expect(isClientCase({ id: "a", protocol: "aws.protocols#restJson1", appliesTo: "client" })).toBe(true);
    expect(isClientCase({ id: "a", protocol: "aws.protocols#restJson1", appliesTo: "server" })).toBe(false);
    expect(isClientCase({ id: "a", protocol: "aws.protocols#awsJson1_1" })).toBe(false);
  });
});

/** A fresh parsed copy of the fixture (tests edit it). */
function loadModelJson(): { shapes: Record<string, unknown> } {
  return JSON.parse(readFileSync(FIXTURE, "utf8")) as { shapes: Record<string, unknown> };
}
