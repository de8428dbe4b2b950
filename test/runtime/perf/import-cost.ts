/**
 * What one import costs in a minified ESM bundle for Node (esbuild, as issue 7 measures footprint): each line
 * bundles `import { names } from "specifier"` and prints the output size. Used to choose the narrowest module
 * that does a job. Run: `npx tsx test/runtime/perf/import-cost.ts`.
 */
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const ROOT = resolve(fileURLToPath(new URL("../../..", import.meta.url)));

/** Files inside packages, NOT importable (their `exports` maps hide them): what the rules engine itself weighs. */
const SMITHY_ENGINE = "./node_modules/@smithy/core/dist-es/submodules/endpoints/util-endpoints/resolveEndpoint.js";
const AWS_PARTITION = "./node_modules/@aws-sdk/core/dist-es/submodules/client/util-endpoints/lib/aws/partition.js";

const CANDIDATES: ReadonlyArray<readonly [string, string]> = [
  // Every public path to the rules engine goes through the index of `@smithy/core/endpoints`, whose top-level
  // `bind…(getEndpointFromConfig)` calls (no `/*#__PURE__*/`) keep the endpoint middleware and the config-file
  // loaders in the bundle; `@smithy/util-endpoints` and `@aws-sdk/util-endpoints` only re-export it.
  ["@aws-sdk/util-endpoints", "resolveEndpoint, EndpointError"],
  ["@aws-sdk/core/client", "resolveEndpoint, EndpointError"],
  ["@aws-sdk/core/client", "partition"],
  ["@aws-sdk/core/client", "awsEndpointFunctions"],
  ["@smithy/core/endpoints", "resolveEndpoint"],
  ["@smithy/core/endpoints", "resolveEndpoint, customEndpointFunctions, EndpointError, isValidHostLabel"],
  // For comparison only (not importable): the engine and the partition function alone.
  [SMITHY_ENGINE, "resolveEndpoint"],
  [AWS_PARTITION, "partition"],
  ["@smithy/core/client", "Command"],
  ["@smithy/core/client", "Client"],
  ["@smithy/core/client", "ServiceException"],
  ["@smithy/core/client", "constructStack"],
  ["@smithy/smithy-client", "Client, Command, ServiceException"],
  // What a runtime-provided Command base class (built on constructStack) would need instead.
  ["@smithy/core/client", "Client, ServiceException, constructStack"],
  ["@smithy/core/transport", "isValidHostLabel"],
  ["@smithy/protocol-http", "HttpRequest, HttpResponse"],
  ["@smithy/signature-v4", "SignatureV4"],
  ["@aws-crypto/sha256-js", "Sha256"],
];

async function cost(specifier: string, names: string): Promise<number> {
  const result = await build({
    stdin: { contents: `import { ${names} } from ${JSON.stringify(specifier)};\nconsole.log(${names});\n`, resolveDir: ROOT, loader: "js" },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "node",
    target: "node20",
    mainFields: ["module", "main"],
    legalComments: "none",
    write: false,
    logLevel: "silent",
  });
  return result.outputFiles[0]?.contents.length ?? 0;
}

for (const [specifier, names] of CANDIDATES) {
  try {
    const bytes = await cost(specifier, names);
    console.log(`${(bytes / 1024).toFixed(1).padStart(6)} KB  { ${names} } from ${specifier}`);
  } catch (error) {
    console.log(`     -     { ${names} } from ${specifier}: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`);
  }
}
