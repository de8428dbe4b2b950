/**
 * Shared helpers of the generator suites: paths, generating into a folder, and type-checking generated
 * code with the TypeScript compiler API under the project's compiler options.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import type { GeneratedFile } from "../../codegen/generate.js";

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const FIXTURES = join(REPO_ROOT, "test", "fixtures");
export const OUR_MODEL = join(REPO_ROOT, "model", "iot-managed-integrations.json");
/** The specifier golden outputs use for the runtime, mapped to src/runtime/index.ts when type-checking. */
export const RUNTIME_SPECIFIER = "iotmi/runtime";

/** A fresh folder inside the repository (under the git-ignored `.tmp/`), so packages resolve from node_modules. */
export function tempDir(prefix: string): string {
  const base = join(REPO_ROOT, ".tmp");
  mkdirSync(base, { recursive: true });
  return mkdtempSync(join(base, `${prefix}-`));
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

export function writeFiles(dir: string, files: readonly GeneratedFile[]): void {
  for (const file of files) {
    const path = join(dir, file.path);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, file.text);
  }
}

/** Every file under `dir` as relative path → text. */
export function readTree(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (sub: string): void => {
    for (const entry of readdirSync(join(dir, sub), { withFileTypes: true })) {
      const rel = sub === "" ? entry.name : `${sub}/${entry.name}`;
      if (entry.isDirectory()) walk(rel);
      else out.set(rel, readFileSync(join(dir, rel), "utf8"));
    }
  };
  walk("");
  return out;
}

/**
 * Type-checks every `.ts` file under `dir` with the project's strict options, the runtime specifier mapped
 * to src/runtime/index.ts. Returns formatted diagnostics (empty when clean).
 */
export function typecheck(dir: string): string[] {
  const roots = [...readTree(dir).keys()].filter((p) => p.endsWith(".ts")).map((p) => join(dir, p));
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    lib: ["lib.es2023.d.ts"],
    types: ["node"],
    strict: true,
    exactOptionalPropertyTypes: true,
    noImplicitOverride: true,
    noUncheckedIndexedAccess: true,
    isolatedModules: true,
    verbatimModuleSyntax: true,
    skipLibCheck: true,
    noEmit: true,
    baseUrl: REPO_ROOT,
    paths: { [RUNTIME_SPECIFIER]: [join(REPO_ROOT, "src", "runtime", "index.ts")] },
    typeRoots: [join(REPO_ROOT, "node_modules", "@types")],
  };
  const program = ts.createProgram(roots, options);
  const diagnostics = ts.getPreEmitDiagnostics(program);
  return diagnostics.map((d) => {
    const where = d.file && d.start !== undefined ? `${d.file.fileName.replace(`${REPO_ROOT}/`, "")}(${d.file.getLineAndCharacterOfPosition(d.start).line + 1})` : "";
    return `${where}: ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`;
  });
}
