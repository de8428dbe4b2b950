/**
 * Bundle footprint of a script that sends one command: esbuild, minified ESM for Node with code splitting, as
 * issue 7 measures it. Prints the entry chunk (what loads before the first request), the lazily loaded chunks,
 * a single-file bundle for comparison, and the bytes per package in the entry chunk. Two scripts: static
 * credentials (the send path) and the default credential chain.
 * Run: `npx tsx test/runtime/perf/bundle-size.ts [--files] [--runtime-command]` (`--files` also lists the largest
 * input files; `--runtime-command` previews generated commands extending the runtime's `Command` instead of
 * smithy's, by rewriting their import while bundling — a proposal for the generator, see README;
 * `--smithy-endpoints` previews endpoint rules evaluated by `@smithy/core/endpoints` with only the AWS partition
 * data, i.e. without `@aws-sdk/util-endpoints` and `@aws-sdk/core` — a proposal, see the report;
 * `--pure-endpoints` previews the upstream fix for the endpoint middleware every bundle carries today: the
 * top-level `bind…()` calls of `@smithy/core/endpoints`' index marked `/*#__PURE__*\/`, nothing else changed).
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { readFile } from "node:fs/promises";
import { build, type BuildOptions, type Plugin } from "esbuild";

const ROOT = resolve(fileURLToPath(new URL("../../..", import.meta.url)));
const ENTRY = join(ROOT, "src/generated/index.ts");
const INPUT = `{ Description: "Firmware 2 rollout", S3Url: "s3://firmware-bucket/v2.bin", OtaType: "ONE_TIME", Target: ["arn:aws:iotmanagedintegrations:us-east-1:123456789012:managed-thing/t1"] }`;
const STATIC = `, credentials: { accessKeyId: process.env.KEY_ID, secretAccessKey: process.env.SECRET }`;
const listFiles = process.argv.includes("--files");
const runtimeCommand = process.argv.includes("--runtime-command");
const smithyEndpoints = process.argv.includes("--smithy-endpoints");
const pureEndpoints = process.argv.includes("--pure-endpoints");

/**
 * Loads `@smithy/core/endpoints`' index with its four top-level `bind…(getEndpointFromConfig)` calls annotated
 * `/*#__PURE__*\/` — the upstream fix that lets bundlers drop the endpoint middleware nobody calls (preview only).
 */
