/**
 * The model's `smithy.rules#endpointTests` run as generated tests (the protocol-tests emitter + runner) on our
 * own model: 9 pass, and the 8 ISO-partition cases are skips whose only difference from what the resolver
 * gives is the partition's dual-stack DNS suffix (checked here, so the skip cannot hide another change).
 */
import { describe, expect, it } from "vitest";
import { buildServiceIR } from "../../codegen/ir/build.js";
import { loadModel } from "../../codegen/load/load-model.js";
import { SERVICE_SPEC } from "../../src/generated/service.js";
import { checkEndpointCase } from "./endpoints.js";
import { OUR_MODEL } from "../codegen/codegen-helpers.js";
import { runProtocolTests } from "./protocol.js";
import { SKIPS, STALE_ISO_CASES } from "./skips.js";

describe("endpoint tests of our model", () => {
  it("pass, except the 8 documented ISO-partition skips", async () => {
    const results = await runProtocolTests(OUR_MODEL);
    const endpoint = results.filter((r) => r.suite === "iot-managed-integrations endpoint");
    expect(results).toHaveLength(17);
    expect(endpoint.filter((r) => r.outcome.status === "fail")).toEqual([]);
    expect(endpoint.filter((r) => r.outcome.status === "pass")).toHaveLength(9);
    const skipped = endpoint.filter((r) => r.outcome.status === "skip").map((r) => r.id);
    expect(skipped).toEqual(SKIPS.filter((s) => s.suite === "iot-managed-integrations endpoint").map((s) => s.id));
    expect(skipped).toHaveLength(8);
  }, 60_000);

  it("skip ISO cases that differ only by the partition's dual-stack suffix", () => {
    const { endpointTests } = buildServiceIR(loadModel(OUR_MODEL), { sourceModel: "model.json" });
    for (const [index, region, , expected, current] of STALE_ISO_CASES) {
      for (const i of [index, index + 1]) {
        const test = endpointTests[i];
        const url = test?.expect.endpoint?.url ?? "";
        expect(test?.params["Region"]).toBe(region);
        expect(url.endsWith(`.${region}.${expected}`)).toBe(true);
        const stale = { id: `endpoint[${i}]`, params: test?.params ?? {}, expect: test?.expect ?? {} };
        // As written the case fails; with today's suffix it passes.
        expect(checkEndpointCase(stale, SERVICE_SPEC)).toMatch(/^expected https:/);
        const updated = { ...stale, expect: { endpoint: { url: url.replace(new RegExp(`\\.${expected.replace(/\./g, "\\.")}$`), `.${current}`) } } };
        expect(checkEndpointCase(updated, SERVICE_SPEC)).toBeUndefined();
      }
    }
  });
});
