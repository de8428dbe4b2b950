/**
 * The runtime is split by side of the wire (src/runtime/client/, protocol/, server/): a script that only calls
 * the service must bundle without any server-side module — neither the runtime's server/ folder, nor the
 * generated server handlers, nor the emulator. Checked from esbuild's metafile: the inputs that contribute to the
 * output the entry loads. A script that starts the emulator is bundled the same way, so the check is seen to
 * catch server code.
 *
 * One file, not code splitting: with splitting, esbuild emits a chunk for every import() it parses, including the
 * generated descriptor's `loadServer` (`import("./server.js")`) in code tree shaking then drops, and puts the
 * helpers that chunk shares with the client's runtime entry into a chunk the client loads (src/runtime/README.md,
 * "Sides of the wire").
 */
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";

const ROOT = resolve(fileURLToPath(new URL("../..", import.meta.url)));

/** A user's script: the client, a command, a paginator and an error class, all from the package entry. */
function clientScript(entry: string): string {
  return [
    `import { IoTManagedIntegrationsClient, CreateOtaTaskCommand, paginateListOtaTasks, ResourceNotFoundException } from ${JSON.stringify(entry)};`,
    `const client = new IoTManagedIntegrationsClient({ region: "us-east-1" });`,
    `console.log(await client.send(new CreateOtaTaskCommand({ OtaType: "ONE_TIME", S3Url: "s3://b/k" })));`,
    `for await (const page of paginateListOtaTasks({ client }, {})) console.log(page.Tasks);`,
    `console.log(ResourceNotFoundException.name);`,
  ].join("\n");
}

const EMULATOR_SCRIPT = [
  `import { startEmulator } from ${JSON.stringify(join(ROOT, "src/emulator/index.ts"))};`,
  `const emulator = await startEmulator({ port: 0 });`,
  `await emulator.close();`,
].join("\n");

/** Repository files (paths relative to ROOT) bundled into the script's output. */
async function bundledFiles(contents: string): Promise<string[]> {
  const result = await build({
    absWorkingDir: ROOT,
    stdin: { contents, resolveDir: ROOT, loader: "ts", sourcefile: "user-script.ts" },
    bundle: true,
    format: "esm",
    platform: "node",
    target: "node20",
    outdir: join(ROOT, "user-script-out"),
    write: false,
    metafile: true,
    logLevel: "silent",
    external: ["node:*"],
  });
  const outputs = Object.values(result.metafile.outputs);
  expect(outputs).toHaveLength(1);
  return Object.keys(outputs[0]!.inputs).filter((path) => !path.includes("node_modules/")).sort();
}

/** Server-side modules among the bundled files. */
function serverModules(files: readonly string[]): string[] {
  return files.filter((path) => /(^|\/)runtime\/server\/|^src\/emulator\/|^src\/generated\/server\.ts$|^dist\/(generated\/server|emulator\/)/.test(path));
}

describe("client bundle", () => {
  it("carries no server code (from the sources)", async () => {
    const files = await bundledFiles(clientScript(join(ROOT, "src/index.ts")));
    // The client side is there (the check looks at the right files) ...
    expect(files).toContain("src/runtime/client/handler.ts");
    expect(files).toContain("src/generated/commands/CreateOtaTaskCommand.ts");
    // ... and nothing of the server side.
    expect(serverModules(files)).toEqual([]);
  });

  it("carries no server code from the unbundled build bundlers take (dist/index.js)", async ({ skip }) => {
    if (!existsSync(join(ROOT, "dist/index.js"))) skip("needs `npm run build`");
    const files = await bundledFiles(clientScript(join(ROOT, "dist/index.js")));
    expect(files).toContain("dist/runtime/client/handler.js");
    expect(serverModules(files)).toEqual([]);
  });

  it("finds server code in a script that starts the emulator (the check can fail)", async () => {
    const files = await bundledFiles(EMULATOR_SCRIPT);
    const server = serverModules(files);
    expect(server).toContain("src/runtime/server/rest-json.ts");
    expect(server).toContain("src/emulator/pipeline.ts");
  });
});
