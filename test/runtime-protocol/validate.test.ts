import { describe, expect, it } from "vitest";
import type { Violation } from "../../src/runtime/protocol/contract.js";
import {
  checkEnum,
  checkLength,
  checkPattern,
  checkRange,
  checkType,
  checkUnion,
  checkUniqueItems,
  checkUnknownMembers,
  codePointLength,
  missing,
  SENSITIVE_STRING,
} from "../../src/runtime/protocol/validate.js";

function run(check: (out: Violation[]) => void): Violation[] {
  const out: Violation[] = [];
  check(out);
  return out;
}

describe("violation checks", () => {
  it("counts code points, not UTF-16 units", () => {
    expect(codePointLength("a😀b")).toBe(3);
    expect("a😀b".length).toBe(4);
    expect(codePointLength("\ud800x")).toBe(2);
  });

  it("names path, limit and value", () => {
    expect(run((out) => checkEnum(out, "OtaType", "WEEKLY", ["ONE_TIME", "CONTINUOUS"], false))).toEqual([
      { path: "OtaType", rule: "enum", message: 'OtaType: must be one of ONE_TIME, CONTINUOUS; got "WEEKLY"', value: "WEEKLY" },
    ]);
    expect(run((out) => checkRange(out, "A.B[0].C", 2000, 1, 1430, false))[0]?.message).toBe("A.B[0].C: must be between 1 and 1430; got 2000");
    expect(run((out) => checkRange(out, "X", -1, 0, undefined, false))[0]?.message).toBe("X: must be at least 0; got -1");
    expect(run((out) => checkLength(out, "D", 300, "characters", 1, 256, "x", false))[0]?.message).toBe(
      "D: length must be between 1 and 256 characters; got 300",
    );
    expect(run((out) => checkPattern(out, "Id", "a b", /^[a-z]+$/u, false))[0]?.message).toBe('Id: must match the pattern ^[a-z]+$; got "a b"');
    expect(run((out) => missing(out, "S3Url"))).toEqual([{ path: "S3Url", rule: "required", message: "S3Url: is required" }]);
  });

  it("never shows sensitive values", () => {
    const out = run((o) => {
      checkPattern(o, 'Tags["k"]', "secret-value", /^x$/u, true);
      checkType(o, "Token", 12345, "string", true);
      checkEnum(o, "E", "secret-value", ["A"], true);
    });
    for (const v of out) {
      expect(v.value).toBe(SENSITIVE_STRING);
      expect(v.message).not.toContain("secret");
      expect(v.message).not.toContain("12345");
    }
    expect(out[1]?.message).toBe("Token: must be a string; got number");
  });

  it("checks JavaScript types by shape kind", () => {
    const out = run((o) => {
      expect(checkType(o, "a", "x", "string", false)).toBe(true);
      expect(checkType(o, "b", 1.5, "integer", false)).toBe(false);
      expect(checkType(o, "c", 300, "byte", false)).toBe(false);
      expect(checkType(o, "d", new Date(NaN), "timestamp", false)).toBe(false);
      expect(checkType(o, "e", [], "structure", false)).toBe(false);
      expect(checkType(o, "f", new Uint8Array(1), "blob", false)).toBe(true);
    });
    expect(out.map((v) => v.path)).toEqual(["b", "c", "d", "e"]);
    expect(out[0]?.message).toBe("b: must be an integer from -2147483648 to 2147483647; got number 1.5");
  });

  it("finds repeated items and unknown members", () => {
    expect(run((o) => checkUniqueItems(o, "L", [{ a: 1, b: 2 }, { b: 2, a: 1 }], false))[0]?.message).toBe(
      "L: items must be unique; item [1] repeats item [0]",
    );
    expect(run((o) => checkUniqueItems(o, "L", [1, "1", new Date(0), new Date(1)], false))).toEqual([]);
    expect(run((o) => checkUnknownMembers(o, "Cfg", { A: 1, Typo: 2, Gone: undefined }, new Set(["A"]), "Config"))).toEqual([
      { path: "Cfg.Typo", rule: "unknown-member", message: "Cfg.Typo: is not a member of Config" },
    ]);
  });

  it("requires exactly one union member", () => {
    expect(run((o) => checkUnion(o, "U", { a: 1 }, ["a", "b"], "U"))).toEqual([]);
    expect(run((o) => checkUnion(o, "U", { a: 1, b: 2 }, ["a", "b"], "MyUnion"))[0]?.message).toBe(
      "U: must set exactly one member of MyUnion; got a, b",
    );
    expect(run((o) => checkUnion(o, "U", {}, ["a", "b"], "MyUnion"))[0]?.message).toBe("U: must set exactly one member of MyUnion; got none");
  });
});
