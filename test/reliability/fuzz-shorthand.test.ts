// Property-based fuzzing of the CLI's shorthand parser (src/cli/shorthand.ts), 10,000 seeded inputs each:
// random text (biased towards the grammar's own characters) and grammar-generated text. The parser either
// returns a value or throws its own ShorthandSyntaxError with a position inside the input; nothing else.
// Values written by the CLI's own shorthand writer parse back to themselves.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatShorthand } from "../../src/cli/shorthand-format.js";
import { parseShorthand, ShorthandSyntaxError, type ShorthandValue } from "../../src/cli/shorthand.js";

const RUNS = 10_000;

/** Parses and classifies: a value, or a ShorthandSyntaxError whose index lies within the input. */
function parseOrTypedError(text: string): "ok" | "syntax-error" {
  try {
    const value = parseShorthand(text);
    if (typeof value !== "object" || value === null || Array.isArray(value)) throw new Error(`not an object: ${String(value)}`);
    return "ok";
  } catch (error) {
    if (!(error instanceof ShorthandSyntaxError)) throw error;
    if (!Number.isInteger(error.index) || error.index < 0 || error.index > text.length) throw new Error(`position ${error.index} outside 0..${text.length}`);
    if (error.input !== text) throw new Error("error carries another input");
    if (!error.message.includes("^")) throw new Error(`message has no caret: ${error.message}`);
    return "syntax-error";
  }
}

const grammarChars = [..."abcXYZ019_-./:#", ..."=,[]{}'\"\\@ \t\n", "é", "😀", "\u0000", "\u00a0", "\uffff", "\ud800"];
const randomText = fc.oneof(
  fc.string({ unit: fc.constantFrom(...grammarChars), maxLength: 60 }),
  fc.string({ unit: "binary", maxLength: 60 }),
  fc.string({ unit: "grapheme", maxLength: 30 }),
  fc.integer({ min: 1, max: 5000 }).map((n) => `a=${"[".repeat(n)}`), // deep nesting, unterminated
  fc.integer({ min: 1, max: 2000 }).map((n) => `a=${"[".repeat(n)}x${"]".repeat(n)}`),
  fc.integer({ min: 1, max: 2000 }).map((n) => `a=${"{b=".repeat(n)}x${"}".repeat(n)}`),
  fc.integer({ min: 1, max: 20000 }).map((n) => `a=${"\\,".repeat(n)}`),
  fc.integer({ min: 1, max: 20000 }).map((n) => `k=${"x,".repeat(n)}`),
);

/** Text built from the grammar's productions (may still be invalid: unbalanced quotes in words, duplicate keys). */
const word = fc.string({ unit: fc.constantFrom(..."abcXYZ019_-./:#é😀 @\\"), minLength: 0, maxLength: 8 });
const key = fc.string({ unit: fc.constantFrom(..."abcXYZ019_-./:#"), minLength: 0, maxLength: 6 });
const { text: grammarText } = fc.letrec<{ value: string; text: string; pair: string }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    word,
    word.map((w) => `'${w}'`),
    word.map((w) => `"${w}"`),
    fc.array(tie("value"), { maxLength: 4 }).map((items) => `[${items.join(",")}]`),
    fc.array(tie("pair"), { maxLength: 4 }).map((pairs) => `{${pairs.join(",")}}`),
    fc.array(word, { minLength: 2, maxLength: 4 }).map((items) => items.join(",")),
  ),
  pair: fc.tuple(key, fc.constantFrom("=", " = ", "@=", "="), tie("value")).map(([k, eq, v]) => `${k}${eq}${v}`),
  text: fc.tuple(fc.array(tie("pair"), { minLength: 1, maxLength: 5 }), fc.constantFrom(",", ", ")).map(([pairs, sep]) => pairs.join(sep)),
}));

/** Values the CLI's writer can express: strings, lists, objects with identifier keys. */
const { value: writable } = fc.letrec<{ value: ShorthandValue; object: { [k: string]: ShorthandValue } }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small" },
    fc.string({ minLength: 1, maxLength: 12 }).filter((s) => !s.includes("\\") && !(s.includes("'") && s.includes('"')) && s.trim() === s),
    fc.array(tie("value"), { maxLength: 3 }),
    tie("object"),
  ),
  object: fc.dictionary(fc.stringMatching(/^[A-Za-z][A-Za-z0-9_]{0,7}$/), tie("value"), { minKeys: 1, maxKeys: 3 }),
}));

describe("CLI shorthand fuzz", () => {
  it(`random text: ${RUNS} inputs end in a value or a positioned ShorthandSyntaxError`, () => {
    const seen = { ok: 0, "syntax-error": 0 };
    fc.assert(
      fc.property(randomText, (text) => {
        seen[parseOrTypedError(text)]++;
      }),
      { numRuns: RUNS, seed: 1127 },
    );
    console.log(`shorthand fuzz (random): runs=${RUNS} parsed=${seen.ok} syntax-errors=${seen["syntax-error"]}`);
    expect(seen.ok).toBeGreaterThan(0);
    expect(seen["syntax-error"]).toBeGreaterThan(0);
  }, 120_000);

  it(`grammar-generated text: ${RUNS} inputs end in a value or a positioned ShorthandSyntaxError`, () => {
    const seen = { ok: 0, "syntax-error": 0 };
    fc.assert(
      fc.property(grammarText, (text) => {
        seen[parseOrTypedError(text)]++;
      }),
      { numRuns: RUNS, seed: 2711 },
    );
    console.log(`shorthand fuzz (grammar): runs=${RUNS} parsed=${seen.ok} syntax-errors=${seen["syntax-error"]}`);
    expect(seen.ok).toBeGreaterThan(RUNS / 4);
  }, 120_000);

  it(`written by formatShorthand: ${RUNS} values parse back to themselves`, () => {
    fc.assert(
      fc.property(fc.dictionary(fc.stringMatching(/^[A-Za-z][A-Za-z0-9_]{0,7}$/), writable, { minKeys: 1, maxKeys: 4 }), (value) => {
        const text = formatShorthand(value);
        expect(parseShorthand(text)).toEqual(value);
      }),
      { numRuns: RUNS, seed: 3141 },
    );
  }, 120_000);
});

// A bug the fuzz found while sizing its nesting depths (unbounded recursion), kept as a regression case.
describe("regressions found by the shorthand fuzz", () => {
  it("10,000 nesting levels end in a value or a ShorthandSyntaxError, not a RangeError (stack overflow)", () => {
    // The parser recurses once per nesting level; ~8,000 levels (24 KB, well under one argv string's 128 KB)
    // used to overflow the stack. It now stops at a depth limit with a positioned error.
    for (const text of [`a=${"[".repeat(10_000)}`, `a=${"[".repeat(10_000)}x${"]".repeat(10_000)}`, `a=${"{b=".repeat(10_000)}x${"}".repeat(10_000)}`]) {
      expect(() => parseOrTypedError(text)).not.toThrow();
    }
  });
});
