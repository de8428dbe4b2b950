/**
 * Golden fixtures: each case's model is generated into a temporary folder and compared, file by file, with
 * the checked-in expected output, so any unintended change of generated code fails here.
 *
 * Cases: the project model, whose expected output is the committed src/generated/ itself (refresh it with
 * `npm run generate`), and every test/fixtures/<case>/model.json with its expected/ folder. The expected files
 * import the runtime by relative path, so the project's own type-check (tsconfig includes test/) checks them
 * too. After an intended change, refresh the fixtures with `UPDATE_GOLDEN=1 npx vitest run
 * test/codegen/golden.test.ts` and review the diff.
 */
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { generate } from "../../codegen/generate.js";
import { relativeRuntimeImport } from "../../codegen/driver.js";
import { FIXTURES, OUR_MODEL, REPO_ROOT, readTree, removeDir, tempDir, writeFiles } from "./codegen-helpers.js";

interface GoldenCase {
  readonly name: string;
  readonly model: string;
  readonly sourceModel: string;
  readonly expectedDir: string;
  /** How to refresh the expected files after an intended change. */
  readonly refresh: "UPDATE_GOLDEN" | "npm run generate";
}

/** Written by the driver beside the code, not by `generate()`. */
const DRIVER_FILES = new Set(["api-surface.json"]);

const cases: GoldenCase[] = [
  {
    name: "iot-managed-integrations",
    model: OUR_MODEL,
    sourceModel: "model/iot-managed-integrations.json",
    expectedDir: join(REPO_ROOT, "src", "generated"),
    refresh: "npm run generate",
  },
  ...readdirSync(FIXTURES, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(join(FIXTURES, e.name, "model.json")))
    .map((e): GoldenCase => ({
      name: e.name,
      model: join(FIXTURES, e.name, "model.json"),
      sourceModel: `test/fixtures/${e.name}/model.json`,
      expectedDir: join(FIXTURES, e.name, "expected"),
      refresh: "UPDATE_GOLDEN",
    }))
    .sort((a, b) => (a.name < b.name ? -1 : 1)),
];

const update = process.env["UPDATE_GOLDEN"] === "1";
const temps: string[] = [];
afterAll(() => temps.forEach(removeDir));

describe("golden fixtures", () => {
  it("include the project model and a model with labels, query, headers, timestamps, unions, recursion and intEnum", () => {
    expect(cases.map((c) => c.name)).toEqual(expect.arrayContaining(["iot-managed-integrations", "features"]));
  });

  it.each(cases)("$name matches its expected output", ({ name, model, sourceModel, expectedDir, refresh }) => {
    // The runtime import is the relative path from the expected folder, so the golden files type-check in place.
    const { files } = generate({ model, sourceModel, runtimeImport: relativeRuntimeImport(expectedDir) });
    if (update && refresh === "UPDATE_GOLDEN") {
      removeDir(expectedDir);
      writeFiles(expectedDir, files);
    }
    const dir = tempDir(`golden-${name}`);
    temps.push(dir);
    writeFiles(dir, files);
    const actual = readTree(dir);
    const expected = existsSync(expectedDir) ? readTree(expectedDir) : new Map<string, string>();
    for (const path of DRIVER_FILES) expected.delete(path);
    expect([...actual.keys()].sort(), `files of ${name}`).toEqual([...expected.keys()].sort());
    for (const [path, body] of actual) {
      const want = expected.get(path) ?? "";
      if (body === want) continue;
      // Name the first differing line; the whole-text comparison output is too long to read.
      const got = body.split("\n");
      const exp = want.split("\n");
      const line = got.findIndex((l, i) => l !== exp[i]);
      expect.fail(
        `${name}/${path} differs from the golden file at line ${line + 1}:\n  expected: ${exp[line] ?? "(end of file)"}\n  actual:   ${got[line] ?? "(end of file)"}\n` +
          (refresh === "npm run generate"
            ? "If the change is intended, run npm run generate and review the diff."
            : "If the change is intended, run UPDATE_GOLDEN=1 npx vitest run test/codegen/golden.test.ts and review the diff."),
      );
    }
  });
});
