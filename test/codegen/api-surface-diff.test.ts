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

  /** A paginated List (tokens from the service's `@paginated`, items and page size on the operation). */
  function paginated(): Shapes {
    const q = (name: string, target = "smithy.api#String") => ({ target, traits: { "smithy.api#httpQuery": name } });
    return {
      "a#S": {
        type: "service",
        version: "1",
        operations: [{ target: "a#List" }, { target: "a#Scan" }],
        traits: { "aws.protocols#restJson1": {}, "aws.api#service": { sdkId: "S" }, "smithy.api#paginated": { inputToken: "NextToken", outputToken: "NextToken" } },
      },
      "a#List": { type: "operation", input: { target: "a#ListInput" }, output: { target: "a#ListOutput" }, traits: { "smithy.api#http": { method: "GET", uri: "/things" }, "smithy.api#readonly": {}, "smithy.api#paginated": { items: "Items", pageSize: "MaxResults" } } },
      "a#Scan": { type: "operation", input: { target: "a#ListInput" }, output: { target: "a#ListOutput" }, traits: { "smithy.api#http": { method: "GET", uri: "/scan" }, "smithy.api#readonly": {} } },
      "a#ListInput": { type: "structure", members: { NextToken: q("next"), Marker: q("marker"), MaxResults: q("max", "smithy.api#Integer"), Limit: q("limit", "smithy.api#Integer") } },
      "a#ListOutput": { type: "structure", members: { NextToken: { target: "smithy.api#String" }, Marker: { target: "smithy.api#String" }, Items: { target: "a#Names" }, Others: { target: "a#Names" } } },
      "a#Names": { type: "list", member: { target: "smithy.api#String" } },
    };
  }

  it.each([
    ["pagination removed", (m: Shapes) => (delete m["a#List"]!["traits"]["smithy.api#paginated"], delete m["a#S"]!["traits"]["smithy.api#paginated"]), ["BREAKING operation List is no longer paginated"]],
    ["pagination added", (m: Shapes) => (m["a#Scan"]!["traits"]["smithy.api#paginated"] = {}), ["operation Scan became paginated (inputToken NextToken, outputToken NextToken)"]],
    ["service-level input token changed", (m: Shapes) => (m["a#S"]!["traits"]["smithy.api#paginated"]["inputToken"] = "Marker"), ["BREAKING operation List pagination inputToken changed from NextToken to Marker"]],
    ["output token changed", (m: Shapes) => (m["a#List"]!["traits"]["smithy.api#paginated"]["outputToken"] = "Marker"), ["BREAKING operation List pagination outputToken changed from NextToken to Marker"]],
    ["page size changed", (m: Shapes) => (m["a#List"]!["traits"]["smithy.api#paginated"]["pageSize"] = "Limit"), ["BREAKING operation List pagination pageSize changed from MaxResults to Limit"]],
    ["page size removed", (m: Shapes) => delete m["a#List"]!["traits"]["smithy.api#paginated"]["pageSize"], ["BREAKING operation List pagination pageSize removed (was MaxResults)"]],
    ["items changed", (m: Shapes) => (m["a#List"]!["traits"]["smithy.api#paginated"]["items"] = "Others"), ["operation List pagination items changed from Items to Others"]],
    ["items removed", (m: Shapes) => delete m["a#List"]!["traits"]["smithy.api#paginated"]["items"], ["BREAKING operation List pagination items removed (was Items)"]],
  ])("marks %s as smithy diff does", (_, edit, expected) => {
    const after = paginated();
    edit(after);
    expect(diffApiSurface(surface(paginated()), surface(after)).map((c) => `${c.breaking ? "BREAKING " : ""}${c.text}`)).toEqual(expected);
  });

  it("adds pageSize and items without a breaking mark", () => {
    const before = paginated();
    before["a#List"]!["traits"]["smithy.api#paginated"] = {};
    const changes = diffApiSurface(surface(before), surface(paginated())).map((c) => `${c.breaking ? "BREAKING " : ""}${c.text}`);
    expect(changes).toEqual(["operation List pagination pageSize added: MaxResults", "operation List pagination items added: Items"]);
  });
});
