// End to end: `npm run conformance` on a small fixture model with embedded protocol and endpoint tests,
// one of them wrong on purpose, run as users run it (tsx test/conformance/main.ts).
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { parseArgs } from "../conformance/main.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const FIXTURE = "test/conformance/fixtures/widgets.json";

function conformance(...args: string[]): { status: number | null; lines: string[]; stderr: string } {
  const result = spawnSync(`${ROOT}node_modules/.bin/tsx`, ["test/conformance/main.ts", ...args], { cwd: ROOT, encoding: "utf8" });
  return { status: result.status, lines: result.stdout.trimEnd().split("\n"), stderr: result.stderr };
}

describe("conformance runner on the fixture model", () => {
  let run: ReturnType<typeof conformance>;
  beforeAll(() => {
    run = conformance("--protocol-tests", FIXTURE);
  });

  it("reports the deliberately wrong case by id and reason, exits 1, and ends with the total line", () => {
    expect(run.status).toBe(1);
    const failure = run.lines.find((l) => l.startsWith("FAIL [widgets request] FixtureDeliberatelyWrongHeader: "));
    expect(failure, run.lines.join("\n")).toBeDefined();
    expect(run.lines.at(-1)).toMatch(/^\d+ passed, \d+ failed, 0 skipped$/);
    // 3 request + 2 response + 1 error + 2 endpoint cases; the server-only case is not counted.
    const [passed, failed] = run.lines.at(-1)!.split(/\D+/).map(Number);
    expect(passed! + failed!).toBe(8);
    expect(run.lines.join("\n")).not.toContain("FixtureServerOnly");
    expect(run.lines).toContain("widgets endpoint: 2 passed, 0 failed, 0 skipped");
  });

  it("passes every other case through the generated client, serde and runtime", () => {
    expect(run.lines.at(-1), run.lines.join("\n")).toBe("7 passed, 1 failed, 0 skipped");
    expect(run.lines.find((l) => l.includes("FixtureDeliberatelyWrongHeader"))).toContain('header X-Trace: expected "not-abc", got "abc"');
  });

  it("refuses bad usage with exit code 2", () => {
    const bad = conformance("--nope");
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("unknown option --nope");
    expect(() => parseArgs([])).toThrow(/nothing to run/);
    expect(parseArgs(["--protocol-tests=a.json", "--sigv4", "s.json", "--keep"])).toEqual({ protocolTests: ["a.json"], sigv4: ["s.json"], keep: true, specOnly: false, typecheck: false });
  });
});
