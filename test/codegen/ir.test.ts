/**
 * The IR builder: operations (through resources), names, bindings, constraints, nullability, docs.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { documentationToText } from "../../codegen/ir/docs.js";
import { buildServiceIR } from "../../codegen/ir/build.js";
import type { MemberIR, ServiceIR, ShapeIR, StructureShape } from "../../codegen/ir/types.js";
import { parseUri } from "../../codegen/ir/uri.js";
import { loadModel } from "../../codegen/load/load-model.js";
import { FIXTURES, OUR_MODEL } from "./codegen-helpers.js";

const ours = buildServiceIR(loadModel(OUR_MODEL), { sourceModel: "model/iot-managed-integrations.json" });
const features = buildServiceIR(loadModel(join(FIXTURES, "features", "model.json")), { sourceModel: "features.json" });

function op(ir: ServiceIR, name: string) {
  const found = ir.operations.find((o) => o.name === name);
  if (!found) throw new Error(`no operation ${name}`);
  return found;
}
function shape(ir: ServiceIR, name: string): ShapeIR {
  const found = ir.shapes.find((s) => s.name === name);
  if (!found) throw new Error(`no shape ${name}`);
  return found;
}
function member(s: ShapeIR, name: string): MemberIR {
  const found = (s as StructureShape).members.find((m) => m.name === name);
  if (!found) throw new Error(`no member ${name}`);
  return found;
}

describe("IR of the project model", () => {
  it("has the service facts", () => {
    expect(ours).toMatchObject({
      id: "com.amazonaws.iotmanagedintegrations#IotManagedIntegrations",
      name: "IotManagedIntegrations",
      sdkId: "IoT Managed Integrations",
      clientName: "IoTManagedIntegrations",
      apiVersion: "2025-03-03",
      signingName: "iotmanagedintegrations",
      endpointPrefix: "api.iotmanagedintegrations",
      protocol: "restJson1",
      sourceModel: "model/iot-managed-integrations.json",
    });
    expect(ours.endpointTests).toHaveLength(17);
    expect((ours.endpointRuleSet as { version: string }).version).toBe("1.0");
  });

  it("has CreateOtaTask with its binding, members in model order and errors", () => {
    const create = op(ours, "CreateOtaTask");
    expect(create.http).toMatchObject({ method: "POST", code: 201, uri: { text: "/ota-tasks", segments: [{ kind: "literal", value: "ota-tasks" }] } });
    expect(create.input.members.map((m) => m.name)).toEqual([
      "Description", "S3Url", "Protocol", "Target", "TaskConfigurationId", "OtaMechanism", "OtaType",
      "OtaTargetQueryString", "ClientToken", "OtaSchedulingConfig", "OtaTaskExecutionRetryConfig", "Tags",
    ]);
    expect(create.input.members.filter((m) => m.required).map((m) => m.name)).toEqual(["S3Url", "OtaType"]);
    expect(create.input.members.every((m) => m.binding?.location === "body")).toBe(true);
    expect(create.output.members.map((m) => m.name)).toEqual(["TaskId", "TaskArn", "Description"]);
    expect(create.errors.map((e) => [e.name, e.error?.httpStatus, e.error?.fault])).toEqual([
      ["AccessDeniedException", 403, "client"],
      ["ConflictException", 409, "client"],
      ["InternalServerException", 500, "server"],
      ["ThrottlingException", 429, "client"],
      ["ValidationException", 400, "client"],
    ]);
    expect(ours.shapes).toHaveLength(93);
  });

  it("merges constraints and marks the token and the sensitive map", () => {
    const input = op(ours, "CreateOtaTask").input;
    expect(member(input, "ClientToken")).toMatchObject({ idempotencyToken: true, constraints: { length: { min: 1, max: 64 }, pattern: { source: "^[a-zA-Z0-9=_-]+$", flags: "u" } } });
    expect(member(input, "Tags")).toMatchObject({ sensitive: true, constraints: { length: { min: 1, max: 50 } } });
    const window = shape(ours, "ScheduleMaintenanceWindow");
    expect(member(window, "DurationInMinutes").constraints).toEqual({ range: { min: 1, max: 1430 } });
    const otaType = shape(ours, "OtaType");
    expect(otaType.kind === "enum" && otaType.values.map((v) => v.value)).toEqual(["ONE_TIME", "CONTINUOUS"]);
  });
});

describe("IR of the features fixture", () => {
  it("collects operations through resources (lifecycle and operations) plus service operations, sorted", () => {
    expect(features.operations.map((o) => o.name)).toEqual(["GetThing", "GetThingFile", "ListThings", "Ping", "PutThing"]);
  });

  it("synthesizes empty structures for Unit input/output", () => {
    const ping = op(features, "Ping");
    expect([ping.input.name, ping.input.role, ping.input.members.length]).toEqual(["PingInput", "input", 0]);
    expect(ping.output.name).toBe("PingOutput");
    expect(ping.http.code).toBe(200);
  });

  it("computes label, query, queryParams, header, payload, prefix header and response code bindings", () => {
    const get = op(features, "GetThing");
    expect(get.http.uri.queryLiterals).toEqual([{ name: "view", value: "full" }]);
    expect(get.input.members.map((m) => [m.name, m.binding])).toEqual([
      ["ThingId", { location: "label", greedy: false }],
      ["Verbose", { location: "query", name: "verbose" }],
      ["Tags", { location: "query", name: "tag" }],
      ["Since", { location: "header", name: "If-Modified-Since" }],
      ["Extra", { location: "queryParams" }],
    ]);
    expect(member(get.input, "Since").timestampFormat).toBe("http-date");
    expect(get.output.members.map((m) => m.binding?.location)).toEqual(["body", "body", "body", "body", "body", "body", "body", "header", "prefixHeaders", "body"]);
    expect(member(op(features, "GetThingFile").input, "Path").binding).toEqual({ location: "label", greedy: true });
    expect(member(op(features, "PutThing").input, "Body").binding).toEqual({ location: "payload" });
    expect(member(op(features, "PutThing").output, "Status").binding).toEqual({ location: "responseCode" });
  });

  it("adds service errors to every operation, after the operation's own", () => {
    expect(op(features, "GetThing").errors.map((e) => e.name)).toEqual(["NotFound", "ServiceUnavailable"]);
    expect(op(features, "Ping").errors.map((e) => e.name)).toEqual(["ServiceUnavailable"]);
    const unavailable = shape(features, "ServiceUnavailable");
    expect(unavailable.kind === "structure" && unavailable.error).toEqual({ fault: "server", httpStatus: 503, retryable: { throttling: false } });
    expect(member(unavailable, "RetryAfter").binding).toEqual({ location: "header", name: "Retry-After" });
  });

  it("flattens mixins (mixin members first) and leaves mixin shapes out of the IR", () => {
    expect(op(features, "PutThing").input.members.map((m) => m.name)).toEqual(["ThingId", "Body", "Token"]);
    expect(features.shapes.some((s) => s.name === "ThingIdMixin")).toBe(false);
  });

  it("applies `apply` traits, honours clientOptional, default and jsonName", () => {
    expect(member(shape(features, "ThingSummary"), "Color").documentation).toBe("Applied with `apply`.");
    const body = shape(features, "ThingBody");
    expect(member(body, "Name")).toMatchObject({ required: false, clientOptional: true, constraints: { length: { max: 100 } } });
    expect(member(body, "Color").default).toBe("RED");
    expect(member(body, "Ratio").constraints).toEqual({ range: { min: 0, max: 1.5 } });
    expect(member(body, "Secret").sensitive).toBe(true);
    expect(member(op(features, "GetThing").output, "Count")).toMatchObject({ jsonName: "count", default: 0 });
    expect(member(op(features, "PutThing").input, "Token")).toMatchObject({ idempotencyToken: true, binding: { location: "header", name: "X-Token" } });
  });

  it("keeps recursion as shared references", () => {
    const tree = shape(features, "TreeNode");
    const children = member(tree, "Children").target;
    expect(children.kind === "list" && children.member.target).toBe(tree);
  });

  it("has unions, intEnums, sparse maps, unique lists and documents", () => {
    const union = shape(features, "Shape");
    expect(union.kind === "union" && union.members.map((m) => [m.name, m.target.kind])).toEqual([["Circle", "structure"], ["Label", "string"], ["Empty", "structure"]]);
    const priority = shape(features, "Priority");
    expect(priority.kind === "intEnum" && priority.values).toEqual([{ name: "LOW", value: 1 }, { name: "HIGH", value: 10 }]);
    const color = shape(features, "Color");
    expect(color.kind === "enum" && color.values).toEqual([{ name: "RED", value: "red", documentation: "Warm." }, { name: "GREEN", value: "green" }]);
    expect(member(shape(features, "ThingBody"), "Sizes").target).toMatchObject({ kind: "map", sparse: true });
    expect(member(op(features, "GetThing").input, "Tags").constraints).toEqual({ uniqueItems: true });
    expect(member(op(features, "GetThing").output, "Attributes").target.kind).toBe("document");
    expect(member(op(features, "GetThing").output, "Created").timestampFormat).toBe("epoch-seconds");
  });

  it("sorts shapes by name and lists error shapes", () => {
    const names = features.shapes.map((s) => s.name);
    expect(names).toEqual([...names].sort());
    expect(features.errorShapes.map((e) => e.name)).toEqual(["NotFound", "ServiceUnavailable"]);
  });

  it("turns HTML documentation into short plain text and escapes comment ends", () => {
    expect(features.documentation).toBe("A made-up service that uses **labels**, query strings, headers & more.");
    expect(op(features, "GetThing").documentation).toBe("Reads a thing. Comments like *\\/ must not end the TSDoc block.");
  });
});

describe("documentationToText", () => {
  it.each([
    ["<p>One.</p><p>Two.</p>", "One.\n\nTwo."],
    ["Use <code>Foo</code> &lt;now&gt;", "Use `Foo` <now>"],
    ['See <a href="https://example.com/x">the guide</a>.', "See the guide (https://example.com/x)."],
    ["<ul><li>a</li><li>b</li></ul>", "- a\n- b"],
    ["spread\n   over   lines", "spread over lines"],
    ["ends */ here", "ends *\\/ here"],
    ["&#65;&#x42;", "AB"],
  ])("%j", (html, text) => {
    expect(documentationToText(html)).toBe(text);
  });
});

