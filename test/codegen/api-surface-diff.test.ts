// The change report: every kind of API change, marked BREAKING as `smithy diff` would, from two generated
// snapshots of one small model edited the way services evolve.
import { describe, expect, it } from "vitest";
import { apiSurface, diffApiSurface } from "../../codegen/api-surface.js";
import { buildServiceIR } from "../../codegen/ir/build.js";
import { loadModel } from "../../codegen/load/load-model.js";

type Shapes = Record<string, Record<string, any>>;

function surface(shapes: Shapes) {
  return apiSurface(buildServiceIR(loadModel({ smithy: "2.0", shapes }, "m.json"), { sourceModel: "m.json" }));
}

function base(): Shapes {
  return {
    "a#S": { type: "service", version: "1", operations: [{ target: "a#Put" }], traits: { "aws.protocols#restJson1": {}, "aws.api#service": { sdkId: "S" } } },
    "a#Put": { type: "operation", input: { target: "a#PutInput" }, errors: [{ target: "a#Bad" }], traits: { "smithy.api#http": { method: "PUT", uri: "/things/{Id}" }, "smithy.api#idempotent": {} } },
    "a#PutInput": {
      type: "structure",
      members: {
        Id: { target: "smithy.api#String", traits: { "smithy.api#required": {}, "smithy.api#httpLabel": {} } },
        Name: { target: "smithy.api#String", traits: { "smithy.api#length": { min: 1, max: 10 } } },
        Count: { target: "smithy.api#Integer", traits: { "smithy.api#range": { max: 5 } } },
        Tags: { target: "a#Tags" },
        Token: { target: "smithy.api#String", traits: { "smithy.api#idempotencyToken": {} } },
        Code: { target: "smithy.api#String", traits: { "smithy.api#httpHeader": "X-Code" } },
      },
    },
    "a#Tags": { type: "list", member: { target: "smithy.api#String" } },
    "a#Bad": { type: "structure", members: {}, traits: { "smithy.api#error": "client" } },
    "a#Gone": { type: "structure", members: {}, traits: { "smithy.api#error": "client", "smithy.api#httpError": 410 } },
  };
}

describe("diffApiSurface", () => {
  it("reports every change and marks breaking ones by smithy diff's rules", () => {
    const after = base();
    after["a#Put"]!["traits"]["smithy.api#http"] = { method: "POST", uri: "/things/{Id}" };
    delete after["a#Put"]!["traits"]["smithy.api#idempotent"];
    after["a#Put"]!["errors"] = [{ target: "a#Gone" }];
    const members = after["a#PutInput"]!["members"];
    members["Name"].traits = { "smithy.api#length": { min: 1, max: 20 } };
    members["Count"].traits = { "smithy.api#range": { max: 3 } };
    members["Tags"] = { target: "a#TagMap" };
    after["a#TagMap"] = { type: "map", key: { target: "smithy.api#String" }, value: { target: "smithy.api#String" } };
    members["Token"].traits = {};
    members["Code"].traits = { "smithy.api#httpQuery": "code" };
    members["Extra"] = { target: "smithy.api#String", traits: { "smithy.api#required": {} } };
    const changes = diffApiSurface(surface(base()), surface(after)).map((c) => `${c.breaking ? "BREAKING " : ""}${c.text}`);
    expect(changes).toEqual([
      "BREAKING operation Put HTTP binding changed from PUT /things/{Id} 200 to POST /things/{Id} 200",
      "operation Put error Gone added",
      "operation Put error Bad removed",
      "operation Put is no longer idempotent",
      "BREAKING shape Bad removed",
      "shape Gone added",
      "BREAKING member PutInput.Code binding changed from header X-Code to query code",
      "BREAKING member PutInput.Count range tightened from -∞..5 to -∞..3",
      "BREAKING member PutInput.Extra added as required",
      "member PutInput.Name length relaxed from 1..10 to 1..20",
      "BREAKING member PutInput.Tags type changed from list<string> to map<string, string>",
      "BREAKING member PutInput.Token is no longer an idempotency token",
    ]);
  });

  it("still reads snapshots that stored only required/optional", () => {
    const now = surface(base());
    const old = { ...now, structures: { PutInput: { Id: "required", Name: "required" } } } as never;
    const changes = diffApiSurface(old, now).map((c) => `${c.breaking ? "BREAKING " : ""}${c.text}`);
    expect(changes).toContain("member PutInput.Name became optional");
    expect(changes).toContain("member PutInput.Count added");
  });
});
