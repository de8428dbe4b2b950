// The shorthand parser: grammar cases checked against what the AWS CLI's parser returns for the same text,
// error positions, schema typing, and a property-based round trip (value → shorthand → value).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readOptionValue, type InputValue } from "../../src/cli/param-values.js";
import { formatShorthand, shorthandScalar } from "../../src/cli/shorthand-format.js";
import { parseShorthand, ShorthandSyntaxError } from "../../src/cli/shorthand.js";
import type { MemberSchema, ShapeSchema } from "../../src/runtime/protocol/contract.js";
import { createOtaTaskEntry } from "./fixtures/create-ota-task.schema.js";

describe("parseShorthand: grammar", () => {
  const cases: [string, unknown][] = [
    ["a=b", { a: "b" }],
    ["a=b,c", { a: ["b", "c"] }],
    ["a=b,c=d", { a: "b", c: "d" }],
    ["a=b,c,d=e,f", { a: ["b", "c"], d: ["e", "f"] }],
    ["a=[b,c],d={e=f,g=[h]}", { a: ["b", "c"], d: { e: "f", g: ["h"] } }],
    ["a='x,y',b=\"q\\\"r\"", { a: "x,y", b: 'q"r' }],
    ["a='it\\'s'", { a: "it's" }],
    ["a=b\\,c", { a: "b,c" }],
    ["a= b ,c=d", { a: "b", c: "d" }],
    ["a=1,2,3", { a: ["1", "2", "3"] }],
    ["a={b=[{c=d},{c=e}]}", { a: { b: [{ c: "d" }, { c: "e" }] } }],
    ["a=", { a: "" }],
    ["a=x=y", { a: "x=y" }],
    ["a=[]", { a: [] }],
    ["a={}", { a: {} }],
    ["a=b,'c d',e", { a: ["b", "c d", "e"] }],
    ["a=[[1,2],[3]]", { a: [["1", "2"], ["3"]] }],
    ["a=hello world", { a: "hello world" }],
    ["k.1/x:y#z-_=v", { "k.1/x:y#z-_": "v" }],
    ["a=é漢字", { a: "é漢字" }],
    ["a=[ b , c ]", { a: ["b", "c"] }],
    ["a={ b = c , d = e }", { a: { b: "c", d: "e" } }],
    ["a=\"\"", { a: "" }],
    ["a=x\n,b=y", { a: "x", b: "y" }],
  ];
  it.each(cases)("%j", (input, expected) => {
    expect(parseShorthand(input)).toEqual(expected);
  });

  it("keeps __proto__ as an ordinary key", () => {
    const parsed = parseShorthand("__proto__=x");
    expect(Object.keys(parsed)).toEqual(["__proto__"]);
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
  });

  it("resolves file references only after @=", () => {
    const reader = (v: string): string | undefined => (v.startsWith("file://") ? `<${v.slice(7)}>` : undefined);
    expect(parseShorthand("a@=file://x,b=file://y", reader)).toEqual({ a: "<x>", b: "file://y" });
    expect(parseShorthand("a={b@=file://z}", reader)).toEqual({ a: { b: "<z>" } });
  });
});

describe("parseShorthand: errors point at the problem", () => {
  const errors: [string, number, string][] = [
    ["a", 1, "Expected: '=', received: 'EOF' for input:\na\n ^"],
    ["a=[b", 4, "Expected: ',', received: 'EOF' for input:\na=[b\n    ^"],
    ["a=b,a=c", 4, 'Second instance of key "a" encountered for input:\na=b,a=c\n    ^\nThis is often because there is a preceding "," instead of a space.'],
    ["a={b}", 4, "Expected: '=', received: '}' for input:\na={b}\n    ^"],
    ["a=[b c,=]", 7, "Expected: ',', received: '=' for input:\na=[b c,=]\n       ^"],
    ["a='open", 2, "Expected: '<singled quoted>', received: '<none>' for input:\na='open\n  ^"],
    ["a=1,\nb==2,c", 7, "Expected: ',', received: '=' for input:\na=1,\nb==2,c\n  ^"],
  ];
  it.each(errors)("%j", (input, index, message) => {
    let caught: unknown;
    try {
      parseShorthand(input);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ShorthandSyntaxError);
    expect((caught as ShorthandSyntaxError).index).toBe(index);
    expect((caught as ShorthandSyntaxError).message).toBe(message);
  });
});

const member = (name: string): MemberSchema => createOtaTaskEntry.input.members.find((m) => m.name === name)!;

