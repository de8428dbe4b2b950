/**
 * The binding CLI suites run against: the generated client when `src/generated/` has been generated, else the
 * hand-written fixture (so the suites work in a tree without generated code).
 */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { ServiceBinding } from "../../../src/cli/binding.js";
import { fixtureBinding } from "../fixtures/fixture-binding.js";

const generated = fileURLToPath(new URL("../../../src/generated/schemas.ts", import.meta.url));

let cached: Promise<ServiceBinding> | undefined;

/** Whether the generated modules are present (`IOTMI_CLI_BINDING=fixture` forces the fixture). */
export const hasGeneratedClient =
  process.env["IOTMI_CLI_BINDING"] !== "fixture" && existsSync(generated) && existsSync(generated.replace(/schemas\.ts$/, "index.ts"));

export function cliBinding(): Promise<ServiceBinding> {
  cached ??= hasGeneratedClient ? import("../../../src/cli/service-binding.js").then((m) => m.loadServiceBinding()) : Promise.resolve(fixtureBinding);
  return cached;
}