describe("parseUri", () => {
  it("splits literals, labels, greedy labels and literal query pairs", () => {
    expect(parseUri("/a/{B}/c/{D+}?x=1&y")).toEqual({
      segments: [
        { kind: "literal", value: "a" },
        { kind: "label", name: "B", greedy: false },
        { kind: "literal", value: "c" },
        { kind: "label", name: "D", greedy: true },
      ],
      queryLiterals: [{ name: "x", value: "1" }, { name: "y", value: "" }],
      text: "/a/{B}/c/{D+}?x=1&y",
    });
  });
  it.each([["/a/{B}/{B}", /appears twice/], ["/a/x{B}", /whole label/], ["/a?x={B}", /query part/], ["/a//b", /empty path segment/]])("rejects %s", (uri, message) => {
    expect(parseUri(uri)).toMatch(message);
  });
});

describe("names", () => {
  it("prefixes shape names that would shadow globals the generated code uses", () => {
    const json = {
      smithy: "2.0",
      shapes: {
        "n#S": { type: "service", operations: [{ target: "n#Op" }], traits: { "aws.protocols#restJson1": {} } },
        "n#Op": { type: "operation", input: { target: "n#OpInput" }, traits: { "smithy.api#http": { method: "POST", uri: "/" } } },
        "n#OpInput": { type: "structure", members: { R: { target: "n#Record" } } },
        "n#Record": { type: "structure", members: {} },
      },
    };
    const ir = buildServiceIR(loadModel(json), { sourceModel: "x" });
    expect(ir.shapes.map((s) => s.name)).toEqual(["OpInput", "OpOutput", "_Record"]);
    expect(ir.clientName).toBe("S");
  });
});

