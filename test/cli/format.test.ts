// Output formats. The expected text and tables are what the AWS CLI's own formatters print for the same data
// (recorded from them at 80 columns); JSON and YAML expectations follow the AWS CLI v2's observed output.
import { describe, expect, it } from "vitest";
import { formatJson } from "../../src/cli/format/json.js";
import { formatTable } from "../../src/cli/format/table.js";
import { formatText } from "../../src/cli/format/text.js";
import { textLength } from "../../src/cli/format/text-width.js";
import { formatYaml } from "../../src/cli/format/yaml.js";
import { render, toPrintable } from "../../src/cli/output.js";

const recorded: Record<string, { data: unknown; text: string; table: string }> = {
  "nested": {
    data: {"TaskId": "t1", "Config": {"EndBehavior": "CANCEL", "Windows": [{"Duration": 5, "Start": "a"}, {"Duration": 10, "Extra": true}]}, "Tags": ["x", "y"], "Count": 3, "Flag": false, "Nothing": null},
    text: "3\tFalse\tNone\tt1\nCONFIG\tCANCEL\nWINDOWS\t5\t\ta\nWINDOWS\t10\tTrue\t\nTAGS\tx\nTAGS\ty\n",
    table: [
      "-----------------------------------------",
      "|                  Op                   |",
      "+-------+--------+-----------+----------+",
      "| Count | Flag   |  Nothing  | TaskId   |",
      "+-------+--------+-----------+----------+",
      "|  3    |  False |  None     |  t1      |",
      "+-------+--------+-----------+----------+",
      "||               Config                ||",
      "|+---------------------+---------------+|",
      "||  EndBehavior        |  CANCEL       ||",
      "|+---------------------+---------------+|",
      "|||              Windows              |||",
      "||+-------------+----------+----------+||",
      "|||  Duration   |  Extra   |  Start   |||",
      "||+-------------+----------+----------+||",
      "|||  5          |          |  a       |||",
      "|||  10         |  True    |          |||",
      "||+-------------+----------+----------+||",
      "||                Tags                 ||",
      "|+-------------------------------------+|",
      "||  x                                  ||",
      "||  y                                  ||",
      "|+-------------------------------------+|",
      "",
    ].join("\n"),
  },
  "list_of_dicts": {
    data: [{"a": 1, "b": "x"}, {"a": 2, "c": [1, 2]}],
    text: "1\tx\n2\t\nC\t1\nC\t2\n",
    table: [
      "------------",
      "|    Op    |",
      "+----+-----+",
      "|  a |  b  |",
      "+----+-----+",
      "|  1 |  x  |",
      "+----+-----+",
      "|    Op    |",
      "+----+-----+",
      "|  a |  b  |",
      "+----+-----+",
      "|  2 |     |",
      "+----+-----+",
      "||    c   ||",
      "|+--------+|",
      "||  1     ||",
      "||  2     ||",
      "|+--------+|",
      "",
    ].join("\n"),
  },
  "scalar_list": {
    data: ["p", "q"],
    text: "p\tq\n",
    table: [
      "-------",
      "| Op  |",
      "+-----+",
      "|  p  |",
      "|  q  |",
      "+-----+",
      "",
    ].join("\n"),
  },
  "scalar": {
    data: "just",
    text: "just\n",
    table: [
      "----",
      "|Op|",
      "+--+",
      "",
    ].join("\n"),
  },
  "wide": {
    data: {"Key": "vvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvv", "Other": "w"},
    text: "vvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvv\tw\n",
    table: [
      "-------------------------------------------------------------------------------------------------------------------",
      "|                                                       Op                                                        |",
      "+-------+---------------------------------------------------------------------------------------------------------+",
      "|  Key  |  vvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvv   |",
      "|  Other|  w                                                                                                      |",
      "+-------+---------------------------------------------------------------------------------------------------------+",
      "",
    ].join("\n"),
  },
  "single": {
    data: {"Only": "one"},
    text: "one\n",
    table: [
      "-----------------",
      "|      Op       |",
      "+-------+-------+",
      "|  Only |  one  |",
      "+-------+-------+",
      "",
    ].join("\n"),
  },
  "unicode": {
    data: {"Name": "漢字テスト", "B": "é"},
    text: "é\t漢字テスト\n",
    table: [
      "----------------------",
      "|         Op         |",
      "+-----+--------------+",
      "|  B  |    Name      |",
      "+-----+--------------+",
      "|  é |  漢字テスト  |",
      "+-----+--------------+",
      "",
    ].join("\n"),
  },
};

