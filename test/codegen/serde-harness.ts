/**
 * Test support for the serde, validator and server emitters: builds the IR of a model with the real loader
 * and IR builder, runs emitters into an in-memory project and writes the files to a scratch folder under
 * `.tmp/` (git-ignored) together with a runtime shim, so tests can import and run the generated code.
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Emitter } from "../../codegen/emit/context.js";
import { emitFiles } from "../../codegen/generate.js";
import { relativeModule } from "../../codegen/emit/imports.js";
import { buildServiceIR } from "../../codegen/ir/build.js";
import type { ServiceIR } from "../../codegen/ir/types.js";
import { loadModel } from "../../codegen/load/load-model.js";

/** The repository root. */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

/** Our own model. */
export const OUR_MODEL = join(ROOT, "model/iot-managed-integrations.json");

/** Builds the IR of a model file or parsed AST. */
export function irOf(model: string | unknown): ServiceIR {
  return buildServiceIR(loadModel(model, "model.json"), { sourceModel: "model.json" });
}

/** Runs emitters through the generator's own file pipeline; returns the text of every file by path. */
export function emitToMemory(ir: ServiceIR, emitters: readonly Emitter[]): Map<string, string> {
  const files = emitFiles(
    ir,
    (from) => relativeModule(from, "runtime.ts"),
    emitters.map((emit, index) => ({ name: `emitter${index}`, emit })),
  );
  return new Map(files.map((f) => [f.path, f.text]));
}

/**
 * Writes generated files plus a `runtime.ts` shim (re-exporting the runtime index) to `.tmp/<name>/`;
 * returns the folder.
 */
export function writeGenerated(name: string, files: ReadonlyMap<string, string>): string {
  const dir = join(ROOT, ".tmp", name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const runtime = relative(dir, join(ROOT, "src/runtime")).split("\\").join("/");
  writeFileSync(
    join(dir, "runtime.ts"),
    [
      `export * from "${runtime}/index.js";`,
      "",
    ].join("\n"),
  );
  for (const [path, text] of files) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

/** The emitters this harness runs: A's models (the types and error classes) and B's serde family. */
export async function serdeEmitters(): Promise<Emitter[]> {
  const [{ emitModels }, { emitClientSerde }, { emitValidators }, { emitOperations }, { emitServerSerde }] = await Promise.all([
    import("../../codegen/emit/models.js"),
    import("../../codegen/emit/client-serde.js"),
    import("../../codegen/emit/validators.js"),
    import("../../codegen/emit/operations.js"),
    import("../../codegen/emit/server-serde.js"),
  ]);
  return [emitModels, emitClientSerde, emitValidators, emitOperations, emitServerSerde];
}

/** Generates a model's serde family into `.tmp/<name>/` and returns the folder. */
export async function generateSerde(name: string, model: string | unknown): Promise<string> {
  return writeGenerated(name, emitToMemory(irOf(model), await serdeEmitters()));
}
