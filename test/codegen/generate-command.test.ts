// `iotmi generate` as a package user runs it: the built program (dist/node/cli.js, which loads the generator
// through the package's own `iotmi/codegen` entry) regenerates a client into another folder. The output imports
// only `iotmi/runtime` (no @smithy package a user's project would have to declare), keeps just the closure of
// `--operations`, leaves out server code with `--no-server`, and type-checks under strict settings.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { FIXTURES, readTree, REPO_ROOT, removeDir, tempDir, typecheck } from "./codegen-helpers.js";

const CLI = join(REPO_ROOT, "dist/node/cli.js");
const dirs: string[] = [];
afterAll(() => dirs.forEach(removeDir));

function iotmi(args: readonly string[], cwd: string): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: "utf8", env: { PATH: process.env["PATH"] ?? "" } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe.runIf(existsSync(CLI))("iotmi generate (built package)", () => {
  it("writes the closure of the named operations, importing only iotmi/runtime, and it type-checks", () => {
    const project = tempDir("generate-command");
    dirs.push(project);
    const model = join(FIXTURES, "wire", "model.json");
    const result = iotmi(["generate", "--model", model, "--out", "src/aws-client", "--operations", "GetThing,Ping", "--no-server"], project);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const files = readTree(join(project, "src/aws-client"));
    expect([...files.keys()].filter((p) => p.startsWith("commands/")).sort()).toEqual(["commands/GetThingCommand.ts", "commands/PingCommand.ts"]);
    expect(files.has("server.ts")).toBe(false);
    // Shapes only PutNames/PutDefaults reach are gone.
    expect(files.get("models.ts")).not.toMatch(/\b(Item|Settings|Mode)\b/);
    const specifiers = new Set<string>();
    for (const [path, text] of files) {
      if (!path.endsWith(".ts")) continue;
      for (const match of text.matchAll(/^import (?:type )?\{[^}]*\} from "([^"]+)";$/gm)) specifiers.add(match[1]!);
    }
    expect([...specifiers].filter((s) => !s.startsWith("."))).toEqual(["iotmi/runtime"]);
    expect(typecheck(join(project, "src/aws-client"))).toEqual([]);
  });

  it("--check names the files, the API difference and the command that regenerates", () => {
    const project = tempDir("generate-check");
    dirs.push(project);
    const model = join(project, "model.json");
    const json = JSON.parse(readFileSync(join(FIXTURES, "wire", "model.json"), "utf8")) as { shapes: Record<string, { members?: Record<string, unknown> }> };
    writeFileSync(model, JSON.stringify(json));
    const args = ["generate", "--model", "model.json", "--out", "client", "--operations", "Ping"];
    expect(iotmi(args, project).code).toBe(0);
    expect(iotmi([...args, "--check"], project).code).toBe(0);
    json.shapes["example.wire#PingInput"]!.members!["Extra"] = { target: "smithy.api#String", traits: { "smithy.api#required": {} } };
    writeFileSync(model, JSON.stringify(json));
    const stale = iotmi([...args, "--check"], project);
    expect(stale.code).toBe(1);
    expect(stale.stderr).toContain("regenerate with: iotmi generate --model model.json --out client --operations Ping");
    expect(stale.stderr).toMatch(/API changes \(1, 1 breaking\)/);
  });

  it("asks for --model and --out", () => {
    const result = iotmi(["generate", "--out", "x"], REPO_ROOT);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^iotmi generate needs --model <file> and --out <dir>/);
  });
});

describe.runIf(existsSync(CLI))("iotmi generate --fail-on breaking", () => {
  it("exits 1 and writes nothing when a change is BREAKING", () => {
    const project = tempDir("generate-fail-on");
    dirs.push(project);
    const json = JSON.parse(readFileSync(join(FIXTURES, "wire", "model.json"), "utf8")) as { shapes: Record<string, { members?: Record<string, unknown> }> };
    writeFileSync(join(project, "model.json"), JSON.stringify(json));
    const args = ["generate", "--model", "model.json", "--out", "client", "--operations", "Ping", "--fail-on", "breaking"];
    expect(iotmi(args, project).code).toBe(0);
    delete json.shapes["example.wire#PingInput"]!.members!["Note"];
    writeFileSync(join(project, "model.json"), JSON.stringify(json));
    const result = iotmi(args, project);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("BREAKING member PingInput.Note removed");
    expect(result.stderr).toContain("1 BREAKING API change; nothing written (--fail-on breaking).");
    expect(readFileSync(join(project, "client", "models.ts"), "utf8")).toContain("Note");
  });
});
