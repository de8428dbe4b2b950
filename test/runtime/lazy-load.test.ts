/**
 * A client given static credentials never loads the credential-provider packages, and a plain-http call without
 * body traits never loads `node:https`/`node:tls`/`node:zlib` (checked in a fresh process).
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
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

describe("lazy loading", () => {
  it("does not load credential providers when credentials are static", () => {
    expect(probe({}).credentialPackages).toEqual([]);
  });

  it("does not load https, tls or zlib for a plain-http call", () => {
    expect(probe({}).builtins).toEqual([]);
  });

  it("loads https when the endpoint is https (control)", () => {
    expect(probe({ PROBE_HTTPS: "1" }).builtins).toEqual(expect.arrayContaining(["https", "tls"]));
  });

  it("loads them when the default chain needs them (control)", () => {
    const loaded = probe({ PROBE_CHAIN: "1", AWS_CONTAINER_CREDENTIALS_FULL_URI: "http://127.0.0.1:9/creds" });
    expect(loaded.credentialPackages.some((path) => path.includes("credential-provider-imds"))).toBe(true);
  });
});
