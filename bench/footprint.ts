/**
 * Footprint: the minified ESM bundle (esbuild, for Node) of a script that imports the client by package name and
 * sends one command — what `esbuild --bundle --platform=node --format=esm --minify` gives a user — its gzip size,
 * where its bytes come from (per package, from esbuild's metafile), the entry chunk with code splitting (what
 * loads before the first request), and how many production packages an install pulls. Two scripts per client:
 * one that passes static credentials (nothing else should be pulled in) and one that relies on the default
 * credential chain.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { gzipSync } from "node:zlib";
import { build, type BuildOptions, type Plugin } from "esbuild";
import { type Found, firstLine, ROOT, SDK_DIR, SDK_PACKAGE, sdkPackageDir } from "./locate.js";

export interface BundleFigures {
  readonly bytes: number;
  readonly gzipBytes: number;
  /** Bytes in the output per source group (an npm package, or `iotmi/<folder>`), largest first. */
  readonly byGroup: readonly { readonly group: string; readonly bytes: number }[];
  /**
   * What loads before the first request (`entryBytes`: the script and what it imports statically, transitively)
   * and what only `import()` loads (`lazyBytes`), as parts of the single file — the entry chunk a code-splitting
   * bundler that drops unused `import()`s (rollup) makes.
   */
  readonly split: { readonly entryBytes: number; readonly lazyBytes: number };
  /**
   * esbuild's own `--splitting` output: its entry chunk plus the chunks that chunk imports statically, and the
   * rest. esbuild also emits a chunk for every `import()` in code it then tree-shakes away, and the code such a
   * chunk needs stays in the shared chunks the entry loads, so this entry can be larger than `split.entryBytes`.
   */
  readonly esbuildSplit: { readonly entryBytes: number; readonly lazyBytes: number };
}

export interface FootprintRow {
  readonly name: string;
  readonly staticCredentials: Found<BundleFigures>;
  readonly defaultChain: Found<BundleFigures>;
  /** `npm ls --omit=dev --all` of the install: the name of every installed production package. */
  readonly productionPackages: Found<readonly string[]>;
}

const INPUT = `{ Description: "Firmware 2 rollout", S3Url: "s3://firmware-bucket/v2.bin", OtaType: "ONE_TIME", Target: ["arn:aws:iotmanagedintegrations:us-east-1:123456789012:managed-thing/t1"] }`;
const STATIC = `credentials: { accessKeyId: process.env.KEY_ID, secretAccessKey: process.env.SECRET }`;

function groupOf(path: string): string {
  const nm = path.lastIndexOf("node_modules/");
  if (nm >= 0) {
    const parts = path.slice(nm + "node_modules/".length).split("/");
    return parts[0]?.startsWith("@") ? `${parts[0]}/${parts[1]}` : (parts[0] ?? path);
  }
  const rel = path.startsWith(ROOT) ? path.slice(ROOT.length + 1) : path;
  const parts = rel.split("/");
  if (parts[0] === "dist" && parts[1] === "node") return "iotmi (dist/node)";
  if (parts[0] === "src" || parts[0] === "dist") return `iotmi/${parts.length > 2 ? parts[1] : "(root)"}`;
  return rel.includes("iotmi-bench-") ? "(entry script)" : rel;
}

/**
 * `esModules`: take each package's ES module build ("module" before "main"), as dist/node is built — for the
 * library floor, which imports the packages directly instead of through iotmi's "exports".
 */
