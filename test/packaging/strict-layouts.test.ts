// `iotmi generate` from the packed package under the strict layouts of pnpm (isolated node_modules) and Yarn
// Berry (Plug'n'Play, strict): install the tarball with typescript and ts-morph into an empty project, generate
// our model's client, type-check it strictly (library .d.ts included). Needs the package registry and the
// `npx` downloads of pnpm 9 and Yarn 4, so it runs only with IOTMI_PM_STRICT=1 (set by .ci/run).
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "../codegen/codegen-helpers.js";
import { run } from "./run.js";

const enabled = process.env["IOTMI_PM_STRICT"] === "1";
const version = (pkg: string): string => (JSON.parse(readFileSync(join(REPO_ROOT, "node_modules", pkg, "package.json"), "utf8")) as { version: string }).version;
const TSCONFIG = {
  compilerOptions: { target: "ES2022", module: "NodeNext", moduleResolution: "NodeNext", strict: true, exactOptionalPropertyTypes: true, noUncheckedIndexedAccess: true, skipLibCheck: false, noEmit: true, types: ["node"] },
  include: ["src"],
};
// Yarn turns on immutable installs when CI is set; the empty project has no lockfile yet, so it is switched off.
const MANAGERS = [
  { name: "pnpm (isolated node_modules)", cli: ["-y", "pnpm@9"], run: ["exec"], files: {} },
  { name: "yarn berry (PnP, strict)", cli: ["-y", "@yarnpkg/cli-dist@4"], run: [], files: { ".yarnrc.yml": "nodeLinker: pnp\npnpMode: strict\nenableGlobalCache: false\nenableImmutableInstalls: false\n", "yarn.lock": "" } },
] as const;

describe.skipIf(!enabled)("iotmi generate under pnpm and yarn strict layouts", () => {
  let root: string;
  let tarball: string;
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), "iotmi-strict-"));
    const packed = await run("npm", ["pack", "--ignore-scripts", "--pack-destination", root], REPO_ROOT);
    expect(packed.code, packed.stderr).toBe(0);
    tarball = join(root, packed.stdout.trim().split("\n").pop()!);
  }, 300_000);
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it.each(MANAGERS)("$name: installs, generates and type-checks", async (manager) => {
    const dir = join(root, manager.cli[1]!.replace(/\W/g, "_"));
    mkdirSync(dir);
    const dependencies = { iotmi: `file:${tarball}`, "ts-morph": version("ts-morph"), typescript: version("typescript"), "@types/node": version("@types/node") };
    writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "app", private: true, type: "module", dependencies }));
    writeFileSync(join(dir, "tsconfig.json"), JSON.stringify(TSCONFIG));
    for (const [name, text] of Object.entries(manager.files)) writeFileSync(join(dir, name), text);
    cpSync(join(REPO_ROOT, "model/iot-managed-integrations.json"), join(dir, "model.json"));
    const step = async (...args: string[]) => {
      const result = await run("npx", [...manager.cli, ...args], dir, { timeoutMs: 300_000 });
      expect(result.code, `${args.join(" ")}:\n${result.stdout}\n${result.stderr}`).toBe(0);
      return result;
    };
    await step("install");
    const generated = await step(...manager.run, "iotmi", "generate", "--model", "model.json", "--out", "src/client");
    expect(generated.stdout).toMatch(/Generated \d+ files/);
    await step(...manager.run, "tsc", "-p", ".");
  }, 600_000);
});