describe("typing shorthand with the schema", () => {
  it("turns integers into numbers, and a lone item into a list whose contents stay as written (as the AWS CLI does)", () => {
    expect(readOptionValue(member("OtaSchedulingConfig"), "MaintenanceWindows=[{DurationInMinutes=30,StartTime=02:00}]", "--x")).toEqual({
      MaintenanceWindows: [{ DurationInMinutes: 30, StartTime: "02:00" }],
    });
    expect(readOptionValue(member("OtaSchedulingConfig"), "MaintenanceWindows={DurationInMinutes=30,StartTime=02:00}", "--x")).toEqual({
      MaintenanceWindows: [{ DurationInMinutes: "30", StartTime: "02:00" }],
    });
  });
  it("reads a list of structures given as several values after one flag", () => {
    const schema = (member("OtaSchedulingConfig").schema as { members: readonly MemberSchema[] }).members[2]!;
    expect(readOptionValue(schema, ["DurationInMinutes=1", "StartTime=a"], "--mw")).toEqual([{ DurationInMinutes: 1 }, { StartTime: "a" }]);
  });
  it("reads a list of strings as the values that follow the flag, without splitting commas", () => {
    expect(readOptionValue(member("Target"), ["a,b", "c"], "--target")).toEqual(["a,b", "c"]);
    expect(readOptionValue(member("Target"), ['["x","y"]'], "--target")).toEqual(["x", "y"]);
  });
  it("reads JSON when the value starts with { or [", () => {
    expect(readOptionValue(member("Tags"), ' {"k": "v"}', "--tags")).toEqual({ k: "v" });
  });
  it("rejects a non-integer where the schema wants one with Python's int() message", () => {
    expect(() => readOptionValue(member("OtaSchedulingConfig"), "MaintenanceWindows=[{DurationInMinutes=1.5}]", "--ota-scheduling-config")).toThrow(
      "invalid literal for int() with base 10: '1.5'",
    );
  });
  it("reports malformed JSON in Python's words", () => {
    expect(() => readOptionValue(member("Tags"), '{"a":', "--tags")).toThrow("Error parsing parameter '--tags': Invalid JSON: Expecting value: line 1 column 6 (char 5)\nJSON received: {\"a\":");
    expect(() => readOptionValue(member("Tags"), '{"a": "b"} x', "--tags")).toThrow("Invalid JSON: Extra data: line 1 column 12 (char 11)");
    expect(() => readOptionValue(member("Tags"), '{"a" "b"}', "--tags")).toThrow("Invalid JSON: Expecting ':' delimiter: line 1 column 6 (char 5)");
    expect(() => readOptionValue(member("Tags"), "{'a': 1}", "--tags")).toThrow("Invalid JSON: Expecting property name enclosed in double quotes: line 1 column 2 (char 1)");
    expect(() => readOptionValue(member("Tags"), '{"a": "\\q"}', "--tags")).toThrow("Invalid JSON: Invalid \\escape: line 1 column 8 (char 7)");
    expect(() => readOptionValue(member("Tags"), '{"a": "x\n"}', "--tags")).toThrow("Invalid JSON: Invalid control character at: line 1 column 9 (char 8)");
    expect(() => readOptionValue(member("Tags"), '{"a": "x', "--tags")).toThrow("Invalid JSON: Unterminated string starting at: line 1 column 7 (char 6)");
  });
});

// ---- property-based round trip: generate a value for a schema, write it as shorthand, read it back ----

const safeChars = fc.constantFrom(..."abcXYZ019 _-.:/@+*~!#$%&()^|?<>;,=[]{}'\"é");
const safeString = fc
  .string({ unit: safeChars, maxLength: 12 })
  .filter((s) => shorthandScalar(s) !== undefined && s.trim() === s);
const mapKey = fc.string({ unit: fc.constantFrom(..."abcXYZ019_.:/#"), minLength: 1, maxLength: 8 });

function arbitraryFor(schema: ShapeSchema, depth = 0): fc.Arbitrary<InputValue> {
  switch (schema.kind) {
    case "string":
      return schema.enum !== undefined ? fc.constantFrom(...schema.enum) : safeString;
    case "integer":
      return fc.integer({ min: -5000, max: 5000 });
    case "list":
      return fc.array(arbitraryFor(schema.member, depth + 1), { maxLength: 3 });
    case "map":
      return fc.dictionary(mapKey, arbitraryFor(schema.value, depth + 1), { minKeys: 1, maxKeys: 3 });
    case "structure": {
      const shape: Record<string, fc.Arbitrary<InputValue>> = {};
      for (const m of schema.members) shape[m.name] = arbitraryFor(m.schema, depth + 1);
      return fc.record(shape, { requiredKeys: [] }).filter((v) => depth > 0 || Object.keys(v).length > 0) as fc.Arbitrary<InputValue>;
    }
    default:
      throw new Error(`no generator for ${schema.kind}`);
  }
}

describe("round trip: value → shorthand → value", () => {
  const complexMembers = createOtaTaskEntry.input.members.filter((m) => m.schema.kind === "structure" || m.schema.kind === "map");
  it.each(complexMembers.map((m) => [m.name, m] as const))("%s", (_name, m) => {
    fc.assert(
      fc.property(arbitraryFor(m.schema), (value) => {
        const text = formatShorthand(value as never);
        expect(readOptionValue(m, text, "--x")).toEqual(value);
      }),
      { numRuns: 300 },
    );
  });

  it("lists of structures, one argv value per item", () => {
    const windows = (member("OtaSchedulingConfig").schema as { members: readonly MemberSchema[] }).members[2]!;
    const item = (windows.schema as { member: ShapeSchema }).member;
    fc.assert(
      fc.property(fc.array(arbitraryFor(item, 1).filter((v) => Object.keys(v as object).length > 0), { minLength: 1, maxLength: 4 }), (items) => {
        const argv = items.map((v) => formatShorthand(v as never));
        expect(readOptionValue(windows, argv, "--x")).toEqual(items);
      }),
      { numRuns: 200 },
    );
  });
});
