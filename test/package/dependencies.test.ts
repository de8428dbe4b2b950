// Users run Node 20, 22 and 24: every package a user's install brings must accept all three, today (the lock file) and
// after the next fresh resolution (the ranges package.json publishes).
import { readFileSync } from "node:fs";
import semver from "semver";
import { describe, expect, it } from "vitest";

interface LockedPackage {
  version?: string;
  dev?: boolean;
  engines?: { node?: string } | string[];
}
const read = <T>(file: string): T => JSON.parse(readFileSync(new URL(`../../${file}`, import.meta.url), "utf8")) as T;
const pkg = read<{ engines: { node: string }; dependencies: Record<string, string> }>("package.json");
const lock = read<{ packages: Record<string, LockedPackage> }>("package-lock.json");

/** The first release of each supported Node line. */
const SUPPORTED_NODE = ["20.0.0", "22.0.0", "24.0.0"];

/**
 * Package families that announced a Node floor above 20 for releases after a date: the AWS SDK for JavaScript v3
 * prints `NodeVersionSupportWarning` (versions published after the first week of January 2027 require Node >= 22).
 * Our ranges on them admit patch releases only, so a fresh install cannot pick such a release up; the SDK's own
 * caret ranges between its packages dedupe to the copies these pin at the top of the tree.
 */
const NODE20_ENDING = [/^@aws-sdk\//];

/** The packages a production install brings: everything in the lock not marked dev-only. */
function productionPackages(): [string, LockedPackage][] {
  return Object.entries(lock.packages).filter(([path, entry]) => path !== "" && entry.dev !== true);
}

describe("dependencies accept every supported Node line", () => {
  it("package.json's engines accepts Node 20, 22 and 24", () => {
    expect(SUPPORTED_NODE.filter((v) => !semver.satisfies(v, pkg.engines.node))).toEqual([]);
  });

  it("every production package in the lock file accepts Node 20, 22 and 24", () => {
    const refused: string[] = [];
    for (const [path, entry] of productionPackages()) {
      const range = Array.isArray(entry.engines) ? undefined : entry.engines?.node;
      if (range === undefined) continue; // no engines field: no stated floor
      for (const node of SUPPORTED_NODE) {
        if (!semver.satisfies(node, range)) refused.push(`${path.replace(/^.*node_modules\//, "")}@${entry.version} engines.node "${range}" refuses ${node}`);
      }
    }
    expect(refused).toEqual([]);
  });

  it("ranges on packages with an announced Node 22 floor admit patch releases only", () => {
    const open: string[] = [];
    for (const [name, range] of Object.entries(pkg.dependencies)) {
      if (!NODE20_ENDING.some((family) => family.test(name))) continue;
      const locked = lock.packages[`node_modules/${name}`]?.version;
      expect(locked, `${name} is in the lock file`).toBeDefined();
      const nextMinor = semver.inc(locked ?? "0.0.0", "minor") ?? "";
      if (semver.satisfies(nextMinor, range)) open.push(`${name}: "${range}" admits ${nextMinor}`);
    }
    expect(open).toEqual([]);
  });
});
