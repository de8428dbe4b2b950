/**
 * Generated code must type-check under the project's strict options: for the project model, the features
 * fixture and — the big one — the whole official service model (path from IOTMI_REFERENCE_MODEL, default
 * ../shared/reference/iot-managed-integrations.smithy.json; skipped with a message when absent). The output
 * goes to a temporary folder and is never committed.
 *
 * Until the operations emitter is registered, commands would import a missing `operations.ts`; the test then
 * writes a declaration-only stand-in (one `<Op>Spec` per operation) and says so, so everything else is still
 * checked. Once the emitter is registered, the real file is checked instead.
 *
 * While the runtime does not yet export a helper the generated serde imports (TS2305 on the runtime
 * specifier), that one kind of diagnostic is listed as pending, not failed; every other diagnostic fails.
 */
import { existsSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { generate } from "../../codegen/generate.js";
import { FIXTURES, OUR_MODEL, REPO_ROOT, RUNTIME_SPECIFIER, removeDir, tempDir, writeFiles } from "./codegen-helpers.js";
import { typecheck } from "./codegen-helpers.js";

const referenceModel = resolve(REPO_ROOT, process.env["IOTMI_REFERENCE_MODEL"] ?? "../shared/reference/iot-managed-integrations.smithy.json");
const haveReference = existsSync(referenceModel);
if (!haveReference) {
  console.warn(`typecheck-output: skipping the official service model: ${referenceModel} not found (set IOTMI_REFERENCE_MODEL).`);
}

const temps: string[] = [];
afterAll(() => temps.forEach(removeDir));

function generateAndCheck(model: string, name: string): { diagnostics: string[]; files: number; operations: number } {
  const { ir, files } = generate({ model, sourceModel: `${name}.json`, runtimeImport: RUNTIME_SPECIFIER });
  const dir = tempDir(`typecheck-${name}`);
  temps.push(dir);
  writeFiles(dir, files);
  if (!files.some((f) => f.path === "operations.ts")) {
    console.info(`typecheck-output (${name}): operations.ts is not generated yet; checking against a declaration-only stand-in.`);
    const lines = [`import type { OperationSpec } from "${RUNTIME_SPECIFIER}";`];
    for (const op of ir.operations) {
      lines.push(`import type { ${op.input.name}, ${op.output.name} } from "./models.js";`);
      lines.push(`export declare const ${op.name}Spec: OperationSpec<${op.input.name}, ${op.output.name}>;`);
    }
    writeFileSync(join(dir, "operations.ts"), `${[...new Set(lines)].join("\n")}\n`);
  }
  const all = typecheck(dir);
  const pendingRuntime = all.filter((d) => d.includes(`Module '"${RUNTIME_SPECIFIER}"' has no exported member`));
  if (pendingRuntime.length > 0) {
    const names = [...new Set(pendingRuntime.map((d) => /member '([^']+)'/.exec(d)?.[1] ?? "?"))].sort();
    console.warn(`typecheck-output (${name}): the runtime does not export yet: ${names.join(", ")}`);
  }
  return { diagnostics: all.filter((d) => !pendingRuntime.includes(d)), files: files.length, operations: ir.operations.length };
}

describe("generated code type-checks", () => {
  it("for the project model", () => {
    expect(generateAndCheck(OUR_MODEL, "iot-managed-integrations").diagnostics).toEqual([]);
  }, 180_000);

  it("for the features fixture", () => {
    expect(generateAndCheck(join(FIXTURES, "features", "model.json"), "features").diagnostics).toEqual([]);
  }, 180_000);

  it.skipIf(!haveReference)("for the whole official service model", () => {
    const result = generateAndCheck(referenceModel, "reference");
    expect(result.operations).toBeGreaterThan(50);
    expect(result.diagnostics).toEqual([]);
  }, 300_000);
});
