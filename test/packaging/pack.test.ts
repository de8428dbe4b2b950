/**
 * The published package, as a user gets it: `npm pack`, install the tarball into an empty folder (offline,
 * from the npm cache this machine already has), then use it from ES modules, from CommonJS, from TypeScript
 * under both module systems, through the `iotmi` bin, and run the example service against the emulator.
 *
 * Parts of the package that have not been written yet (their source file is absent) are skipped with a
 * message; once a source exists its entry point must work. Packing needs `dist/` (`npm test` builds it first).
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import jsonImport from "@rollup/plugin-json";
import { nodeResolve } from "@rollup/plugin-node-resolve";
import { build, transformSync } from "esbuild";
import { rollup } from "rollup";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "../../src/emulator/index.js";
import { run, type Run } from "./run.js";
import { expectOneTaskForRepeatedRollout } from "../examples/demo-report.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
/** The plugin's types describe its CommonJS build; the ES module build `import` loads exports it as default. */
const json = jsonImport as unknown as typeof jsonImport.default;
const PKG = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as {
  version: string;
  bin: Record<string, string>;
  exports: Record<string, string | Record<string, Record<string, string>>>;
};

/** Each public entry point: its source file, and names it must export. */
const ENTRIES = [
  { subpath: ".", specifier: "iotmi", source: "src/index.ts", names: ["IoTManagedIntegrationsClient", "CreateOtaTaskCommand"] },
  {
    subpath: "./runtime",
    specifier: "iotmi/runtime",
    source: "src/runtime/index.ts",
    names: ["resolveClientConfig", "resolveOperationHandler", "InputValidationError"],
  },
  { subpath: "./emulator", specifier: "iotmi/emulator", source: "src/emulator/index.ts", names: ["startEmulator"] },
] as const;
type Entry = (typeof ENTRIES)[number];

const written = (entry: Entry): boolean => existsSync(join(ROOT, entry.source));
const BUILT = existsSync(join(ROOT, "dist/cjs/package.json")) && existsSync(join(ROOT, "dist/node"));
const CLI_WRITTEN = existsSync(join(ROOT, "src/cli/main.ts"));
/** End-to-end calls need the generated client and server specs as well as the emulator. */
const E2E_READY = ENTRIES.every(written) && existsSync(join(ROOT, "src/generated/server.ts"));

function node(args: readonly string[], cwd: string): Promise<Run> {
  return run(process.execPath, args, cwd);
}

let work = "";
let consumer = "";
let packedFiles: string[] = [];
/** Why the package could not be packed or installed here; the tests skip with it. */
let unavailable: string | undefined;

beforeAll(async () => {
  if (!BUILT) return;
  work = mkdtempSync(join(tmpdir(), "iotmi-pack-"));
  consumer = join(work, "consumer");
  mkdirSync(consumer);
  let packed: Run;
  try {
    packed = await run("npm", ["pack", "--json", "--pack-destination", work], ROOT);
  } catch (error) {
    unavailable = `npm pack could not run: ${String(error)}`;
    return;
  }
  if (packed.code !== 0) {
    unavailable = `npm pack failed: ${packed.stderr.trim().split("\n").slice(-3).join(" | ")}`;
    return;
  }
  const report = JSON.parse(packed.stdout.slice(packed.stdout.indexOf("["))) as { filename: string; files: { path: string }[] }[];
  const tarball = join(work, report[0]?.filename ?? "");
  packedFiles = (report[0]?.files ?? []).map((f) => f.path);

  writeFileSync(join(consumer, "package.json"), JSON.stringify({ name: "consumer", private: true, version: "1.0.0" }));
  const installed = await run(
    "npm",
    ["install", "--offline", "--no-audit", "--no-fund", "--ignore-scripts", "--no-package-lock", tarball],
    consumer,
  );
  if (installed.code !== 0) {
    // Offline install needs every dependency in the local npm cache; without them, packing cannot be proven here.
    if (/ENOTCACHED|ENOTFOUND|EAI_AGAIN/.test(installed.stderr)) {
      unavailable = `dependencies are not in the local npm cache (${installed.stderr.trim().split("\n")[0] ?? ""})`;
      return;
    }
    throw new Error(`npm install of the tarball failed:\n${installed.stderr}`);
  }
}, 240_000);

