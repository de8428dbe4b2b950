/**
 * The API snapshot and its change list: what is added, removed, or became required/optional.
 */
import { describe, expect, it } from "vitest";
import { apiSurface, apiSurfaceText, diffApiSurface, formatApiChanges, type ApiSurface } from "../../codegen/api-surface.js";
import { buildServiceIR } from "../../codegen/ir/build.js";
import { loadModel } from "../../codegen/load/load-model.js";
import { OUR_MODEL } from "./codegen-helpers.js";

const before: ApiSurface = {
  operations: { A: { input: "AIn", output: "AOut" }, B: { input: "BIn", output: "BOut" } },
  structures: { AIn: { x: "optional", y: "required", z: "optional" }, Gone: {} },
  enums: { E: ["a", "b"], Old: [1] },
};
const after: ApiSurface = {
  operations: { A: { input: "AIn", output: "AOut" }, C: { input: "CIn", output: "COut" } },
  structures: { AIn: { x: "required", y: "optional", w: "required" }, New: {} },
  enums: { E: ["a", "c"], Fresh: ["q"] },
};

describe("diffApiSurface", () => {
  it("lists every change in a stable order with breaking ones flagged", () => {
    expect(formatApiChanges(diffApiSurface(before, after))).toBe(
      [
        "  BREAKING operation B removed",
        "  operation C added",
        "  BREAKING member AIn.w added as required",
        "  BREAKING member AIn.x became required",
        "  member AIn.y became optional",
        "  BREAKING member AIn.z removed",
        "  BREAKING shape Gone removed",
        "  shape New added",
        '  enum E value "c" added',
        '  BREAKING enum E value "b" removed',
        "  enum Fresh added",
        "  BREAKING enum Old removed",
      ].join("\n"),
    );
  });

  it("is empty for identical snapshots", () => {
    expect(diffApiSurface(before, before)).toEqual([]);
  });
});

describe("apiSurface", () => {
  it("snapshots the project model deterministically", () => {
    const ir = buildServiceIR(loadModel(OUR_MODEL), { sourceModel: "m" });
    const surface = apiSurface(ir);
    expect(surface.operations["CreateOtaTask"]).toEqual({
      input: "CreateOtaTaskRequest",
      output: "CreateOtaTaskResponse",
      http: "POST /ota-tasks 201",
      errors: ["AccessDeniedException", "ConflictException", "InternalServerException", "ThrottlingException", "ValidationException"],
    });
    expect(Object.keys(surface.operations)).toHaveLength(10);
    expect(surface.structures["CreateOtaTaskRequest"]?.["S3Url"]).toMatchObject({ target: "string", required: true, binding: "body" });
    expect(surface.enums["OtaType"]).toEqual(["ONE_TIME", "CONTINUOUS"]);
    expect(apiSurfaceText(apiSurface(buildServiceIR(loadModel(OUR_MODEL), { sourceModel: "m" })))).toBe(apiSurfaceText(surface));
  });
});
