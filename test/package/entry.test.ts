// The package entry lists its exports by name; this keeps it in step with what the generator emits.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

function exportedNames(file: string): string[] {
  const text = readFileSync(new URL(file, import.meta.url), "utf8");
  const names: string[] = [];
  for (const match of text.matchAll(/export\s+(?:type\s+)?\{([^}]*)\}\s+from\s+"\.\/[^"]+"/g)) {
    for (const part of (match[1] ?? "").split(",")) {
      const name = part.trim().split(/\s+as\s+/).pop();
      if (name) names.push(name);
    }
  }
  return names.sort();
}

describe("package entry", () => {
  it("re-exports every name the generated index exports", async () => {
    const generatedNames = exportedNames("../../src/generated/index.ts");
    expect(generatedNames.length).toBeGreaterThan(5);
    const generated = await import("../../src/generated/index.js");
    const entry = (await import("../../src/index.js")) as Record<string, unknown>;
    // Every runtime value of the generated index reaches the package entry unchanged.
    for (const [name, value] of Object.entries(generated)) expect(entry[name], name).toBe(value);
    expect(entry["ListOtaTasksCommand"]).toBeDefined();
  });

  it("loads and exposes a working client class", async () => {
    const entry = await import("../../src/index.js");
    const client = new entry.IoTManagedIntegrationsClient({ region: "us-east-1" });
    expect(client.middlewareStack).toBeDefined();
    expect(typeof entry.IoTManagedIntegrations.prototype.createOtaTask).toBe("function");
    client.destroy();
  });
});
