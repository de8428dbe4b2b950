// Third step of `npm run build`: the Node-specific build (dist/node/) that `import "iotmi"` and
// `import "iotmi/runtime"` (and `import "iotmi/emulator"`) load in Node, through the "node" condition of
// package.json "exports".
//
// Why: the @smithy/*, @aws-sdk/* and @aws-crypto/* packages send Node to their CommonJS builds, which Node must
// lex and load module by module at start-up. Here esbuild bundles the ES module build tsc wrote to dist/ together
// with the ES module builds of those packages (tree-shaken), into a few files. Bundlers keep getting the
// unbundled dist/*.js through the "module" condition, which comes first in "exports".
//
// - All entry points in one build with code splitting, so that they share one copy of every class (an error
//   class exported by `iotmi` and `iotmi/runtime` is the same object) through shared chunks.
// - Dynamic import()s stay dynamic: what is lazy in dist/ (credential chain, profile files, request body
//   encoding, node:https) becomes a separate chunk, loaded only when used.
// - All files sit directly in dist/node/; the bundled code may not use import.meta (checked below).
// - Not minified (readable stack traces); chunk names are content hashes, so the same input gives the same bytes.
// - Node's defaults: runtime/client/default-hash.js (sha256-js, for every platform) is replaced by its Node twin
//   runtime/client/default-hash.node.js (node:crypto), as the AWS SDK v3 picks its Node runtime config.
import { build } from "esbuild";
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const dist = join(root, "dist");
const out = join(dist, "node");
/**
 * Output name (dist/node/<name>.js) → the tsc output it bundles. The emulator is built with the two library
 * entries so that it shares their classes: a custom operation written with `iotmi/runtime` throws the same
 * RequestDeserializationError class the emulator's pipeline checks with instanceof.
 */
const ENTRIES = {
  index: join(dist, "index.js"),
  runtime: join(dist, "runtime/index.js"),
  emulator: join(dist, "emulator/index.js"),
  // The `iotmi` program (package.json "bin"): shares the library's chunks and starts without loading CommonJS.
  cli: join(dist, "cli/main.js"),
};
/**
 * Packages loaded lazily and left to Node's own resolution: `yaml` and `jmespath` (CommonJS only; the CLI loads
 * them for YAML or --query), and the AWS SDK's default credential chain (`@aws-sdk/credential-provider-node`
 * and the SSO/STS clients it brings), loaded only when a client has no credentials of its own.
 */
const LAZY_EXTERNAL = ["yaml", "jmespath", "@aws-sdk/credential-provider-node", "iotmi/codegen"];

/** The platform-neutral module each Node twin replaces (both are tsc output in dist/runtime/client/). */
const NODE_TWINS = { "./default-hash.js": "default-hash.node.js" };

/** Resolves the imports listed in NODE_TWINS, from dist/runtime/client/, to the Node twin. */
const nodeTwins = {
  name: "node-twins",
  setup(b) {
    b.onResolve({ filter: /^\.\/default-hash\.js$/ }, (args) => {
      if (dirname(args.importer) !== join(dist, "runtime", "client")) return undefined;
      return { path: join(dist, "runtime", "client", NODE_TWINS[args.path]) };
    });
  },
};

/** The licence texts of the packages whose code the bundle carries. */
const NOTICES = "THIRD-PARTY-LICENSES.txt";

/** Names, versions and licence texts of the node_modules packages that went into the given outputs, sorted. */
function thirdPartyNotices(outputs) {
  const packageDirs = new Set();
  for (const output of outputs) {
    for (const input of Object.keys(result.metafile.outputs[output]?.inputs ?? {})) {
      const match = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input);
      if (match) packageDirs.add(match[1]);
    }
  }
  // Packages with the same licence text share one copy of it (most are Apache-2.0 with the same notice).
  const byText = new Map();
  for (const dir of [...packageDirs].sort()) {
    const manifest = JSON.parse(readFileSync(join(root, dir, "package.json"), "utf8"));
    const licenceFile = readdirSync(join(root, dir)).find((f) => /^licen[cs]e(\.|$)/i.test(f));
    const text = licenceFile === undefined ? `(no licence file; package.json says ${manifest.license})` : readFileSync(join(root, dir, licenceFile), "utf8").trim();
    byText.set(text, [...(byText.get(text) ?? []), `${manifest.name}@${manifest.version} (${manifest.license})`]);
  }
  const sections = [...byText].map(([text, names]) => `${names.join("\n")}\n\n${text}\n`);
  const heading = "Code from these packages is bundled into the files of this folder; their licences follow.\n";
  return [heading, ...sections].join(`\n${"-".repeat(78)}\n\n`);
}

for (const [name, file] of Object.entries(ENTRIES)) {
  if (!existsSync(file)) {
    console.error(`build-node: ${relative(root, file)} is missing (entry "${name}"); run tsc first`);
    process.exit(1);
  }
}
rmSync(out, { recursive: true, force: true });

