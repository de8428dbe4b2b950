import { describe, expect, it } from "vitest";
import { joinHeaderList, lowerCaseHeaders, prefixedHeaders, splitHeaderList } from "../../src/runtime/protocol/headers.js";
import { decodeLabel, encodeLabel, joinPath, requireLabel } from "../../src/runtime/protocol/uri.js";

describe("labels", () => {
  it("percent-encodes everything but RFC 3986 unreserved characters", () => {
    expect(encodeLabel("a b/c%d!'()*~._-", false)).toBe("a%20b%2Fc%25d%21%27%28%29%2A~._-");
    expect(encodeLabel("ünï", false)).toBe("%C3%BCn%C3%AF");
  });

  it("keeps the slashes of a greedy label", () => {
    expect(encodeLabel("there/guy 1/x", true)).toBe("there/guy%201/x");
  });

  it("decodes labels, rejecting bad percent-encoding", () => {
    expect(decodeLabel("a%20b%2Fc")).toBe("a b/c");
    expect(decodeLabel("%E0%A4%A")).toBeUndefined();
  });

  it("requires a present, non-empty label", () => {
    expect(requireLabel("x", "Id")).toBe("x");
    expect(requireLabel(0, "Count")).toBe(0);
    expect(() => requireLabel(undefined, "Id")).toThrow(/Id/);
    expect(() => requireLabel("", "Id")).toThrow(/Id/);
  });

  it("joins the endpoint path and the operation path", () => {
    expect(joinPath("/", "/ota-tasks")).toBe("/ota-tasks");
    expect(joinPath("", "/ota-tasks")).toBe("/ota-tasks");
    expect(joinPath("/custom/", "/ota-tasks")).toBe("/custom/ota-tasks");
    expect(joinPath("/custom", "/ota-tasks")).toBe("/custom/ota-tasks");
  });
});

describe("header lists", () => {
  it("quotes strings holding commas or quotes", () => {
    expect(joinHeaderList(["b,c", '"def"', "a"], true)).toBe('"b,c", "\\"def\\"", a');
    expect(joinHeaderList(["1", "2"], false)).toBe("1, 2");
  });

  it("splits quoted lists back", () => {
    expect(splitHeaderList('"b,c", "\\"def\\"", a')).toEqual(["b,c", '"def"', "a"]);
    expect(splitHeaderList("")).toEqual([]);
  });

  it("finds headers case-insensitively and by prefix", () => {
    const headers = lowerCaseHeaders({ "X-Foo-Abc": "1", "x-foo-def": "2", Other: "3" });
    expect(headers).toEqual({ "x-foo-abc": "1", "x-foo-def": "2", other: "3" });
    expect(prefixedHeaders(headers, "x-foo-")).toEqual({ abc: "1", def: "2" });
    expect(prefixedHeaders(headers, "x-bar-")).toBeUndefined();
    expect(prefixedHeaders(headers, "")).toEqual(headers);
  });
});
