// Java-flavoured model patterns translated to JavaScript: each case states what Java's java.util.regex
// accepts and rejects, and the translated RegExp must agree; patterns with no exact equivalent are reported.
import { describe, expect, it } from "vitest";
import { translatePattern } from "../../codegen/ir/pattern.js";

function compile(pattern: string): RegExp {
  const result = translatePattern(pattern);
  if (!("source" in result)) throw new Error(JSON.stringify(result));
  return new RegExp(result.source, result.flags);
}

const CASES: readonly { pattern: string; accepts: readonly string[]; rejects: readonly string[] }[] = [
  // POSIX classes are US-ASCII in Java.
  { pattern: "^[\\p{Graph}\\x20]*$", accepts: ["Living room sensors", "{\"on\":true}", ""], rejects: ["tab\there", "Süd"] },
  { pattern: "^\\p{Print}+$", accepts: ["a b~"], rejects: ["a\nb"] },
  { pattern: "^\\P{Alpha}+$", accepts: ["123 !"], rejects: ["a1"] },
  { pattern: "^[\\p{Alnum}_-]+$", accepts: ["a_b-1"], rejects: ["a.b"] },
  // Unicode categories and scripts keep their meaning.
  { pattern: "^\\p{L}+$", accepts: ["Süd", "日本"], rejects: ["a1"] },
  { pattern: "^\\p{IsLatin}+$", accepts: ["Süd"], rejects: ["日本"] },
  { pattern: "^\\pL\\p{Nd}$", accepts: ["a1"], rejects: ["11"] },
  // \x{…}, octal, \Q…\E, \e.
  { pattern: "^\\x{0022}\\x{1F600}$", accepts: ['"😀'], rejects: ["'😀"] },
  { pattern: "^\\Q[a+b]*\\E+$", accepts: ["[a+b]*[a+b]*"], rejects: ["a", "[a+b]"] },
  { pattern: "^\\0101$", accepts: ["A"], rejects: ["0101"] },
  // Escapes of ordinary characters, which JavaScript's u mode refuses.
  { pattern: "^[\\.\\-\\!\\*\\_\\'a-z]+$", accepts: ["a-b_c!'"], rejects: ["a b"] },
  { pattern: "^\\!\\ \\#$", accepts: ["! #"], rejects: ["!#"] },
  // Java's \s is ASCII; its \S therefore includes the Unicode spaces JavaScript's \S leaves out.
  { pattern: "^\\S+$", accepts: ["a\u00a0b"], rejects: ["a b"] },
  { pattern: "^[\\s\\S]+$", accepts: ["any\nthing\u00a0"], rejects: [""] },
  { pattern: "^\\s$", accepts: ["\t"], rejects: ["\u00a0"] },
  // Possessive quantifiers and atomic groups never give back what they matched.
  { pattern: "^a*+a$", accepts: [], rejects: ["aaa", "a"] },
  { pattern: "^(?>ab|a)b$", accepts: ["abb"], rejects: ["ab"] },
  { pattern: "^[a-z]++[0-9]$", accepts: ["abc1"], rejects: ["abc"] },
  // Leading inline flags; a quantified anchor; unbalanced `]` and `}` are literals in Java.
  { pattern: "(?s)^a.b$", accepts: ["a\nb"], rejects: ["ab"] },
  { pattern: "(?i)^abc$", accepts: ["ABC"], rejects: ["abd"] },
  { pattern: "^ab$?", accepts: ["ab", "abc"], rejects: ["a"] },
  { pattern: "^a]b}$", accepts: ["a]b}"], rejects: ["ab"] },
  // Nested classes are unions in Java.
  { pattern: "^[a-c[x-z]]+$", accepts: ["abxz"], rejects: ["d"] },
];

describe("translatePattern", () => {
  it.each(CASES)("$pattern", ({ pattern, accepts, rejects }) => {
    const regex = compile(pattern);
    for (const value of accepts) expect(regex.test(value), `${JSON.stringify(value)} accepted`).toBe(true);
    for (const value of rejects) expect(regex.test(value), `${JSON.stringify(value)} rejected`).toBe(false);
  });

  it("leaves plain ECMA patterns as the model writes them", () => {
    for (const pattern of ["^[a-z0-9-]{1,20}$", "^arn:aws[a-z-]*:iam::\\d{12}:role/.+$", "^(?!aws:)[a-zA-Z+-=._:/]+$"]) {
      expect(translatePattern(pattern)).toEqual({ source: pattern, flags: "u" });
    }
  });

  it.each([
    ["^[a-z&&[^x]]$", /intersection/],
    ["^a(?i:b)$", /inline flag group/],
    ["^(a)*+\\1$", /back-references/],
    ["^\\p{InGreek}$", /no JavaScript equivalent/],
    ["^[^\\P{Alpha}]$", /inside a class/],
    ["^\\G$", /no JavaScript equivalent/],
  ])("reports %s as untranslatable", (pattern, reason) => {
    const result = translatePattern(pattern);
    expect("untranslatable" in result ? result.untranslatable : "").toMatch(reason);
  });

  it.each(["([a-z", "a)", "[abc", "\\x{zz}", "a{"])("reports %s as no regular expression", (pattern) => {
    expect(translatePattern(pattern)).toHaveProperty("invalid");
  });
});

// The full service model's own Java-flavoured patterns, through the generated validator (skips without it).
const REFERENCE = process.env["IOTMI_REFERENCE_MODEL"];
describe.skipIf(REFERENCE === undefined)("validators generated from the full IoT Managed Integrations model", () => {
  it("accept the values the service accepts", async () => {
    const { generate } = await import("../../codegen/generate.js");
    const { join } = await import("node:path");
    const { pathToFileURL } = await import("node:url");
    const { REPO_ROOT, removeDir, tempDir, writeFiles } = await import("./codegen-helpers.js");
    const { ir, files } = generate({ model: REFERENCE!, sourceModel: "reference.json", runtimeImport: join(REPO_ROOT, "src/runtime/index.ts"), format: false });
    const dir = tempDir("reference-validators");
    try {
      writeFiles(dir, files);
      const validators = (await import(pathToFileURL(join(dir, "validators.ts")).href)) as Record<string, (input: object) => { path: string; rule: string }[]>;
      const createThing = validators["validateCreateManagedThingRequest"]!;
      const base = { Role: "DEVICE", AuthenticationMaterial: "material", AuthenticationMaterialType: "WIFI_SETUP_QR_BAR_CODE" };
      expect(createThing({ ...base, Capabilities: '{"on":true}' })).toEqual([]);
      expect(createThing({ ...base, Capabilities: "{\u0001}" }).map((v) => [v.path, v.rule])).toEqual([["Capabilities", "pattern"]]);
      // Every pattern of the model translated; none skipped.
      expect(ir.warnings.filter((w) => w.message.includes("pattern"))).toEqual([]);
    } finally {
      removeDir(dir);
    }
  });
});