const result = await build({
  // Paths in the output's comments and in the metafile are relative to this: the same bytes from any cwd.
  absWorkingDir: root,
  entryPoints: ENTRIES,
  outdir: out,
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  // Take each package's ES module build: "module" in "exports" conditions (esbuild's default set, which
  // includes it, is kept by not setting `conditions`), and the "module" field before "main".
  mainFields: ["module", "main"],
  external: [...builtinModules, ...builtinModules.map((m) => `node:${m}`), ...LAZY_EXTERNAL],
  entryNames: "[name]",
  chunkNames: "chunk-[hash]",
  minify: false,
  sourcemap: false,
  legalComments: "inline",
  logLevel: "warning",
  metafile: true,
  plugins: [nodeTwins],
  banner: { js: "// Built by scripts/build-node.mjs from dist/ (tsc output) and the ES module builds of its dependencies." },
});

// A CommonJS module bundled into ESM gets esbuild's `__require` shim, which throws "Dynamic require of ... is not
// supported" on the first require() of a builtin. Every dependency must arrive here in its ES module build.
const commonJs = Object.entries(result.metafile.inputs)
  .filter(([, input]) => input.format === "cjs")
  .map(([path]) => path);
if (commonJs.length > 0) {
  console.error(`build-node: these inputs are CommonJS; the bundle would carry require() shims:\n  ${commonJs.join("\n  ")}`);
  process.exit(1);
}

// esbuild emits a chunk for every dynamic import() it sees, even where tree shaking then drops the importing code
// (e.g. @aws-sdk/core's browser user-agent parser, "bowser"). Chunks that no entry point reaches, statically or
// through import(), are never loaded: they are removed so that the package does not ship them.
const reachable = new Set();
// (Chunks of dynamic import()s count as entry points in the metafile too; start from ours only.)
const ours = new Set(Object.values(ENTRIES).map((file) => relative(root, file).split(sep).join("/")));
const pending = Object.keys(result.metafile.outputs).filter((path) => ours.has(result.metafile.outputs[path]?.entryPoint ?? ""));
while (pending.length > 0) {
  const path = pending.pop();
  if (reachable.has(path)) continue;
  reachable.add(path);
  for (const imported of result.metafile.outputs[path]?.imports ?? []) if (!imported.external) pending.push(imported.path);
}
for (const path of Object.keys(result.metafile.outputs)) if (!reachable.has(path)) rmSync(join(root, path));

// The bundle carries other packages' code (Apache-2.0, 0BSD): their licence texts ship beside it, one per package.
writeFileSync(join(out, NOTICES), thirdPartyNotices([...reachable]));

const files = readdirSync(out).filter((f) => f.endsWith(".js"));
const bytes = files.reduce((sum, f) => sum + statSync(join(out, f)).size, 0);
const text = files.map((f) => readFileSync(join(out, f), "utf8")).join("\n");

// An import() whose specifier is computed cannot be followed by esbuild: at run time it would resolve from
// dist/node/ instead of the module's own folder. Refuse to build rather than ship a broken lazy load.
// Allowed: a constant that names a bare package or a package's subpath (`var JMESPATH = "jmespath"`,
// `var CONFIG_PACKAGE = "@smithy/core/config"`), which resolves the same from any folder — the way the library keeps optional packages out of users' bundles.
const barePackageConstants = new Set([...text.matchAll(/\bvar (\w+) = "(?:@[\w.-]+\/)?[\w.-]+(?:\/[\w.-]+)*";/g)].map((m) => m[1]));
const computed = text
  .split("\n")
  .filter((line) => !/^\s*(\/\/|\*)/.test(line))
  .filter((line) => [...line.matchAll(/\bimport\(\s*([^)]*)\)/g)].some((m) => !/^["']/.test(m[1]) && !barePackageConstants.has(m[1].trim())));
if (computed.length > 0) {
  console.error(`build-node: import() with a computed specifier cannot be bundled:\n  ${computed.map((l) => l.trim()).join("\n  ")}`);
  process.exit(1);
}
// Lookups relative to import.meta.url would start from dist/node/ instead of the module's own folder; the library
// makes none (its version is a constant, src/runtime/client/version.ts). Refuse to build if one appears.
const metaLines = text.split("\n").filter((line) => line.includes("import.meta") && !/^\s*(\/\/|\*)/.test(line));
if (metaLines.length > 0) {
  console.error(`build-node: import.meta in bundled code resolves from dist/node/; check and handle:\n  ${metaLines.map((l) => l.trim()).join("\n  ")}`);
  process.exit(1);
}
console.log(`build-node: ${files.length} files, ${(bytes / 1024).toFixed(0)} KB in dist/node/`);
