/**
 * What one import costs in a minified ESM bundle for Node (esbuild, as issue 7 measures footprint): each line
 * bundles `import { names } from "specifier"` and prints the output size. Used to choose the narrowest module
 * that does a job. Run: `npx tsx test/runtime/perf/import-cost.ts`.
 */
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const ROOT = resolve(fileURLToPath(new URL("../../..", import.meta.url)));

const CANDIDATES: ReadonlyArray<readonly [string, string]> = [
  ["@aws-sdk/util-endpoints", "resolveEndpoint, EndpointError"],
  ["@aws-sdk/core/client", "resolveEndpoint, EndpointError"],
  ["@aws-sdk/core/client", "partition"],
  ["@smithy/core/endpoints", "resolveEndpoint"],
  ["@smithy/core/endpoints", "resolveEndpoint, customEndpointFunctions, EndpointError, isValidHostLabel"],
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
