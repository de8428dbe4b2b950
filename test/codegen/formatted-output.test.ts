/**
 * The emitters write formatted code, so generation skips TypeScript's formatter (the slowest step by far). This
 * suite runs the formatter over the output of every model at hand and requires it to change nothing, byte for
 * byte: an emitter that starts writing a line the formatter would indent, space or wrap differently fails here,
 * naming the file and line.
 *
 * Models: ours, every test/fixtures/<case>/model.json, the protocol zoo, and with IOTMI_SHARED the full IoT
 * Managed Integrations model and the restJson1 models of $IOTMI_SHARED/models (other protocols are refused by
 * the generator, so they have no output to check).
 */
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { generate, type GeneratedFile, type GenerateOptions } from "../../codegen/generate.js";
import type { Emitter } from "../../codegen/emit/context.js";
import { UnsupportedModelError } from "../../codegen/load/errors.js";
import { FIXTURES, OUR_MODEL, RUNTIME_SPECIFIER } from "./codegen-helpers.js";
import { ZOO_MODEL } from "./protocol-zoo-model.js";

const SHARED = process.env["IOTMI_SHARED"];

const local: { name: string; model: GenerateOptions["model"] }[] = [
  { name: "our model", model: OUR_MODEL },
  ...readdirSync(FIXTURES, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(join(FIXTURES, e.name, "model.json")))
    .map((e) => ({ name: `fixture ${e.name}`, model: join(FIXTURES, e.name, "model.json") }))
    .sort((a, b) => (a.name < b.name ? -1 : 1)),
  { name: "protocol zoo", model: ZOO_MODEL },
];

const shared: { name: string; model: string }[] =
  SHARED === undefined
    ? []
    : [
        { name: "full IoT Managed Integrations model", model: join(SHARED, "reference", "iot-managed-integrations.smithy.json") },
        ...readdirSync(join(SHARED, "models"))
          .filter((f) => f.endsWith(".json"))
          .sort()
          .map((f) => ({ name: `models/${f}`, model: join(SHARED, "models", f) })),
      ];

/** The first line where the formatter's text differs from the emitters' (undefined when identical). */
function firstDifference(raw: readonly GeneratedFile[], formatted: readonly GeneratedFile[]): string | undefined {
  expect(raw.map((f) => f.path)).toEqual(formatted.map((f) => f.path));
  for (const [i, file] of raw.entries()) {
    const other = formatted[i]!.text;
    if (file.text === other) continue;
    const a = file.text.split("\n");
    const b = other.split("\n");
    const line = a.findIndex((text, n) => text !== b[n]);
    const at = line < 0 ? a.length : line;
    return `${file.path}:${at + 1}\n  emitted:   ${JSON.stringify(a[at])}\n  formatter: ${JSON.stringify(b[at])}`;
  }
  return undefined;
}

/** Generates `model` with and without the formatting pass, or says why the generator refuses it. */
function bothWays(model: GenerateOptions["model"]): { raw: readonly GeneratedFile[]; formatted: readonly GeneratedFile[] } | string {
  const options = { model, sourceModel: "model.json", runtimeImport: RUNTIME_SPECIFIER };
  try {
    return { raw: generate(options).files, formatted: generate({ ...options, format: true }).files };
  } catch (error) {
    if (error instanceof UnsupportedModelError) return error.message;
    throw error;
  }
}

describe("emitters write what the formatter writes", () => {
  it("generation runs the formatter only when asked", () => {
    const sloppy: Emitter = (context) => {
      context.createFile("sloppy.ts").addStatements("export const  answer={a:1,b:[1,2]};");
    };
    const options = { model: OUR_MODEL, sourceModel: "model.json", runtimeImport: RUNTIME_SPECIFIER, emitters: [{ name: "sloppy", emit: sloppy }] };
    const body = (files: readonly GeneratedFile[]): string => files[0]!.text.split("\n").slice(1).join("\n");
    expect(body(generate(options).files)).toBe("export const  answer={a:1,b:[1,2]};\n");
    expect(body(generate({ ...options, format: true }).files)).toBe("export const answer = { a: 1, b: [1, 2] };\n");
  });

  it.each(local)("$name", ({ model }) => {
    const both = bothWays(model);
    if (typeof both === "string") throw new Error(both);
    expect(firstDifference(both.raw, both.formatted)).toBeUndefined();
  });

  it.skipIf(SHARED === undefined).each(shared)("$name (IOTMI_SHARED)", ({ model }) => {
    const both = bothWays(model);
    // Models of other protocols are refused before anything is emitted.
    if (typeof both === "string") expect(both).toMatch(/unsupported protocol/);
    else expect(firstDifference(both.raw, both.formatted)).toBeUndefined();
  }, 60_000);
});