async function bundle(entryDir: string, source: string, esModules = false, extra: BuildOptions = {}, group: (path: string) => string = groupOf): Promise<BundleFigures> {
  const entry = join(entryDir, "iotmi-bench-entry.mjs");
  const options = {
    entryPoints: [entry],
    absWorkingDir: entryDir,
    bundle: true,
    minify: true,
    format: "esm",
    platform: "node",
    target: "node20",
    legalComments: "none",
    ...(esModules ? { mainFields: ["module", "main"] } : {}),
    ...extra,
    write: false,
    metafile: true,
    logLevel: "silent",
  } satisfies BuildOptions;
  writeFileSync(entry, source);
  try {
    const single = await build({ ...options, outfile: join(entryDir, "out.mjs") });
    // Same script with code splitting: dynamic import() targets become chunks loaded only when reached.
    const split = await build({ ...options, splitting: true, outdir: join(entryDir, "split") });
    const output = single.outputFiles[0];
    if (output === undefined) throw new Error("esbuild produced no output");
    const groups = new Map<string, number>();
    for (const out of Object.values(single.metafile.outputs)) {
      for (const [path, info] of Object.entries(out.inputs)) {
        const name = group(join(entryDir, path).replace(/\\/g, "/"));
        groups.set(name, (groups.get(name) ?? 0) + info.bytesInOutput);
      }
    }
    // Before the first request: the inputs the script reaches through static imports; the single file's other
    // inputs are reached only through import(). esbuild's helpers (no input of their own) count as entry.
    const inputs = single.metafile.inputs;
    const used = single.metafile.outputs[Object.keys(single.metafile.outputs).find((path) => path.endsWith(".mjs")) ?? ""]?.inputs ?? {};
    const scriptInput = Object.keys(inputs).find((path) => path.endsWith("iotmi-bench-entry.mjs"));
    const staticInputs = new Set<string>();
    const toVisit = scriptInput === undefined ? [] : [scriptInput];
    while (toVisit.length > 0) {
      const path = toVisit.pop() as string;
      if (staticInputs.has(path)) continue;
      staticInputs.add(path);
      for (const imported of inputs[path]?.imports ?? []) {
        if ((imported.kind === "import-statement" || imported.kind === "require-call") && !imported.external) toVisit.push(imported.path);
      }
    }
    let staticLazyBytes = 0;
    for (const [path, info] of Object.entries(used)) if (!staticInputs.has(path)) staticLazyBytes += info.bytesInOutput;

    // esbuild's entry chunk: the script's output and what it imports statically, transitively (import() targets
    // are entry points in the metafile too, so they are told apart by reachability, not by `entryPoint`).
    const outputs = split.metafile.outputs;
    const start = Object.keys(outputs).find((path) => outputs[path]?.entryPoint?.endsWith("iotmi-bench-entry.mjs"));
    const loaded = new Set<string>();
    const pending = start === undefined ? [] : [start];
    while (pending.length > 0) {
      const path = pending.pop() as string;
      if (loaded.has(path)) continue;
      loaded.add(path);
      for (const imported of outputs[path]?.imports ?? []) if (imported.kind === "import-statement" && !imported.external) pending.push(imported.path);
    }
    let entryBytes = 0;
    let lazyBytes = 0;
    for (const [path, out] of Object.entries(outputs)) {
      if (!path.endsWith(".js")) continue;
      if (loaded.has(path)) entryBytes += out.bytes;
      else lazyBytes += out.bytes;
    }
    return {
      bytes: output.contents.length,
      gzipBytes: gzipSync(output.contents).length,
      byGroup: [...groups].map(([group, bytes]) => ({ group, bytes })).sort((a, b) => b.bytes - a.bytes),
      split: { entryBytes: output.contents.length - staticLazyBytes, lazyBytes: staticLazyBytes },
      esbuildSplit: { entryBytes, lazyBytes },
    };
  } finally {
    rmSync(entry, { force: true });
  }
}

async function attempt<T>(run: () => Promise<T>): Promise<Found<T>> {
  try {
    return { ok: true, value: await run(), from: "" };
  } catch (error) {
    // esbuild's failure message says only "Build failed with N errors"; its first error says what failed.
    const detail = (error as { errors?: { text?: string; location?: { file?: string } | null }[] }).errors?.[0];
    const where = detail?.location?.file === undefined ? "" : ` (${detail.location.file})`;
    return { ok: false, reason: detail?.text === undefined ? firstLine(error) : `${detail.text}${where}` };
  }
}

/**
 * `npm ls --omit=dev --all --parseable` lists the root and then one path per installed package; the names, sorted
 * (a name installed in two versions appears twice).
 */
function listProductionPackages(dir: string): Found<readonly string[]> {
  const result = spawnSync("npm", ["ls", "--omit=dev", "--all", "--parseable"], { cwd: dir, encoding: "utf8" });
  const lines = result.stdout.split("\n").filter((line) => line.trim() !== "");
  if (lines.length === 0) return { ok: false, reason: `npm ls printed nothing (${result.stderr.split("\n")[0] ?? ""})` };
  const names = [...new Set(lines.slice(1))].map((path) => path.replace(/\\/g, "/").split("node_modules/").at(-1) ?? path);
  return { ok: true, value: names.sort(), from: dir };
}

/**
 * A folder whose node_modules/iotmi is this repository, so that a script importing "iotmi" resolves it as a user's
 * bundler would (package.json "exports"; for Node, the "node" condition). Without a build, the sources.
 */
function iotmiEntry(work: string): string | undefined {
  if (existsSync(join(ROOT, "dist/node/index.js"))) {
    mkdirSync(join(work, "node_modules"), { recursive: true });
    symlinkSync(ROOT, join(work, "node_modules/iotmi"), "dir");
    return "iotmi";
  }
  for (const candidate of ["src/index.ts", "src/generated/index.ts"]) {
    if (existsSync(join(ROOT, candidate))) return join(ROOT, candidate);
  }
  return undefined;
}

/**
 * The least any client built on the packages the design requires can bundle for Node: the SigV4 signer and its
 * Node hash, the smithy Client and middleware stack and the HTTP message classes, imported and referenced, with no
 * client code at all (endpoint rules are compiled into the generated code, so no rules library). Built from a folder inside the repository so the imports resolve.
 */