const pureEndpointsPlugin: Plugin = {
  name: "pure-endpoints",
  setup(b) {
    b.onLoad({ filter: /@smithy[\\/]core[\\/]dist-es[\\/]submodules[\\/]endpoints[\\/]index\.js$/ }, async (args) => {
      const text = await readFile(args.path, "utf8");
      const pure = text.replace(/= (bind[A-Za-z]+\()/g, "= /*#__PURE__*/ $1");
      if (pure === text) throw new Error("pure-endpoints: no bind calls found; the package changed");
      return { contents: pure, loader: "js" };
    });
  },
};

/** Stands in for `@aws-sdk/util-endpoints`: smithy's rules engine plus the partition data file alone (preview only). */
const smithyEndpointsPlugin: Plugin = {
  name: "smithy-endpoints",
  setup(b) {
    b.onResolve({ filter: /^@aws-sdk\/util-endpoints$/ }, () => ({ path: "util-endpoints-preview", namespace: "preview" }));
    b.onLoad({ filter: /.*/, namespace: "preview" }, () => ({
      resolveDir: ROOT,
      loader: "js",
      contents: [
        `import { resolveEndpoint, EndpointError, customEndpointFunctions } from "@smithy/core/endpoints";`,
        `import { partitionsInfo } from ${JSON.stringify(join(ROOT, "node_modules/@aws-sdk/core/dist-es/submodules/client/util-endpoints/lib/aws/partitions.js"))};`,
        `export function partition(region) {`,
        `  for (const p of partitionsInfo.partitions) if (region in p.regions) return { ...p.outputs, ...p.regions[region] };`,
        `  for (const p of partitionsInfo.partitions) if (new RegExp(p.regionRegex).test(region)) return { ...p.outputs };`,
        `  return { ...partitionsInfo.partitions.find((p) => p.id === "aws").outputs };`,
        `}`,
        `customEndpointFunctions.aws = { partition };`,
        `export { resolveEndpoint, EndpointError };`,
      ].join("\n"),
    }));
  },
};

/** Generated command files import `Command` from the runtime instead of `@smithy/smithy-client`. */
const runtimeCommandPlugin: Plugin = {
  name: "runtime-command",
  setup(b) {
    b.onLoad({ filter: /src[\\/]generated[\\/]commands[\\/].*\.ts$/ }, async (args) => {
      const text = await readFile(args.path, "utf8");
      const runtime = JSON.stringify(join(ROOT, "src/runtime/index.ts"));
      return { contents: text.replace(/import \{ Command \} from "@smithy\/smithy-client";/, `import { Command } from ${runtime};`), loader: "ts" };
    });
  },
};

function script(config: string): string {
  return (
    `import { IoTManagedIntegrationsClient, CreateOtaTaskCommand } from ${JSON.stringify(ENTRY)};\n` +
    `const client = new IoTManagedIntegrationsClient({ region: "us-east-1"${config} });\n` +
    `console.log(await client.send(new CreateOtaTaskCommand(${INPUT})));\n`
  );
}

/** `@scope/name` or `name` for a file in node_modules, `iotmi/<folder>` for ours. */
function groupOf(path: string): string {
  const nm = path.lastIndexOf("node_modules/");
  if (nm >= 0) {
    const parts = path.slice(nm + "node_modules/".length).split("/");
    return parts[0]?.startsWith("@") ? `${parts[0]}/${parts[1]}` : (parts[0] ?? path);
  }
  const match = /src\/([^/]+)\//.exec(path);
  return match === null ? "(entry)" : `iotmi/${match[1]}`;
}

const kb = (n: number): string => `${(n / 1024).toFixed(1)} KB`;

function sum(files: readonly (readonly [string, number])[], pattern: RegExp): number {
  let total = 0;
  for (const [path, bytes] of files) if (pattern.test(path)) total += bytes;
  return total;
}

async function measure(label: string, source: string): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "iotmi-size-"));
  const entry = join(dir, "entry.mjs");
  writeFileSync(entry, source);
  const options = {
    entryPoints: [entry],
    absWorkingDir: ROOT,
    bundle: true,
    minify: true,
    format: "esm",
    platform: "node",
    target: "node20",
    mainFields: ["module", "main"],
    legalComments: "none",
    write: false,
    metafile: true,
    logLevel: "silent",
    plugins: [
      ...(runtimeCommand ? [runtimeCommandPlugin] : []),
      ...(smithyEndpoints ? [smithyEndpointsPlugin] : []),
      ...(pureEndpoints ? [pureEndpointsPlugin] : []),
    ],
  } satisfies BuildOptions;
  try {
    const split = await build({ ...options, splitting: true, outdir: join(dir, "out") });
    const single = await build({ ...options, outfile: join(dir, "single.mjs") });
    // The entry chunk plus every chunk it imports statically is what loads before the first request.
    const outputs = split.metafile.outputs;
    const initial = new Set<string>();
    const visit = (path: string): void => {
      if (initial.has(path)) return;
      initial.add(path);
      for (const imp of outputs[path]?.imports ?? []) if (imp.kind === "import-statement" && imp.path in outputs) visit(imp.path);
    };
    // Dynamic import() targets are entry points of their own in the metafile; only the script's counts here.
    for (const [path, out] of Object.entries(outputs)) if (out.entryPoint?.endsWith("entry.mjs") === true) visit(path);
    let entryBytes = 0;
    let lazyBytes = 0;
    const initialInputs: [string, number][] = [];
    const lazy: string[] = [];
    for (const [path, out] of Object.entries(outputs)) {
      if (!path.endsWith(".js") && !path.endsWith(".mjs")) continue;
      if (initial.has(path)) {
        entryBytes += out.bytes;
        for (const [input, info] of Object.entries(out.inputs)) initialInputs.push([input, info.bytesInOutput]);
      } else {
        lazyBytes += out.bytes;
        lazy.push(`${kb(out.bytes)} ${Object.keys(out.inputs).map(groupOf).filter((g, i, a) => a.indexOf(g) === i).join(", ")}`);
      }
    }
    console.log(`\n${label}: before the first request ${kb(entryBytes)} (${entryBytes} B), lazy chunks ${kb(lazyBytes)}, single file ${kb(single.outputFiles[0]?.contents.length ?? 0)}`);
    const groups = new Map<string, number>();
    const files: [string, number][] = [];
    for (const [path, bytes] of initialInputs) {
      groups.set(groupOf(path), (groups.get(groupOf(path)) ?? 0) + bytes);
      files.push([path, bytes]);
    }
    for (const [group, bytes] of [...groups].sort((a, b) => b[1] - a[1])) console.log(`  ${kb(bytes).padStart(9)}  ${group}`);
    for (const line of lazy) console.log(`  lazy chunk: ${line}`);
    // The endpoint middleware is never called but kept by `@smithy/core/endpoints`' index (see --pure-endpoints);
    // the shared-config loaders land in the entry because that index reaches them statically (otherwise they would
    // sit in the lazy chunk that reads profile settings).
    const middleware = sum(files, /@smithy[\\/]core[\\/].*endpoints[\\/](index\.js|middleware-endpoint[\\/])/);
    const loaders = sum(files, /@smithy[\\/]core[\\/].*submodules[\\/]config[\\/]/);
    console.log(`  of which endpoint middleware ${kb(middleware)} and shared-config loaders ${kb(loaders)} in the entry`);
    if (listFiles) {
      console.log("  largest entry-chunk inputs:");
      for (const [path, bytes] of files.sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`    ${kb(bytes).padStart(9)}  ${path}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await measure("static credentials", script(STATIC));
await measure("default credential chain", script(""));
