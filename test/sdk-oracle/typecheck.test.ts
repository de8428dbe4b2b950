// The clients generated from the official models of $IOTMI_SHARED/models type-check under the project's strict
// settings (with `iotmi/runtime` as their only import). One program for all of them; it takes minutes, so it runs
// when IOTMI_ORACLE_TYPECHECK=1 (CI sets it: .ci/run), and skips otherwise or without the folder.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { generate } from "../../codegen/generate.js";
import { removeDir, tempDir, typecheck, writeFiles } from "../codegen/codegen-helpers.js";

const SHARED = process.env["IOTMI_SHARED"];
const MODELS = SHARED === undefined ? undefined : join(SHARED, "models");
const enabled = process.env["IOTMI_ORACLE_TYPECHECK"] === "1" && MODELS !== undefined && existsSync(MODELS);

const restJson1 = (file: string): boolean => readFileSync(file, "utf8").includes('"aws.protocols#restJson1"');

describe.runIf(enabled)("clients generated from the shared models", () => {
  const root = tempDir("oracle-typecheck");
  afterAll(() => removeDir(root));
  it("type-check", () => {
    const files = readdirSync(MODELS!).filter((f) => f.endsWith(".json") && restJson1(join(MODELS!, f)));
    for (const file of files) {
      writeFiles(join(root, file.replace(/\.json$/, "")), generate({ model: join(MODELS!, file), sourceModel: file, runtimeImport: "iotmi/runtime", format: false }).files);
    }
    expect(typecheck(root)).toEqual([]);
  }, 900_000);
});