export async function measureLibraryFloor(): Promise<Found<BundleFigures>> {
  const dir = join(ROOT, ".tmp");
  mkdirSync(dir, { recursive: true });
  const work = mkdtempSync(join(dir, "bench-libraries-"));
  const source = [
    `import { Hash } from "@smithy/core/serde";`,
    `import { constructStack } from "@smithy/core/client";`,
    `import { HttpRequest, HttpResponse } from "@smithy/protocol-http";`,
    // The signer's parts the runtime builds its header signer from (SignatureV4 itself adds presigning and
    // event-stream signing no call uses).
    `import { ALWAYS_UNSIGNABLE_HEADERS, SignatureV4Base, createScope, getCanonicalQuery, getPayloadHash, hasHeader, prepareRequest } from "@smithy/signature-v4";`,
    `import { Client, ServiceException } from "@smithy/smithy-client";`,
    `console.log(Hash, constructStack, HttpRequest, HttpResponse, ALWAYS_UNSIGNABLE_HEADERS, SignatureV4Base, createScope, getCanonicalQuery, getPayloadHash, hasHeader, prepareRequest, Client, ServiceException);`,
    "",
  ].join("\n");
  try {
    return await attempt(() => bundle(work, source, true));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** Finer groups for `measureSources`: `@smithy/core/<submodule>`, other packages by name, iotmi by file. */
function sourceOf(path: string): string {
  const core = /node_modules\/@smithy\/core\/dist-es\/submodules\/([^/]+)\//.exec(path);
  if (core !== null) return `@smithy/core/${core[1]}`;
  if (path.includes("node_modules/")) return groupOf(path);
  const dist = path.indexOf("/dist/");
  if (path.startsWith(ROOT) && dist >= 0) return `iotmi ${path.slice(dist + "/dist/".length).replace(/\.js$/, "")}`;
  return groupOf(path);
}

/**
 * Where the bytes of the static-credentials script's single file come from, per source file: the same script and
 * flags, with "iotmi" bundled from the tsc output (dist/index.js and the ES module builds of its dependencies,
 * the Node hash swapped in as scripts/build-node.mjs does) instead of the prebundled dist/node, whose chunks hide
 * the files. Within a few per cent of the real single file.
 */
export async function measureSources(): Promise<Found<BundleFigures>> {
  if (!existsSync(join(ROOT, "dist/index.js"))) return { ok: false, reason: "no dist/index.js (npm run build)" };
  const work = mkdtempSync(join(tmpdir(), "iotmi-bench-sources-"));
  const client = join(ROOT, "dist/runtime/client");
  const nodeTwin: Plugin = {
    name: "node-twin",
    setup(b) {
      b.onResolve({ filter: /^\.\/default-hash\.js$/ }, (args) => (dirname(args.importer) === client ? { path: join(client, "default-hash.node.js") } : undefined));
    },
  };
  const source =
    `import { IoTManagedIntegrationsClient, CreateOtaTaskCommand } from "iotmi";\n` +
    `const client = new IoTManagedIntegrationsClient({ region: "us-east-1", ${STATIC} });\n` +
    `console.log(await client.send(new CreateOtaTaskCommand(${INPUT})));\n`;
  try {
    return await attempt(() => bundle(work, source, true, { alias: { iotmi: join(ROOT, "dist/index.js") }, nodePaths: [join(ROOT, "node_modules")], plugins: [nodeTwin] }, sourceOf));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

export async function measureFootprint(): Promise<FootprintRow[]> {
  const rows: FootprintRow[] = [];
  const work = mkdtempSync(join(tmpdir(), "iotmi-bench-"));
  try {
    const entry = iotmiEntry(work);
    const script = (config: string): string =>
      `import { IoTManagedIntegrationsClient, CreateOtaTaskCommand } from ${JSON.stringify(entry)};\n` +
      `const client = new IoTManagedIntegrationsClient({ region: "us-east-1"${config} });\n` +
      `console.log(await client.send(new CreateOtaTaskCommand(${INPUT})));\n`;
    const missing: Found<BundleFigures> = { ok: false, reason: "no client entry in dist/ or src/ yet" };
    rows.push({
      name: "iotmi",
      staticCredentials: entry === undefined ? missing : await attempt(() => bundle(work, script(`, ${STATIC}`))),
      defaultChain: entry === undefined ? missing : await attempt(() => bundle(work, script(""))),
      productionPackages: listProductionPackages(ROOT),
    });

    const sdk = sdkPackageDir();
    const sdkScript = (config: string): string =>
      `import { IoTDataPlaneClient, PublishCommand } from ${JSON.stringify(SDK_PACKAGE)};\n` +
      `const client = new IoTDataPlaneClient({ region: "us-east-1"${config} });\n` +
      `console.log(await client.send(new PublishCommand({ topic: "ota/tasks", payload: new Uint8Array(8) })));\n`;
    rows.push({
      name: "aws-sdk v3*",
      staticCredentials: sdk.ok ? await attempt(() => bundle(SDK_DIR, sdkScript(`, ${STATIC}`))) : sdk,
      defaultChain: sdk.ok ? await attempt(() => bundle(SDK_DIR, sdkScript(""))) : sdk,
      productionPackages: sdk.ok ? listProductionPackages(SDK_DIR) : sdk,
    });
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return rows;
}
