// The user agent's library name and version are constants (they must survive bundling); they follow package.json.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { LIBRARY_NAME, LIBRARY_VERSION } from "../../src/runtime/client/version.js";

describe("library version", () => {
  it("matches package.json", () => {
    const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { name: string; version: string };
    expect({ name: LIBRARY_NAME, version: LIBRARY_VERSION }).toEqual({ name: pkg.name, version: pkg.version });
  });
});
