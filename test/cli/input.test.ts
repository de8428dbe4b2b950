// Converting a checked input into the client's types, and reading the --cli-input documents.
import { describe, expect, it } from "vitest";
import { readCliInput, toClientInput } from "../../src/cli/input.js";
import type { ShapeSchema } from "../../src/runtime/protocol/contract.js";

const schema: ShapeSchema & { kind: "structure" } = {
  kind: "structure",
  name: "S",
  members: [
    { name: "When", required: false, schema: { kind: "timestamp" } },
    { name: "Data", required: false, schema: { kind: "blob" } },
    { name: "Nested", required: false, schema: { kind: "list", member: { kind: "map", key: { kind: "string" }, value: { kind: "timestamp" } } } },
  ],
};

describe("toClientInput", () => {
  it("turns ISO 8601 and epoch seconds into dates, in model order", () => {
    const out = toClientInput({ Nested: [{ a: 1700000000 }], When: "2025-01-02T03:04:05Z" }, schema, "base64") as Record<string, unknown>;
    expect(Object.keys(out)).toEqual(["When", "Nested"]);
    expect(out["When"]).toEqual(new Date(Date.UTC(2025, 0, 2, 3, 4, 5)));
    expect(out["Nested"]).toEqual([{ a: new Date(1700000000 * 1000) }]);
  });
  it("decodes blobs as base64 by default and takes them raw with raw-in-base64-out", () => {
    expect((toClientInput({ Data: "aGk=" }, schema, "base64") as { Data: Uint8Array }).Data).toEqual(new Uint8Array([104, 105]));
    expect((toClientInput({ Data: "hi" }, schema, "raw-in-base64-out") as { Data: Uint8Array }).Data).toEqual(new Uint8Array([104, 105]));
  });
});

describe("readCliInput", () => {
  it("reads JSON and YAML documents; they are exclusive", async () => {
    expect(await readCliInput({ cliInputJson: '{"A": 1}' })).toEqual({ A: 1 });
    expect(await readCliInput({ cliInputYaml: "A: 1\nB: [x]\n" })).toEqual({ A: 1, B: ["x"] });
    await expect(readCliInput({ cliInputJson: "{}", cliInputYaml: "{}" })).rejects.toThrow("Only one --cli-input- parameter may be specified.");
  });
  it("rejects documents that are not mappings or not JSON", async () => {
    await expect(readCliInput({ cliInputJson: "[1]" })).rejects.toThrow("Error parsing parameter '--cli-input-json': Invalid type: expecting map, received <class 'list'>");
    await expect(readCliInput({ cliInputJson: '{"a":' })).rejects.toThrow(/Error parsing parameter 'cli-input-json': Invalid JSON received/);
  });
});
