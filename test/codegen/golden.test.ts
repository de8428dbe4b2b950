/**
 * Golden fixtures: each case's model is generated into a temporary folder and compared, file by file, with
 * the checked-in expected output, so any unintended change of generated code fails here.
 *
 * Cases: the project model (expected output under test/fixtures/iot-managed-integrations/expected) and
 * every test/fixtures/<case>/model.json. The expected files import the runtime by relative path, so the
 * project's own type-check (tsconfig includes test/) checks them too. After an intended change, refresh with
 * `UPDATE_GOLDEN=1 npx vitest run test/codegen/golden.test.ts` and review the diff.
 */
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { generate } from "../../codegen/generate.js";
import { relativeRuntimeImport } from "../../codegen/driver.js";
import { FIXTURES, OUR_MODEL, readTree, removeDir, tempDir, writeFiles } from "./codegen-helpers.js";

interface GoldenCase {
  readonly name: string;
  readonly model: string;
  readonly sourceModel: string;
}

const cases: GoldenCase[] = [
  { name: "iot-managed-integrations", model: OUR_MODEL, sourceModel: "model/iot-managed-integrations.json" },
  ...readdirSync(FIXTURES, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(join(FIXTURES, e.name, "model.json")))
    .map((e) => ({ name: e.name, model: join(FIXTURES, e.name, "model.json"), sourceModel: `test/fixtures/${e.name}/model.json` }))
    .sort((a, b) => (a.name < b.name ? -1 : 1)),
];

const update = process.env["UPDATE_GOLDEN"] === "1";
const temps: string[] = [];
afterAll(() => temps.forEach(removeDir));

describe("golden fixtures", () => {
  it("include the project model and a model with labels, query, headers, timestamps, unions, recursion and intEnum", () => {
    expect(cases.map((c) => c.name)).toEqual(expect.arrayContaining(["iot-managed-integrations", "features"]));
  });

  it.each(cases)("$name matches its expected output", ({ name, model, sourceModel }) => {
    const expectedDir = join(FIXTURES, name, "expected");
    // The runtime import is the relative path from the expected folder, so the golden files type-check in place.
    const { files } = generate({ model, sourceModel, runtimeImport: relativeRuntimeImport(expectedDir) });
    if (update) {
      removeDir(expectedDir);
      writeFiles(expectedDir, files);
    }
    const dir = tempDir(`golden-${name}`);
    temps.push(dir);
    writeFiles(dir, files);
    const actual = readTree(dir);
    const expected = existsSync(expectedDir) ? readTree(expectedDir) : new Map<string, string>();
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
          "If the change is intended, run UPDATE_GOLDEN=1 npx vitest run test/codegen/golden.test.ts and review the diff.",
      );
    }
  });
});