describe("service selection, host labels and client method names", () => {
  const twoServices = (extra: Record<string, unknown> = {}) => ({
    smithy: "2.0",
    shapes: {
      "n#A": { type: "service", operations: [{ target: "n#Op" }], traits: { "aws.protocols#restJson1": {}, "aws.api#service": { sdkId: "Alpha" } } },
      "n#B": { type: "service", operations: [{ target: "n#Send" }], traits: { "aws.protocols#restJson1": {} } },
      "n#Op": {
        type: "operation",
        input: { target: "n#OpInput" },
        traits: { "smithy.api#http": { method: "POST", uri: "/op" }, "smithy.api#endpoint": { hostPrefix: "{Region}.data." } },
      },
      "n#OpInput": { type: "structure", members: { Region: { target: "smithy.api#String", traits: { "smithy.api#required": {}, "smithy.api#hostLabel": {} } } } },
      "n#Send": { type: "operation", traits: { "smithy.api#http": { method: "POST", uri: "/send" } } },
      ...extra,
    },
  });

  it("generates the service chosen with `service`", () => {
    const ir = buildServiceIR(loadModel(twoServices()), { sourceModel: "x", service: "n#A" });
    expect([ir.name, ir.clientName, ir.operations.map((o) => o.name)]).toEqual(["A", "Alpha", ["Op"]]);
    const op = ir.operations[0];
    expect(op?.hostPrefix).toBe("{Region}.data.");
    expect(op?.input.members[0]?.binding).toEqual({ location: "hostLabel" });
  });

  it("rejects an unknown service id and operations whose method would hide a client member", () => {
    expect(() => buildServiceIR(loadModel(twoServices()), { sourceModel: "x", service: "n#C" })).toThrow(/n#C: no service with this id; the model has `n#A`, `n#B`/);
    expect(() => buildServiceIR(loadModel(twoServices()), { sourceModel: "x", service: "n#B" })).toThrow(/n#Send: operation name `Send` would become method `send`/);
  });
});

describe("resources and pagination in the IR", () => {
  it("records declared lifecycles, roles inferred from HTTP bindings, identifiers, ARN templates and output members", () => {
    const [configuration, task] = ours.resources;
    expect(task).toMatchObject({
      name: "OtaTaskResource",
      identifiers: ["Identifier"],
      arn: { template: "ota-task/{Identifier}", absolute: false, noRegion: false, noAccount: false },
      idMember: "TaskId",
      arnMember: "TaskArn",
      lifecycle: { create: "CreateOtaTask", read: "GetOtaTask", update: "UpdateOtaTask", delete: "DeleteOtaTask", list: "ListOtaTasks" },
    });
    expect(task!.operations).toContainEqual({ name: "ListOtaTaskExecutions", role: "instance" });
    // Declared only through `operations`: roles come from the HTTP bindings, the identifier from the label.
    expect(configuration).toMatchObject({
      name: "OtaTaskConfigurationResource",
      identifiers: ["Identifier"],
      idMember: "TaskConfigurationId",
      lifecycle: { create: "CreateOtaTaskConfiguration", read: "GetOtaTaskConfiguration", delete: "DeleteOtaTaskConfiguration", list: "ListOtaTaskConfigurations" },
    });
    expect(configuration!.arnMember).toBeUndefined();
  });

  it("merges `@paginated` with the service's defaults", () => {
    expect(op(ours, "ListOtaTasks").pagination).toEqual({ inputToken: "NextToken", outputToken: "NextToken", pageSize: "MaxResults", items: "Tasks" });
    expect(op(ours, "GetOtaTask").pagination).toBeUndefined();
    const features = buildServiceIR(loadModel(join(FIXTURES, "features", "model.json")), { sourceModel: "m" });
    expect(op(features, "ListThings").pagination).toEqual({ inputToken: "NextToken", outputToken: "NextToken", pageSize: "MaxResults", items: "Items" });
  });
});