afterAll(() => {
  if (work !== "") rmSync(work, { recursive: true, force: true });
});

/** Skips the test (with the reason) when the package could not be packed or installed on this machine. */
function needPackage(skip: (note?: string) => void): void {
  if (!BUILT) skip("dist/ is not built: run `npm run build` (npm test does) before the packaging test");
  if (unavailable !== undefined) skip(`packing impossible here: ${unavailable}`);
}

function exportsTarget(subpath: string, condition: "import" | "require", key: "types" | "default" | "module" | "node"): string {
  const entry = PKG.exports[subpath];
  if (typeof entry !== "object") throw new Error(`exports["${subpath}"] has no conditions`);
  const target = entry[condition]?.[key];
  if (target === undefined) throw new Error(`exports["${subpath}"].${condition}.${key} is missing`);
  return target.replace(/^\.\//, "");
}

describe("npm package", () => {
  it("holds the built entry points, types, bin and README, and no sources, tests or tooling", ({ skip }) => {
    needPackage(skip);
    expect(packedFiles).toContain("package.json");
    expect(packedFiles).toContain("README.md");
    expect(packedFiles).toContain("LICENSE");
    // dist/node carries other packages' code, so their licences ship with it.
    expect(packedFiles).toContain("dist/node/THIRD-PARTY-LICENSES.txt");
    const notices = readFileSync(join(ROOT, "dist/node/THIRD-PARTY-LICENSES.txt"), "utf8");
    for (const bundled of ["@smithy/signature-v4@", "@smithy/core@", "@smithy/smithy-client@"]) expect(notices).toContain(bundled);
    expect(packedFiles).toContain("dist/cjs/package.json");
    for (const entry of ENTRIES.filter(written)) {
      for (const condition of ["import", "require"] as const) {
        for (const key of ["types", "default"] as const) expect(packedFiles).toContain(exportsTarget(entry.subpath, condition, key));
      }
    }
    if (CLI_WRITTEN) expect(packedFiles).toContain(PKG.bin["iotmi"]?.replace(/^\.\//, ""));
    // The bundled build for Node, with every chunk its entries import (statically or through import()).
    const bundle = readdirSync(join(ROOT, "dist/node")).map((file) => `dist/node/${file}`);
    expect(bundle.length).toBeGreaterThan(ENTRIES.length);
    for (const file of bundle) expect(packedFiles).toContain(file);
    for (const entry of ENTRIES.filter(written)) expect(packedFiles).toContain(exportsTarget(entry.subpath, "import", "node"));
    const unwanted = packedFiles.filter(
      (path) =>
        /^(src|test|bench|codegen|model|examples|scripts|docs|node_modules|\.tmp|\.ci)\//.test(path) ||
        /^dist\/(cjs\/)?start\./.test(path) ||
        /\.(test|spec)\.|\.tsbuildinfo$|\.tgz$/.test(path),
    );
    expect(unwanted).toEqual([]);
  });

  for (const entry of ENTRIES) {
    it(`${entry.specifier} loads through import and through require`, async ({ skip }) => {
      needPackage(skip);
      if (!written(entry)) skip(`${entry.source} is not written yet`);
      const names = JSON.stringify(entry.names);
      const check = `const missing = ${names}.filter((n) => typeof m[n] !== "function"); if (missing.length) { console.error("missing: " + missing); process.exit(1); }`;
      const esm = await node(["--input-type=module", "-e", `import * as m from "${entry.specifier}"; ${check}`], consumer);
      expect(esm.stderr).toBe("");
      expect(esm.code).toBe(0);
      const cjs = await node(["--input-type=commonjs", "-e", `const m = require("${entry.specifier}"); ${check}`], consumer);
      expect(cjs.stderr).toBe("");
      expect(cjs.code).toBe(0);
      // require() must get the CommonJS build, not Node's require(esm) of the ES module build.
      const resolved = await node(["-p", `require.resolve("${entry.specifier}")`], consumer);
      expect(resolved.stdout.replace(/\\/g, "/")).toContain("/node_modules/iotmi/dist/cjs/");
    });
  }

  describe("the bundled build for Node (dist/node/) and the unbundled build for bundlers (dist/)", () => {
    it("Node's import and bundlers targeting Node take the bundle; bundlers for other platforms take the unbundled ES modules", async ({ skip }) => {
      needPackage(skip);
      const ready = ENTRIES.filter(written);
      if (ready.length === 0) skip("no entry point written yet");
      for (const entry of ready) {
        const resolved = await node(["--input-type=module", "-e", `console.log(import.meta.resolve("${entry.specifier}"))`], consumer);
        expect(resolved.stderr).toBe("");
        expect(resolved.stdout.trim()).toMatch(new RegExp(`/node_modules/iotmi/${exportsTarget(entry.subpath, "import", "node").replace(/\./g, "\\.")}$`));
      }
      const inputsFor = async (platform: "node" | "browser"): Promise<string[]> => {
        const bundled = await build({
          stdin: { contents: ready.map((e, i) => `import * as m${i} from "${e.specifier}"; console.log(m${i});`).join("\n"), resolveDir: consumer, loader: "js" },
          absWorkingDir: consumer,
          bundle: true,
          write: false,
          platform,
          format: "esm",
          metafile: true,
          logLevel: "silent",
          // (The emulator entry needs Node's modules whichever the platform; only resolution is looked at here.)
          external: ["node:*"],
        });
        return Object.keys(bundled.metafile.inputs).filter((path) => path.includes("node_modules/iotmi/"));
      };
      // For Node: the "node" condition comes first, so bundlers take dist/node/ (ES modules all the way down; the
      // @smithy packages' CommonJS builds, which esbuild picks for Node, would crash an ES module bundle).
      const forNode = await inputsFor("node");
      for (const entry of ready) expect(forNode).toContain(`node_modules/iotmi/${exportsTarget(entry.subpath, "import", "node")}`);
      expect(forNode.filter((path) => !path.includes("/dist/node/"))).toEqual([]);
      // Elsewhere: the unbundled dist/*.js through "module" (tree-shaken, sha256-js, @smithy/* shared).
      const forBrowser = await inputsFor("browser");
      for (const entry of ready) expect(forBrowser).toContain(`node_modules/iotmi/${exportsTarget(entry.subpath, "import", "module")}`);
      expect(forBrowser.filter((path) => path.includes("/dist/node/") || path.includes("/dist/cjs/"))).toEqual([]);
    });

    it("under import, iotmi, iotmi/runtime and iotmi/emulator share their classes", async ({ skip }) => {
      needPackage(skip);
      if (!E2E_READY) skip("needs src/index.ts, the runtime, the emulator and the generated server specs");
      // An error class exported by both entries is one object, so `instanceof` works whichever entry it came from.
      const same = await node(
        [
          "--input-type=module",
          "-e",
          `const a = await import("iotmi"); const b = await import("iotmi/runtime");
           const names = ["InputValidationError", "RequestFailedError", "TimeoutError", "AbortError", "NetworkError", "ConfigurationError"];
           console.log(JSON.stringify(names.map((n) => [n, typeof a[n] === "function" && a[n] === b[n]])));`,
        ],
        consumer,
      );
      expect(same.stderr).toBe("");
      expect(Object.fromEntries(JSON.parse(same.stdout) as [string, boolean][])).toEqual({
        InputValidationError: true,
        RequestFailedError: true,
        TimeoutError: true,
        AbortError: true,
        NetworkError: true,
        ConfigurationError: true,
      });
    });

    it("the bundle still finds package.json (import.meta.url lookups resolve from dist/node/): user agent iotmi/<version>", async ({ skip }) => {
      needPackage(skip);
      if (!written(ENTRIES[0])) skip("src/index.ts is not written yet");
      const script = `import { createServer } from "node:http";
        const { CreateOtaTaskCommand, IoTManagedIntegrationsClient } = await import("iotmi");
        let agent;
        const server = createServer((req, res) => { agent = req.headers["user-agent"]; req.resume();
          req.on("end", () => { res.writeHead(201, { "content-type": "application/json" }); res.end('{"TaskId":"t"}'); }); });
        await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
        const client = new IoTManagedIntegrationsClient({ region: "us-east-1", endpoint: "http://127.0.0.1:" + server.address().port,
          credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" } });
        try { await client.send(new CreateOtaTaskCommand({ S3Url: "s3://b/fw.bin", OtaType: "ONE_TIME" })); }
        finally { client.destroy(); server.close(); }
        console.log(agent);`;
      const result = await node(["--input-type=module", "-e", script], consumer);
      expect(result.stderr).toBe("");
      expect(result.stdout).toMatch(new RegExp(`^iotmi/${PKG.version.replace(/\./g, "\\.")} `));
    });

    for (const system of ["import", "require"] as const) {
      it(`the emulator recognises a RequestDeserializationError thrown by a custom operation written with iotmi/runtime (${system})`, async ({ skip }) => {
        needPackage(skip);
        if (!E2E_READY) skip("needs the runtime, the emulator and the generated server specs");
        // Were iotmi/runtime and iotmi/emulator separate copies, the emulator's instanceof check would miss the
        // error and answer 500 instead of a 400 SerializationException.
        const load =
          system === "import"
            ? `const { RequestDeserializationError } = await import("iotmi/runtime"); const { startEmulator } = await import("iotmi/emulator");`
            : `const { RequestDeserializationError } = require("iotmi/runtime"); const { startEmulator } = require("iotmi/emulator");`;
        const script = `(async () => { ${load}
          const spec = { name: "Ping", method: "POST", uri: "/ping", successCode: 200,
            matchPath: (path) => (path === "/ping" ? {} : undefined),
            deserializeRequest: () => { throw new RequestDeserializationError("unreadable ping"); },
            validate: () => [], serializeResponse: () => ({ statusCode: 200, headers: {}, body: "{}" }),
            errors: {}, serializeError: () => ({ statusCode: 400, headers: {}, body: "{}" }) };
          const emulator = await startEmulator({ port: 0, quiet: true, auth: false, operations: [spec], handlers: [] });
          try {
            const res = await fetch(emulator.url + "/ping", { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
            console.log(JSON.stringify({ status: res.status, body: await res.text() }));
          } finally { await emulator.close(); }
        })().catch((e) => { console.error(e); process.exit(1); });`;
        const result = await node([`--input-type=${system === "import" ? "module" : "commonjs"}`, "-e", script], consumer);
        expect(result.stderr).toBe("");
        expect(result.code).toBe(0);
        const out = JSON.parse(result.stdout) as { status: number; body: string };
        expect(out.status).toBe(400);
        expect(out.body).toContain("unreadable ping");
      });
    }
  });

  it("types resolve and check for TypeScript users of import and of require", async ({ skip }) => {
    needPackage(skip);
    const ready = ENTRIES.filter(written);
    if (ready.length === 0) skip("no entry point written yet");
    for (const entry of ready) {
      for (const condition of ["import", "require"] as const) {
        expect(existsSync(join(consumer, "node_modules/iotmi", exportsTarget(entry.subpath, condition, "types")))).toBe(true);
      }
    }
    const lines: string[] = [];
    if (ready.some((e) => e.subpath === ".")) {
      lines.push(
        `import { CreateOtaTaskCommand, IoTManagedIntegrationsClient } from "iotmi";`,
        `const client = new IoTManagedIntegrationsClient({ region: "us-east-1" });`,
        `export async function create(): Promise<string | undefined> {`,
        `  const out = await client.send(new CreateOtaTaskCommand({ S3Url: "s3://b/fw.bin", OtaType: "ONE_TIME" }));`,
        `  return out.TaskId;`,
        `}`,
        `// @ts-expect-error S3Url is required: proves the types are real, not any`,
        `new CreateOtaTaskCommand({ OtaType: "ONE_TIME" });`,
      );
    }
    if (ready.some((e) => e.subpath === "./runtime")) {
      lines.push(`import { InputValidationError } from "iotmi/runtime";`, `export const isValidation = (e: unknown): boolean => e instanceof InputValidationError;`);
    }
    if (ready.some((e) => e.subpath === "./emulator")) {
      lines.push(`import { startEmulator } from "iotmi/emulator";`, `export const start = () => startEmulator({ port: 0, quiet: true });`);
    }
    writeFileSync(join(consumer, "esm.mts"), `${lines.join("\n")}\n`);
    writeFileSync(join(consumer, "cjs.cts"), `${lines.join("\n")}\n`);
    writeFileSync(
      join(consumer, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: {
          module: "node16",
          moduleResolution: "node16",
          target: "es2022",
          strict: true,
          exactOptionalPropertyTypes: true,
          noEmit: true,
          skipLibCheck: false,
          types: ["node"],
          typeRoots: [join(ROOT, "node_modules/@types")],
        },
        files: ["esm.mts", "cjs.cts"],
      }),
    );
    const tsc = await node([join(ROOT, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.json"], consumer);
    expect(tsc.stdout + tsc.stderr).toBe("");
    expect(tsc.code).toBe(0);
    // skipLibCheck is off so that our own .d.ts files are checked too; that checks @types/node as well, slow
    // on a busy 2-core machine.
  }, 240_000);

  describe("a one-command script bundled the way people bundle it completes a request against the emulator", () => {
    // No flags beyond the usual ones: the "node" condition must lead the bundler to ES modules it can bundle.
    const SCRIPT = `import { CreateOtaTaskCommand, IoTManagedIntegrationsClient } from "iotmi";
      async function main() {
        const client = new IoTManagedIntegrationsClient({ region: "us-east-1", endpoint: process.argv[2],
          credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" } });
        try {
          const out = await client.send(new CreateOtaTaskCommand({ S3Url: "s3://b/fw.bin", OtaType: "ONE_TIME" }));
          console.log(JSON.stringify({ taskId: out.TaskId, host: await defaultHost() }));
        } finally { client.destroy(); }
      }
      // Where a call goes by the endpoint rules alone (no endpoint option): the request is caught before it leaves.
      async function defaultHost() {
        let host;
        const requestHandler = { handle: async (request) => { host = request.hostname;
          return { response: { statusCode: 201, headers: { "content-type": "application/json" }, body: new TextEncoder().encode('{"TaskId":"t"}') } }; } };
        const client = new IoTManagedIntegrationsClient({ region: "eu-west-1", requestHandler,
          credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" } });
        await client.send(new CreateOtaTaskCommand({ S3Url: "s3://b/fw.bin", OtaType: "ONE_TIME" }));
        return host;
      }
      main().catch((e) => { console.error(e); process.exitCode = 1; });`;
    let emulator: Emulator | undefined;
    afterAll(async () => {
      await emulator?.close();
    });

    /** Runs a built bundle against the emulator and checks that the task it created is stored. */
    async function runBundle(file: string): Promise<void> {
      emulator ??= await startEmulator({ port: 0, quiet: true });
      const before = emulator.records("CreateOtaTask").length;
      const result = await node([file, emulator.url], consumer);
      expect(result.stderr).toBe("");
      expect(result.code).toBe(0);
      const out = JSON.parse(result.stdout) as { taskId: unknown; host: unknown };
      expect(typeof out.taskId).toBe("string");
      // The endpoint rules (and the partition data they read) survived bundling and tree-shaking.
      expect(out.host).toBe("api.iotmanagedintegrations.eu-west-1.api.aws");
      expect(emulator.records("CreateOtaTask").length).toBe(before + 1);
    }

    for (const format of ["esm", "cjs"] as const) {
      it(`esbuild --bundle --platform=node --format=${format} --minify`, async ({ skip }) => {
        needPackage(skip);
        if (!E2E_READY) skip("needs src/index.ts, the emulator and the generated server specs");
        writeFileSync(join(consumer, "script.mjs"), SCRIPT);
        const outfile = join(consumer, `bundle-esbuild.${format === "esm" ? "mjs" : "cjs"}`);
        const result = await build({ entryPoints: [join(consumer, "script.mjs")], absWorkingDir: consumer, bundle: true, platform: "node", format, minify: true, outfile, logLevel: "silent" });
        // No warnings either (e.g. "Ignoring this import because … was marked as having no side effects").
        expect(result.warnings.map((w) => w.text)).toEqual([]);
        await runBundle(outfile);
      });
    }

    it("rollup with @rollup/plugin-node-resolve and @rollup/plugin-json (ES module output)", async ({ skip }) => {
      needPackage(skip);
      if (!E2E_READY) skip("needs src/index.ts, the emulator and the generated server specs");
      writeFileSync(join(consumer, "script.mjs"), SCRIPT);
      const warnings: string[] = [];
      const bundle = await rollup({
        input: join(consumer, "script.mjs"),
        // JSON: the SDK's credential chain (loaded only without credentials) imports a package.json.
        plugins: [nodeResolve({ preferBuiltins: true }), json()],
        // (A circular import between two runtime modules, handler.ts and sdk-middleware.ts, is reported but harmless:
        // they share functions only, called after both have loaded.)
        onwarn: (warning) => {
          if (warning.code !== "CIRCULAR_DEPENDENCY") warnings.push(`${warning.code ?? ""}: ${warning.message}`);
        },
      });
      const outfile = join(consumer, "bundle-rollup.mjs");
      await bundle.write({ file: outfile, format: "esm", inlineDynamicImports: true });
      await bundle.close();
      expect(warnings).toEqual([]);
      await runBundle(outfile);
    });

    it("a script that relies on the default credential chain bundles without it, the shared-file parser and the adaptive retry strategy, and runs where only the bundle is deployed", async ({ skip }) => {
      needPackage(skip);
      if (!E2E_READY) skip("needs src/index.ts, the emulator and the generated server specs");
      const script = `import { CreateOtaTaskCommand, IoTManagedIntegrationsClient } from "iotmi";
        const client = new IoTManagedIntegrationsClient({ region: "us-east-1", endpoint: process.argv[2], ...(process.argv[3] ? { retryMode: process.argv[3] } : {}) });
        client.send(new CreateOtaTaskCommand({ S3Url: "s3://b/fw.bin", OtaType: "ONE_TIME" }))
          .then((out) => console.log(out.TaskId), (e) => { console.error(e.name + ": " + e.message); process.exitCode = 1; });`;
      writeFileSync(join(consumer, "chain-script.mjs"), script);
      const result = await build({ entryPoints: [join(consumer, "chain-script.mjs")], absWorkingDir: consumer, bundle: true, platform: "node", format: "esm", minify: true, write: false, metafile: true, logLevel: "silent" });
      expect(Object.keys(result.metafile.inputs).filter((p) => p.includes("@aws-sdk/"))).toEqual([]);
      // Imported through package names in constants (only some configurations need them): left out, as the chain
      // is. Each is recognised by a message of its own (the inputs are dist/node's chunks, not the packages).
      const text = result.outputFiles[0]!.text;
      expect(text).not.toContain("Could not load credentials from any providers"); // @aws-sdk/credential-provider-node
      expect(text).not.toContain("Found invalid profile name"); // @smithy/core/config (shared-file parser)
      expect(text).not.toContain("No retry token available"); // @smithy/core/retry (AdaptiveRetryStrategy)
      // Deployed alone (no node_modules), as a Lambda function is: keys in the environment are enough.
      const lonely = mkdtempSync(join(tmpdir(), "iotmi-bundle-alone-"));
      try {
        writeFileSync(join(lonely, "bundle.mjs"), result.outputFiles[0]!.contents);
        emulator ??= await startEmulator({ port: 0, quiet: true });
        const base = { PATH: process.env["PATH"] ?? "", HOME: lonely, AWS_EC2_METADATA_DISABLED: "true" };
        const withKeys = await run(process.execPath, ["bundle.mjs", emulator.url], lonely, {
          env: { ...base, AWS_ACCESS_KEY_ID: "AKIDEXAMPLE", AWS_SECRET_ACCESS_KEY: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" },
        });
        expect(withKeys.stderr).toBe("");
        expect(emulator.records("CreateOtaTask").some((r) => JSON.stringify(r).includes(withKeys.stdout.trim()))).toBe(true);
        // Without keys the chain is needed and absent: one sentence that says what to do, nothing sent.
        const before = emulator.records("CreateOtaTask").length;
        const withoutKeys = await run(process.execPath, ["bundle.mjs", emulator.url], lonely, { env: base });
        expect(withoutKeys.code).toBe(1);
        expect(withoutKeys.stderr).toMatch(/^ConfigurationError: No credentials: .*@aws-sdk\/credential-provider-node.*fromNodeProviderChain\(\)/);
        expect(emulator.records("CreateOtaTask").length).toBe(before);
        const keys = { ...base, AWS_ACCESS_KEY_ID: "AKIDEXAMPLE", AWS_SECRET_ACCESS_KEY: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" };
        // retryMode "adaptive" needs the SDK's AdaptiveRetryStrategy, absent here: said before anything is sent.
        const adaptive = await run(process.execPath, ["bundle.mjs", emulator.url, "adaptive"], lonely, { env: keys });
        expect(adaptive.code).toBe(1);
        expect(adaptive.stderr).toMatch(/^ConfigurationError: retryMode "adaptive" uses the AWS SDK's AdaptiveRetryStrategy \(@smithy\/core\/retry\).*node_modules\/@smithy\/core/);
        expect(emulator.records("CreateOtaTask").length).toBe(before);
        // A shared config file that exists is never ignored: without its parser, the call says so.
        mkdirSync(join(lonely, ".aws"));
        writeFileSync(join(lonely, ".aws", "config"), "[default]\nsdk_ua_app_id = bundled\n");
        const withFile = await run(process.execPath, ["bundle.mjs", emulator.url], lonely, { env: keys });
        expect(withFile.code).toBe(1);
        expect(withFile.stderr).toMatch(/^ConfigurationError: Reading \S+\.aws\/config needs the AWS SDK's @smithy\/core\/config.*node_modules\/@smithy\/core/);
        expect(emulator.records("CreateOtaTask").length).toBe(before);
      } finally {
        rmSync(lonely, { recursive: true, force: true });
      }
    });
  });

  it("`npx iotmi --version` runs the installed bin", async ({ skip }) => {
    needPackage(skip);
    if (!CLI_WRITTEN) skip("src/cli/main.ts is not written yet");
    const result = await run("npx", ["--offline", "iotmi", "--version"], consumer);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(PKG.version);
  });

  for (const system of ["import", "require"] as const) {
    it(`creates an OTA task against the emulator through ${system}`, async ({ skip }) => {
      needPackage(skip);
      if (!E2E_READY) skip("needs src/index.ts, the emulator and the generated server specs");
      const load =
        system === "import"
          ? `const { IoTManagedIntegrationsClient, CreateOtaTaskCommand } = await import("iotmi"); const { startEmulator } = await import("iotmi/emulator");`
          : `const { IoTManagedIntegrationsClient, CreateOtaTaskCommand } = require("iotmi"); const { startEmulator } = require("iotmi/emulator");`;
      const script = `(async () => { ${load}
        const emulator = await startEmulator({ port: 0, quiet: true });
        const client = new IoTManagedIntegrationsClient({ region: "us-east-1", endpoint: emulator.url,
          credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" } });
        try {
          const out = await client.send(new CreateOtaTaskCommand({ S3Url: "s3://b/fw.bin", OtaType: "ONE_TIME" }));
          console.log(JSON.stringify({ taskId: out.TaskId, stored: emulator.records("CreateOtaTask").length }));
        } finally { client.destroy(); await emulator.close(); }
      })().catch((e) => { console.error(e); process.exit(1); });`;
      const result = await node([`--input-type=${system === "import" ? "module" : "commonjs"}`, "-e", script], consumer);
      expect(result.stderr).toBe("");
      expect(result.code).toBe(0);
      const out = JSON.parse(result.stdout) as { taskId: unknown; stored: number };
      expect(typeof out.taskId).toBe("string");
      expect(out.stored).toBe(1);
    });
  }

  it("the example service creates one task for a repeated rollout (examples/create-ota-task-service.ts)", async ({ skip }) => {
    needPackage(skip);
    if (!E2E_READY) skip("needs src/index.ts, the emulator and the generated server specs");
    const source = readFileSync(join(ROOT, "examples/create-ota-task-service.ts"), "utf8");
    const { code } = transformSync(source, { loader: "ts", format: "esm", target: "node20" });
    writeFileSync(join(consumer, "example.mjs"), code);
    const result = await node(["example.mjs", "--emulator", "--demo"], consumer);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expectOneTaskForRepeatedRollout(result.stdout);
    expect(result.stdout).toContain("tasks stored by the emulator: 1");
  });
});
