// Differential test of the shorthand parser against the AWS CLI's own parser (the `awscli` Python package that
// ships with `aws`): random strings over the grammar's alphabet must parse to the same value, or fail at the
// same position. Skips with a message when the package cannot be imported.
import { execFileSync } from "node:child_process";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatShorthand, shorthandScalar } from "../../src/cli/shorthand-format.js";
import { parseShorthand, ShorthandSyntaxError } from "../../src/cli/shorthand.js";

function python(): string | undefined {
  for (const candidate of ["python3", "python"]) {
    try {
      execFileSync(candidate, ["-c", "import awscli.shorthand"], { stdio: "ignore" });
      return candidate;
    } catch {
      // try the next one
    }
  }
  return undefined;
}

const interpreter = python();
if (interpreter === undefined) console.warn("test/cli-oracle: the awscli Python package is not importable; skipping the shorthand differential test.");

// Reads a JSON list of strings on stdin; prints, per string, the parsed value or the error's class and index.
const SCRIPT = `
import json, sys
from awscli.shorthand import ShorthandParser, ShorthandParseError
out = []
for s in json.load(sys.stdin):
    try:
        out.append({"ok": ShorthandParser().parse(s)})
    except ShorthandParseError as e:
        out.append({"error": type(e).__name__, "index": e.index})
json.dump(out, sys.stdout)
`;

type Outcome = { ok: unknown } | { error: string; index: number };

function ours(input: string): Outcome {
  try {
    return { ok: parseShorthand(input) };
  } catch (error) {
    if (!(error instanceof ShorthandSyntaxError)) throw error;
    const kind = error.message.startsWith("Second instance") ? "DuplicateKeyInObjectError" : "ShorthandParseSyntaxError";
    return { error: kind, index: error.index };
  }
}

describe.skipIf(interpreter === undefined)("shorthand parser vs the AWS CLI's", () => {
  it("agrees on 2000 generated inputs", () => {
    const token = fc.constantFrom("a", "b", "Key", "k.1", "x y", "=", ",", "[", "]", "{", "}", "'", '"', "\\", "\\,", " ", "@", "1", "é", "-", ":", "\n");
    const wellFormedish = fc.array(token, { minLength: 1, maxLength: 14 }).map((parts) => parts.join(""));
    const keyed = fc.tuple(fc.constantFrom("a", "Key", "k_2"), wellFormedish).map(([k, v]) => `${k}=${v}`);
    // Well-formed inputs written by our own formatter from random nested values.
    const scalar = fc.string({ unit: fc.constantFrom(..."ab1 ,=[]{}'\"é-:@"), maxLength: 6 }).filter((v) => shorthandScalar(v) !== undefined && v.trim() === v);
    const { value } = fc.letrec((tie) => ({
      value: fc.oneof({ depthSize: "small" }, scalar, fc.array(tie("value"), { maxLength: 3 }), fc.dictionary(fc.constantFrom("a", "B", "c.d"), tie("value"), { maxKeys: 3 })),
    }));
    const formatted = fc.dictionary(fc.constantFrom("a", "Key", "k_2", "x:y"), value, { minKeys: 1, maxKeys: 3 }).map((v) => formatShorthand(v as never));
    const inputs = fc.sample(fc.oneof(keyed, wellFormedish, formatted), { numRuns: 2000, seed: 20251127 });
    const theirs = JSON.parse(execFileSync(interpreter!, ["-c", SCRIPT], { input: JSON.stringify(inputs), encoding: "utf8", maxBuffer: 64 * 1024 * 1024 })) as Outcome[];
    const mismatches = inputs
      .map((input, i) => ({ input, ours: ours(input), theirs: theirs[i] }))
      .filter((r) => JSON.stringify(r.ours) !== JSON.stringify(r.theirs));
    expect(mismatches.slice(0, 10)).toEqual([]);
    // The sample must exercise both sides of the grammar, not only its errors.
    const parsed = theirs.filter((o) => "ok" in o).length;
    console.log(`shorthand differential: ${parsed} parsed, ${inputs.length - parsed} rejected, all agree`);
    expect(parsed).toBeGreaterThan(inputs.length / 5);
    expect(inputs.length - parsed).toBeGreaterThan(inputs.length / 5);
  }, 60_000);
});
