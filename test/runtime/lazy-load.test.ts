/**
 * A client given static credentials never loads the credential-provider packages, and a plain-http call without
 * body traits never loads `node:https`/`node:tls`/`node:zlib` (checked in a fresh process). The same holds for
 * the bundled build Node loads for `import "iotmi"` (dist/node/, scripts/build-node.mjs): there the lazy parts
 * are chunks reached only through import(), and a fresh process must not load any of them.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

interface Loaded {
  readonly credentialPackages: string[];
  readonly builtins: string[];
}

function probe(env: Record<string, string>): Loaded {
  const script = fileURLToPath(new URL("./fixtures/lazy-load-probe.ts", import.meta.url));
  const home = mkdtempSync(join(tmpdir(), "runtime-lazy-"));
  try {
    const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("AWS_")));
    const out = execFileSync(process.execPath, ["--import", "tsx", script], {
      encoding: "utf8",
      cwd: fileURLToPath(new URL("../..", import.meta.url)),
      env: { ...clean, HOME: home, USERPROFILE: home, AWS_EC2_METADATA_DISABLED: "true", ...env },
    });
    return JSON.parse(out) as Loaded;
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

/**
 * What Node itself loads for an ES-module import of `node:http` (Node 22 and later load `tls` and `zlib` there);
 * only what the client adds on top of that counts.
 */
const NODE_OWN: readonly string[] = JSON.parse(
  execFileSync(
    process.execPath,
    ["--input-type=module", "-e", `await import("node:http"); process.stdout.write(JSON.stringify(process.moduleLoadList.filter((e) => /^NativeModule (https|tls|zlib)$/.test(e)).map((e) => e.slice(13))));`],
    { encoding: "utf8" },
  ),
) as string[];

describe("lazy loading", () => {
  it("does not load credential providers when credentials are static", () => {
    expect(probe({}).credentialPackages).toEqual([]);
  });

  it("does not load https, tls or zlib for a plain-http call", () => {
    expect(probe({}).builtins.filter((name) => !NODE_OWN.includes(name))).toEqual([]);
  });

  it("loads https when the endpoint is https (control)", () => {
    expect(probe({ PROBE_HTTPS: "1" }).builtins).toEqual(expect.arrayContaining(["https", "tls"]));
  });

  it("loads them when the default chain needs them (control)", () => {
    const loaded = probe({ PROBE_CHAIN: "1", AWS_CONTAINER_CREDENTIALS_FULL_URI: "http://127.0.0.1:9/creds" });
    expect(loaded.credentialPackages.some((path) => path.includes("credential-provider-node"))).toBe(true);
  });
});

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const BUNDLE = join(ROOT, "dist/node");
const BUNDLE_BUILT = existsSync(join(BUNDLE, "index.js"));

