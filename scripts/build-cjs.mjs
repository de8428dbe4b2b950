// Second half of `npm run build`: derive the CommonJS build (dist/cjs/) from the ES module build that tsc just
// wrote to dist/. Every library module is converted (the CLI stays ESM-only: it runs as a program, never
// through require). Each file is converted on its own, not bundled, so that
// `iotmi` and `iotmi/runtime` share one copy of every class under require() as they do under import.
// Type declarations are copied beside the CommonJS files, where dist/cjs/package.json makes TypeScript read
// them as CommonJS declarations for `require` users.
import { transform } from "esbuild";
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const dist = join(root, "dist");
const out = join(dist, "cjs");
/** Entry points of the package's "exports", as built by tsc. */
const ENTRIES = ["index.js", "runtime/index.js", "emulator/index.js"];

if (!existsSync(dist)) {
  console.error("build-cjs: dist/ does not exist; run tsc first");
  process.exit(1);
}
for (const entry of ENTRIES) {
  if (!existsSync(join(dist, entry))) console.warn(`build-cjs: dist/${entry} is missing; that entry point will not load`);
}
rmSync(out, { recursive: true, force: true });

// The programs (the CLI, the generator behind `iotmi generate` and the `npm start` demo) are never required; the
// CLI may use top-level await.
// dist/node/ (scripts/build-node.mjs, run after this script) is the bundled ES module build for Node.
const PROGRAMS = new Set([out, join(dist, "node"), join(dist, "cli"), join(dist, "codegen"), join(dist, "start.js"), join(dist, "start.d.ts")]);

/** Every file under dist/ ending in `suffix`, except the CommonJS tree itself, the Node bundle and the programs. */
function libraryFiles(dir, suffix, found = []) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (PROGRAMS.has(path)) continue;
    if (entry.isDirectory()) libraryFiles(path, suffix, found);
    else if (entry.name.endsWith(suffix)) found.push(path);
  }
  return found;
}

// All library modules, not just those a static import reaches: some load siblings through computed
// `import(specifier)` calls (e.g. the emulator's generated operations), which no graph walk can see.
const modules = libraryFiles(dist, ".js");

// In CommonJS, `import.meta` does not exist. Each converted file answers it as its ES module twin in dist/
// would, so relative lookups such as `new URL("../../package.json", import.meta.url)` find the same file.
const IMPORT_META_URL = "__iotmiImportMetaUrl";
const IMPORT_META_DIR = "__iotmiImportMetaDirname";
const IMPORT_META_FILE = "__iotmiImportMetaFilename";
// dist/cjs is what require() loads, i.e. Node: a module with a Node twin gets the twin's code, as in dist/node/
// (runtime/client/default-hash.js signs with node:crypto there; see scripts/build-node.mjs).
const NODE_TWINS = { [join(dist, "runtime/client/default-hash.js")]: join(dist, "runtime/client/default-hash.node.js") };
for (const file of modules) {
  const code = readFileSync(NODE_TWINS[file] ?? file, "utf8");
  const usesImportMeta = code.includes("import.meta");
  const target = join(out, relative(dist, file));
  const twin = JSON.stringify(relative(dirname(target), file).split(sep).join("/"));
  const banner =
    `const ${IMPORT_META_FILE} = require("node:path").join(__dirname, ${twin});\n` +
    `const ${IMPORT_META_DIR} = require("node:path").dirname(${IMPORT_META_FILE});\n` +
    `const ${IMPORT_META_URL} = require("node:url").pathToFileURL(${IMPORT_META_FILE}).href;`;
  const result = await transform(code, {
    loader: "js",
    format: "cjs",
    platform: "node",
    target: "node20",
    sourcefile: relative(root, file),
    define: usesImportMeta
      ? {
          "import.meta.url": IMPORT_META_URL,
          "import.meta.dirname": IMPORT_META_DIR,
          "import.meta.filename": IMPORT_META_FILE,
        }
      : {},
    banner: usesImportMeta ? banner : "",
  });
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, result.code);
}

// Declarations: copied beside the CommonJS files (type-only imports may reach any of them).
for (const file of libraryFiles(dist, ".d.ts")) {
  const target = join(out, relative(dist, file));
  mkdirSync(dirname(target), { recursive: true });
  copyFileSync(file, target);
}
writeFileSync(join(out, "package.json"), `${JSON.stringify({ type: "commonjs" }, null, 2)}\n`);
console.log(`build-cjs: ${modules.length} modules converted to dist/cjs/`);
