/**
 * Optional (`--typecheck`): type-checks the generated folder with the project's compiler options, so the
 * emitted test builders are proven to produce values of the generated input types (a blob given as text,
 * a timestamp given as seconds would not compile). Errors are reported per file: `protocol-tests.ts` is
 * this emitter's, the others belong to the emitters that wrote them.
 */
import { readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import ts from "typescript";
import { REPO_ROOT } from "./generate.js";
import type { TestResult } from "./report.js";

function tsFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    if (name === "node_modules") continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...tsFiles(path));
    else if (name.endsWith(".ts")) out.push(path);
  }
  return out.sort();
}

/**
 * One result per generated file: pass, or fail with its first diagnostics.
 * @internal
 */
export function typecheckGenerated(dir: string, suite: string): TestResult[] {
  const config = ts.readConfigFile(join(REPO_ROOT, "tsconfig.json"), (p) => ts.sys.readFile(p));
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, REPO_ROOT);
  // Generated code imports the runtime by its absolute `.ts` path.
  const options: ts.CompilerOptions = { ...parsed.options, noEmit: true, allowImportingTsExtensions: true };
  const files = tsFiles(dir);
  const program = ts.createProgram(files, options);
  const byFile = new Map<string, string[]>(files.map((f) => [f, []]));
  for (const d of ts.getPreEmitDiagnostics(program)) {
    const file = d.file?.fileName;
    if (file === undefined || !byFile.has(file)) continue;
    const { line } = d.file!.getLineAndCharacterOfPosition(d.start ?? 0);
    byFile.get(file)!.push(`${line + 1}: ${ts.flattenDiagnosticMessageText(d.messageText, " ")}`);
  }
  return [...byFile.entries()].map(([file, errors]) => ({
    suite,
    id: relative(dir, file),
    outcome:
      errors.length === 0
        ? { status: "pass" as const }
        : { status: "fail" as const, reason: `${errors.length} type error(s): ${errors.slice(0, 3).join(" | ")}` },
  }));
}
