// `iotmi/runtime` is the API other people's generated code imports: its exported names (values and types) are
// pinned in a reviewed snapshot, so adding, removing or renaming one is a visible, deliberate change. After an
// intended change: `npx vitest run test/runtime/public-exports.test.ts -u` and review the diff.
import { join } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../codegen/codegen-helpers.js";

function publicExports(entry: string): string[] {
  const program = ts.createProgram([entry], { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, target: ts.ScriptTarget.ES2022, skipLibCheck: true, noEmit: true });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(entry)!;
  const module = checker.getSymbolAtLocation(source)!;
  return checker
    .getExportsOfModule(module)
    .map((symbol) => {
      const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
      const kind =
        target.flags & ts.SymbolFlags.Class ? "class" : target.flags & ts.SymbolFlags.Function ? "function" : target.flags & ts.SymbolFlags.Value ? "const" : "type";
      return `${kind} ${symbol.getName()}`;
    })
    .sort((a, b) => (a.split(" ")[1]! < b.split(" ")[1]! ? -1 : 1));
}

describe("iotmi/runtime public exports", () => {
  it("match the reviewed snapshot", async () => {
    const names = publicExports(join(REPO_ROOT, "src/runtime/index.ts"));
    await expect(`${names.join("\n")}\n`).toMatchFileSnapshot("./public-exports.snapshot.txt");
  });
});
