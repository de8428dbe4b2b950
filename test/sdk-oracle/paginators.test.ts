// Paginators checked against the official SDK v3 ones: for every @paginated operation of the models in
// $IOTMI_SHARED/models, iotmi's paginate<Op> and the SDK's walk the same pages — the same requests in order
// (tokens, page-size member), the same stop on a repeated token — given the same scripted replies from one
// loopback server. Skips without the folder.
import { expect, it } from "vitest";
import type { OperationIR } from "../../codegen/ir/types.js";
import { describeOracleModels, type ClientSide } from "./oracle-pair.js";
import { walkPages, type Paginate } from "./page-walk.js";

const paginator = (side: ClientSide, op: OperationIR): Paginate => (config, input) =>
  (side.module[`paginate${op.name}`] as Paginate)({ ...config, client: side.client }, input);

describeOracleModels("generated paginators against the official SDK v3 paginators", ({ ir, sides, recorder }) => {
  const paginated = ir.operations.filter((op) => op.pagination !== undefined);
  it("has a paginator for every operation the SDK paginates, and no other", () => {
    const { ours, theirs } = sides();
    // The SDK's model may be newer: only operations this model has count.
    const ops = new Set(ir.operations.map((op) => `paginate${op.name}`));
    const names = (module: object) => Object.keys(module).filter((k) => ops.has(k)).sort();
    expect(names(ours.module)).toEqual(names(theirs.module));
    expect(names(ours.module)).toEqual(paginated.map((op) => `paginate${op.name}`).sort());
  });

  it.each(paginated.map((op) => [op.name, op] as const))("%s walks the same pages", async (_name, op: OperationIR) => {
    const scenarios = [
      // Three pages, the last repeating its token: both stop there (stopOnSameToken).
      { config: { pageSize: 7, stopOnSameToken: true }, tokens: ["t1", "t2", "t2"] },
      // A starting token, then a last page without one.
      { config: { startingToken: "s0" }, tokens: ["t1", undefined] },
    ];
    const { ours, theirs } = sides();
    for (const { config, tokens } of scenarios) {
      const a = await walkPages(recorder(), paginator(ours, op), op, config, tokens);
      const b = await walkPages(recorder(), paginator(theirs, op), op, config, tokens);
      expect(a.error === undefined, `generated: ${a.error}; SDK: ${b.error}`).toBe(b.error === undefined);
      expect(a.requests).toEqual(b.requests);
      expect(a.pages).toEqual(b.pages);
      // Only cloudfront-keyvaluestore's ListKeys fails before sending on both sides (a sample KvsARN that is
      // no ARN); every other operation walks all pages.
      if (a.error === undefined) expect(a.pages).toEqual(tokens);
      else expect(a.requests).toEqual([]);
    }
  });
});
