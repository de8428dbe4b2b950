// Splitting the command line: global options anywhere, --name=value, list options taking every value up to the
// next option, flags, the skeleton's optional value, and the usage errors argparse would raise.
import { describe, expect, it } from "vitest";
import { parseCommandLine } from "../../src/cli/argv.js";
import { UsageError } from "../../src/cli/errors.js";
import { createOtaTaskEntry } from "./fixtures/create-ota-task.schema.js";

const parse = (...argv: string[]) => parseCommandLine(argv, (words) => (words.at(-1) === "create-ota-task" ? createOtaTaskEntry : undefined));

describe("parseCommandLine", () => {
  it("reads global options before and after the command", () => {
    const p = parse("--region", "eu-west-1", "--debug", "create-ota-task", "--output=table", "--no-verify-ssl", "--cli-connect-timeout", "0", "--color", "off");
    expect(p.words).toEqual(["create-ota-task"]);
    expect(p.globals).toMatchObject({ region: "eu-west-1", debug: true, output: "table", verifySsl: false, connectTimeout: 0, color: "off" });
  });
  it("gives a list option every value up to the next option", () => {
    const p = parse("create-ota-task", "--target", "a", "b", "-5", "--s3-url", "x");
    expect(p.values.get("--target")).toEqual(["a", "b", "-5"]);
    expect(p.values.get("--s3-url")).toBe("x");
  });
  it("keeps the last of a repeated option", () => {
    expect(parse("create-ota-task", "--description", "a", "--description", "b").values.get("--description")).toBe("b");
  });
  it("reads --generate-cli-skeleton with and without its value", () => {
    expect(parse("create-ota-task", "--generate-cli-skeleton").skeleton).toBe("input");
    expect(parse("create-ota-task", "--generate-cli-skeleton", "output").skeleton).toBe("output");
    expect(parse("create-ota-task", "--generate-cli-skeleton", "--debug").skeleton).toBe("input");
  });
  it("treats a value that looks like `help` as a value", () => {
    const p = parse("create-ota-task", "--description", "help");
    expect(p.values.get("--description")).toBe("help");
    expect(p.words).toEqual(["create-ota-task"]);
  });
  it("collects unknown options and stray words", () => {
    expect(parse("create-ota-task", "--bogus", "stray").unknown).toEqual(["--bogus", "stray"]);
  });
  it("passes everything after serve through untouched", () => {
    const p = parse("serve", "--port", "0", "--region", "x");
    expect(p.words).toEqual(["serve"]);
    expect(p.passthrough).toEqual(["--port", "0", "--region", "x"]);
  });
  it.each([
    [["create-ota-task", "--description"], "argument --description: expected one argument"],
    [["create-ota-task", "--s3-url", "--ota-type", "ONE_TIME"], "argument --s3-url: expected one argument"],
    [["--debug=yes"], "argument --debug: ignored explicit argument 'yes'"],
    [["--color", "purple"], "argument --color: Invalid choice, valid choices are:"],
    [["create-ota-task", "--generate-cli-skeleton", "xml"], "argument --generate-cli-skeleton: Invalid choice"],
  ])("%j → %s", (argv, message) => {
    expect(() => parse(...argv)).toThrow(UsageError);
    expect(() => parse(...argv)).toThrow(message);
  });
});
