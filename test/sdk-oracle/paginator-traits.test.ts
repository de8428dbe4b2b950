// The paginator features the shared models do not use, checked against the SDK v3's own paginator
// (`createPaginator` of @smithy/core, which every SDK v3 client's paginate<Op> is made with) driving the same
// generated client: the service's @paginated defaults merged into an operation's, an output token nested in a
// structure (`Page.Next`), items nested too, a page size member, and an output token bound to a header.
import { createPaginator } from "@smithy/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NodeHttpRequestHandler } from "../../src/runtime/index.js";
import { generateModule } from "./oracle-pair.js";
import { walkPages, type Paginate } from "./page-walk.js";
import { Recorder, toRecorder } from "./wire.js";

const str = (traits: object = {}) => ({ target: "smithy.api#String", traits });
const MODEL = {
  smithy: "2.0",
  shapes: {
    "a#S": {
      type: "service",
      version: "1",
      operations: [{ target: "a#ListThings" }, { target: "a#ScanThings" }],
      traits: { "aws.protocols#restJson1": {}, "aws.auth#sigv4": { name: "things" }, "aws.api#service": { sdkId: "Things" }, "smithy.api#paginated": { inputToken: "Next", pageSize: "Size" } },
    },
    "a#ListThings": {
      type: "operation",
      input: { target: "a#ListInput" },
      output: { target: "a#ListOutput" },
      traits: { "smithy.api#http": { method: "GET", uri: "/things" }, "smithy.api#readonly": {}, "smithy.api#paginated": { outputToken: "Page.Next", items: "Page.Items" } },
    },
    "a#ScanThings": {
      type: "operation",
      input: { target: "a#ListInput" },
      output: { target: "a#ScanOutput" },
      traits: { "smithy.api#http": { method: "POST", uri: "/scan" }, "smithy.api#readonly": {}, "smithy.api#paginated": { outputToken: "NextHeader" } },
    },
    "a#ListInput": {
      type: "structure",
      members: { Next: str({ "smithy.api#httpQuery": "next" }), Size: { target: "smithy.api#Integer", traits: { "smithy.api#httpQuery": "size" } }, Filter: str({ "smithy.api#httpQuery": "filter" }) },
    },
    "a#ListOutput": { type: "structure", members: { Page: { target: "a#Page" } } },
    "a#Page": { type: "structure", members: { Next: str({ "smithy.api#jsonName": "next" }), Items: { target: "a#Names" } } },
    "a#ScanOutput": { type: "structure", members: { NextHeader: str({ "smithy.api#httpHeader": "x-next" }) } },
    "a#Names": { type: "list", member: { target: "smithy.api#String" } },
  },
};

describe("paginators with service defaults, nested and header-bound tokens, against the SDK v3's createPaginator", () => {
  const generated = generateModule(MODEL, "things.json");
  const { ir } = generated;
  let recorder: Recorder;
  let module: Record<string, any>;
  let client: { destroy(): void };
  beforeAll(async () => {
    recorder = await Recorder.start();
    module = (await generated.load()) as Record<string, any>;
    client = new module["ThingsClient"]({ region: "us-east-1", endpoint: "http://things.example", credentials: { accessKeyId: "AKID", secretAccessKey: "SECRET" }, maxAttempts: 1, requestHandler: toRecorder(new NodeHttpRequestHandler(), recorder.port) });
  });
  afterAll(async () => {
    client?.destroy();
    await recorder?.close();
    generated.remove();
  });

  it("merges the service's defaults into each operation", () => {
    const pagination = Object.fromEntries(ir.operations.map((op) => [op.name, op.pagination]));
    expect(pagination).toEqual({
      ListThings: { inputToken: "Next", outputToken: "Page.Next", pageSize: "Size", items: "Page.Items" },
      ScanThings: { inputToken: "Next", outputToken: "NextHeader", pageSize: "Size" },
    });
  });

  it.each(["ListThings", "ScanThings"])("%s walks the pages the SDK's paginator walks", async (name) => {
    const op = ir.operations.find((o) => o.name === name)!;
    const p = op.pagination!;
    const sdk = createPaginator(module[`${ir.clientName}Client`], module[`${name}Command`], p.inputToken, p.outputToken, p.pageSize!) as unknown as Paginate;
    const ours = module[`paginate${name}`] as Paginate;
    const bound = (paginate: Paginate): Paginate => (config, input) => paginate({ ...config, client }, input);
    for (const { config, tokens } of [
      { config: { pageSize: 5, stopOnSameToken: true }, tokens: ["t1", "t2", "t2"] },
      { config: { startingToken: "s0" }, tokens: ["t1", undefined] },
    ]) {
      const a = await walkPages(recorder, bound(ours), op, config, tokens);
      const b = await walkPages(recorder, bound(sdk), op, config, tokens);
      expect(a.error).toBeUndefined();
      expect(b.error).toBeUndefined();
      expect(a.pages).toEqual(tokens);
      expect(a.pages).toEqual(b.pages);
      expect(a.requests).toEqual(b.requests);
      expect(a.requests.map((r) => r["query"])).toEqual(b.requests.map((r) => r["query"]));
    }
  });
});