describe("text output", () => {
  it.each(Object.keys(recorded))("%s", (name) => {
    expect(formatText(recorded[name]!.data)).toBe(recorded[name]!.text);
  });
  it("prints None for a query that matched nothing", async () => {
    expect(await render({ a: 1 }, { format: "text", query: "Nope", title: "Op", width: 80, color: false })).toBe("None\n");
  });
});

describe("table output", () => {
  it.each(Object.keys(recorded))("%s", (name) => {
    expect(formatTable("Op", recorded[name]!.data, { width: 80, color: false })).toBe(recorded[name]!.table);
  });
  it("colours rows and indentation with --color on", () => {
    const coloured = formatTable("Op", { A: "x", B: { C: "y" } }, { width: 80, color: true });
    expect(coloured).toContain("\u001b[1m\u001b[34mx\u001b[0m");
    expect(coloured).toContain("\u001b[2m\u001b[33m|\u001b[0m");
  });
  it("measures wide and ambiguous characters as two columns", () => {
    expect(textLength("abc")).toBe(3);
    expect(textLength("漢字")).toBe(4);
    expect(textLength("é")).toBe(2);
  });
});

describe("json output", () => {
  it("indents by four spaces and keeps the response's key order", () => {
    expect(formatJson({ TaskId: "t", TaskArn: "a", Nested: { Z: 1, A: [true, null] } })).toBe(
      '{\n    "TaskId": "t",\n    "TaskArn": "a",\n    "Nested": {\n        "Z": 1,\n        "A": [\n            true,\n            null\n        ]\n    }\n}\n',
    );
  });
  it("keeps non-ASCII characters and prints nothing for an empty response", () => {
    expect(formatJson({ a: "é漢" })).toBe('{\n    "a": "é漢"\n}\n');
    expect(formatJson({})).toBe("");
  });
  it("applies --query before formatting; a miss is null", async () => {
    const options = { format: "json", title: "Op", width: 80, color: false } as const;
    expect(await render({ TaskId: "t", TaskArn: "a" }, { ...options, query: "TaskId" })).toBe('"t"\n');
    expect(await render({ TaskId: "t" }, { ...options, query: "Nope" })).toBe("null\n");
    expect(await render({ TaskId: "t", TaskArn: "a" }, { ...options, query: "[TaskArn, TaskId]" })).toBe('[\n    "a",\n    "t"\n]\n');
  });
});

describe("yaml output", () => {
  const data = { z: [{ b: "abc123", c: "", a: null, t: true, n: 1.5, num: "123", s: "a: b", y: "yes", e: [], m: {} }], d: "abc123" };
  it("sorts keys, single-quotes strings that need it, keeps sequences unindented", () => {
    expect(formatYaml(data, false)).toBe(
      [
        "d: abc123",
        "z:",
        "- a: null",
        "  b: abc123",
        "  c: ''",
        "  e: []",
        "  m: {}",
        "  n: 1.5",
        "  num: '123'",
        "  s: 'a: b'",
        "  t: true",
        "  y: yes",
        "",
      ].join("\n"),
    );
  });
  it("yaml-stream writes the response as an item of a list", () => {
    expect(formatYaml({ B: "x", A: "y" }, true)).toBe("- A: y\n  B: x\n");
  });
});

describe("printable responses", () => {
  it("drops $metadata, writes dates as ISO 8601 with +00:00 and bytes as base64", () => {
    expect(
      toPrintable({ $metadata: { httpStatusCode: 201 }, When: new Date(Date.UTC(2025, 0, 2, 3, 4, 5)), At: new Date(Date.UTC(2025, 0, 2, 3, 4, 5, 250)), Data: new Uint8Array([1, 2, 3]) }),
    ).toEqual({ When: "2025-01-02T03:04:05+00:00", At: "2025-01-02T03:04:05.250000+00:00", Data: "AQID" });
  });
});