/** Files of dist/node/: the chunks each one imports statically and through import(). */
function bundleGraph(): Map<string, { readonly text: string; readonly staticImports: string[]; readonly dynamicImports: string[] }> {
  const graph = new Map<string, { text: string; staticImports: string[]; dynamicImports: string[] }>();
  for (const file of readdirSync(BUNDLE).filter((f) => f.endsWith(".js"))) {
    const text = readFileSync(join(BUNDLE, file), "utf8");
    const staticImports = [...text.matchAll(/^(?:import|export)\b[^;]*?from "\.\/([^"]+)"|^import "\.\/([^"]+)"/gm)].map((m) => (m[1] ?? m[2]) as string);
    const dynamicImports = [...text.matchAll(/\bimport\("\.\/([^"]+)"\)/g)].map((m) => m[1] as string);
    graph.set(file, { text, staticImports, dynamicImports });
  }
  return graph;
}

/** What an entry loads before any code runs: the entry and the chunks it imports statically, transitively. */
function staticClosure(graph: ReturnType<typeof bundleGraph>, entry: string): Set<string> {
  const seen = new Set<string>();
  const pending = [entry];
  while (pending.length > 0) {
    const file = pending.pop() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    pending.push(...(graph.get(file)?.staticImports ?? []));
  }
  return seen;
}

interface BundleLoad {
  /** dist/node/ files the process loaded, and any other file of the package (dist/**) it loaded. */
  readonly bundleFiles: string[];
  readonly otherPackageFiles: string[];
  readonly builtins: string[];
}

/**
 * A fresh process, started in the package root, imports `iotmi` by name (so through "exports" and its "node"
 * condition), makes one CreateOtaTask call against a loopback server with static credentials (or the default
 * chain, or an https endpoint) and reports which modules it loaded. ES modules leave no trace in require.cache:
 * a module hook logs each file it loads.
 */
function probeBundle(env: Record<string, string>): BundleLoad {
  const work = mkdtempSync(join(tmpdir(), "runtime-lazy-bundle-"));
  try {
    const log = join(work, "loaded.txt");
    writeFileSync(log, "");
    writeFileSync(
      join(work, "hooks.mjs"),
      `import { appendFileSync } from "node:fs";\n` +
        `export async function load(url, context, next) { if (url.startsWith("file:")) appendFileSync(${JSON.stringify(log)}, url + "\\n"); return next(url, context); }\n`,
    );
    writeFileSync(join(work, "register.mjs"), `import { register } from "node:module";\nregister("./hooks.mjs", import.meta.url);\n`);
    const script = `
      import { createServer } from "node:http";
      const { CreateOtaTaskCommand, IoTManagedIntegrationsClient } = await import("iotmi");
      const server = createServer((req, res) => { req.resume(); req.on("end", () => { res.writeHead(201, { "content-type": "application/json" }); res.end('{"TaskId":"t"}'); }); });
      await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
      const client = new IoTManagedIntegrationsClient({
        region: "us-east-1",
        endpoint: process.env.PROBE_HTTPS ? "https://127.0.0.1:9" : "http://127.0.0.1:" + server.address().port,
        maxAttempts: 1,
        credentials: process.env.PROBE_CHAIN ? undefined : { accessKeyId: "A", secretAccessKey: "S" },
      });
      await client.send(new CreateOtaTaskCommand({ S3Url: "s3://b/fw.bin", OtaType: "ONE_TIME" })).catch(() => undefined);
      client.destroy();
      server.close();
      const builtins = process.moduleLoadList.filter((e) => /^NativeModule (https|tls|zlib)$/.test(e)).map((e) => e.slice(13));
      process.stdout.write(JSON.stringify(builtins));`;
    const home = join(work, "home");
    const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("AWS_")));
    const out = execFileSync(process.execPath, ["--import", join(work, "register.mjs"), "--input-type=module", "-e", script], {
      encoding: "utf8",
      cwd: ROOT,
      env: { ...clean, HOME: home, USERPROFILE: home, AWS_EC2_METADATA_DISABLED: "true", ...env },
    });
    const loaded = readFileSync(log, "utf8").split("\n").filter((url) => url !== "").map((url) => fileURLToPath(url));
    const prefix = join(ROOT, "dist") + "/";
    return {
      bundleFiles: loaded.filter((path) => path.startsWith(BUNDLE + "/")).map((path) => path.slice(BUNDLE.length + 1)),
      otherPackageFiles: loaded.filter((path) => path.startsWith(prefix) && !path.startsWith(BUNDLE + "/")),
      builtins: JSON.parse(out) as string[],
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** Functions whose modules a static-credentials plain-http call without user middleware never loads. */
const MUST_STAY_LAZY = [
  // The default chain (which imports @aws-sdk/credential-provider-node, left external to the bundle).
  "defaultCredentialChain",
  "applyBodyTraits",
  // Retries through a RetryStrategyV2 (retryStrategy option, retryMode adaptive).
  "retryWithStrategy",
  // The middleware integration (middleware-handler.ts): only clients or commands with user middleware load it.
  "withUserMiddleware",
];

/** Skips (with the reason) when the bundle is not built: `npm test` builds it first, a bare `vitest run` may not. */
function needBundle(skip: (note?: string) => void): void {
  if (!BUNDLE_BUILT) skip("dist/node/ is not built: run `npm run build` (npm test does) to check the bundled build");
}

describe("lazy loading in the bundled build for Node (dist/node/)", () => {
  const graph = BUNDLE_BUILT ? bundleGraph() : new Map();
  const eager = staticClosure(graph, "index.js");
  const targets = [...new Set([...graph.values()].flatMap((f) => f.dynamicImports))];
  /** Chunks reached only through import() (the targets and what they import), never with the `iotmi` entry. */
  const lazy = new Set(targets.flatMap((target) => [...staticClosure(graph, target)]).filter((file) => !eager.has(file)));
  /** The import() target chunk that exports `name`, and the chunks it loads with it. */
  const loadedWith = (name: string): Set<string> => {
    const target = targets.find((file) => new RegExp(`^export \\{[^}]*\\b${name}\\b`, "m").test(graph.get(file)?.text ?? ""));
    return target === undefined ? new Set() : staticClosure(graph, target);
  };
  /** The lazy chunk that defines `name` (a function or class of a module that must stay lazy). */
  const chunkDefining = (name: string): string | undefined =>
    [...graph.entries()].find(([, f]) => new RegExp(`^(?:async )?function ${name}\\b|^var ${name} = `, "m").test(f.text))?.[0];

  it("keeps the credential chain, profile files, retry strategies and body encoding in lazy chunks", ({ skip }) => {
    needBundle(skip);
    for (const name of [...MUST_STAY_LAZY, "loadProfileSettings"]) {
      const chunk = chunkDefining(name);
      expect(chunk, `${name} is defined in dist/node/`).toBeDefined();
      expect(eager.has(chunk as string), `${name} (${chunk}) is loaded with the entry`).toBe(false);
    }
    // node:zlib, node:child_process and node:https are imported only by lazy chunks (or through import()).
    for (const file of eager) expect(graph.get(file)?.text ?? "").not.toMatch(/^import .* from "node:(zlib|child_process|https|tls)";$/m);
  });

  it("`import \"iotmi\"` in Node loads the bundle, and no credential or body chunk, for a static-credentials plain-http call", ({ skip }) => {
    needBundle(skip);
    const loaded = probeBundle({});
    expect(loaded.bundleFiles).toContain("index.js");
    expect(loaded.otherPackageFiles).toEqual([]);
    // profile.ts is the one lazy chunk a first call loads: settings the caller left unset (use_fips_endpoint,
    // retry_mode, ...) are read from the shared config file, as dist/runtime/client/profile.js is in the unbundled build.
    const profile = loadedWith("loadProfileSettings");
    expect(profile.size).toBeGreaterThan(0);
    expect(loaded.bundleFiles.filter((file) => lazy.has(file) && !profile.has(file))).toEqual([]);
    for (const name of MUST_STAY_LAZY) expect(loaded.bundleFiles, `the chunk defining ${name}`).not.toContain(chunkDefining(name));
    expect(loaded.builtins.filter((name) => !NODE_OWN.includes(name))).toEqual([]);
  });

  it("loads https when the endpoint is https (control)", ({ skip }) => {
    needBundle(skip);
    expect(probeBundle({ PROBE_HTTPS: "1" }).builtins).toEqual(expect.arrayContaining(["https", "tls"]));
  });

  it("loads the credential chain chunk when the default chain needs them (control)", ({ skip }) => {
    needBundle(skip);
    const loaded = probeBundle({ PROBE_CHAIN: "1", AWS_CONTAINER_CREDENTIALS_FULL_URI: "http://127.0.0.1:9/creds" });
    const chain = chunkDefining("defaultCredentialChain");
    expect(loaded.bundleFiles).toContain(chain);
    // The SDK's providers are not bundled: Node resolves them from node_modules when the chain runs (by a name
    // in a variable, which user bundlers do not follow either).
    const text = graph.get(chain as string)?.text ?? "";
    expect(text).toContain('"@aws-sdk/credential-provider-node"');
    expect(text).toContain("import(CHAIN_PACKAGE)");
  });
});
