/**
 * The CLI and the emulator consume the service through the generated descriptor only, and the runtime through
 * its public entry (`src/runtime/index.ts`, i.e. `iotmi/runtime`), like any other user of the package. The few
 * deliberate exceptions are listed here with their reason; anything else that reaches into the runtime's
 * folders or into other generated files fails.
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../codegen/codegen-helpers.js";

/** Modules the CLI and the emulator may import from src/runtime/ and src/generated/. */
const ALLOWED = new Set(["src/runtime/index.ts", "src/generated/descriptor.ts"]);

/** Deliberate exceptions: importer → runtime module, and why. */
const EXCEPTIONS: Readonly<Record<string, readonly string[]>> = {
  // The shared config file reader, loaded lazily (the public entry does not load it until a client needs it).
  "src/cli/settings.ts": ["src/runtime/client/profile.ts"],
  // The package's version constant, which the user agent also sends (`iotmi --version`).
  "src/cli/run.ts": ["src/runtime/client/version.ts"],
  // The result-key path walk paginators use; the CLI's page walker must read pages the same way.
  "src/cli/paginate.ts": ["src/runtime/client/paginate.ts"],
};

function sources(dir: string, found: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) sources(path, found);
    else if (entry.name.endsWith(".ts")) found.push(path);
  }
  return found;
}

/** Repository paths of the modules a file imports (static, type-only and dynamic), relative ones only. */
function imports(file: string): string[] {
  const text = readFileSync(file, "utf8");
  const found: string[] = [];
  for (const match of text.matchAll(/(?:\bfrom\s+|\bimport\s*\(\s*|\bimport\s+)["'](\.\.?\/[^"']+)["']/g)) {
    found.push(relative(REPO_ROOT, resolve(dirname(file), match[1]!)).replace(/\.js$/, ".ts"));
  }
  return found;
}

describe("the CLI and the emulator use the descriptor and the runtime's public entry", () => {
  for (const folder of ["src/cli", "src/emulator"]) {
    it(`${folder} imports nothing else from src/runtime/ or src/generated/`, () => {
      const reaching: string[] = [];
      for (const file of sources(join(REPO_ROOT, folder))) {
        const importer = relative(REPO_ROOT, file);
        for (const target of imports(file)) {
          if (!/^src\/(runtime|generated)\//.test(target) || ALLOWED.has(target)) continue;
          if (EXCEPTIONS[importer]?.includes(target) === true) continue;
          reaching.push(`${importer} → ${target}`);
        }
      }
      expect(reaching).toEqual([]);
    });
  }

  it("the listed exceptions are still in use (stale ones are removed)", () => {
    for (const [importer, targets] of Object.entries(EXCEPTIONS)) {
      for (const target of targets) expect(imports(join(REPO_ROOT, importer)), importer).toContain(target);
    }
  });
});
