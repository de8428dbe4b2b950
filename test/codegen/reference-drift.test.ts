/**
 * The shipped model is the OTA family of the official service model: every shape we ship must equal the
 * official one in everything but its documentation (which is written in our own words), and the family must
 * be complete — every shape the official OTA operations and resources reach, and nothing else. Reads the
 * official model from IOTMI_REFERENCE_MODEL and skips with a message without it.
 */
import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { OUR_MODEL } from "./codegen-helpers.js";

const referencePath = process.env["IOTMI_REFERENCE_MODEL"];
const haveReference = referencePath !== undefined && existsSync(referencePath);
if (!haveReference) console.warn("reference-drift: skipped, IOTMI_REFERENCE_MODEL does not name the official model.");

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
interface Shape {
  readonly type: string;
  readonly [key: string]: Json;
}

const DOC = "smithy.api#documentation";
const NS = "com.amazonaws.iotmanagedintegrations#";
const SERVICE = `${NS}IotManagedIntegrations`;
const FAMILY_RESOURCES = [`${NS}OtaTaskConfigurationResource`, `${NS}OtaTaskResource`];

/**
 * A shape without documentation and without empty trait objects (the official model writes `traits: {}`).
 * Endpoint rule sets and their tests carry prose in plain `documentation` keys: `ruleDocs` drops those too.
 */
function facts(value: Json, ruleDocs = false): Json {
  if (Array.isArray(value)) return value.map((item) => facts(item, ruleDocs));
  if (value === null || typeof value !== "object") return value;
  const out: { [key: string]: Json } = {};
  for (const [key, item] of Object.entries(value)) {
    if (key === DOC || (ruleDocs && key === "documentation")) continue;
    const kept = facts(item, ruleDocs);
    if (key === "traits" && typeof kept === "object" && kept !== null && Object.keys(kept).length === 0) continue;
    out[key] = kept;
  }
  return out;
}

/** Every shape id of the service's namespace reachable from `roots` (resources, operations, members). */
function closure(shapes: Record<string, Shape>, roots: readonly string[]): Set<string> {
  const seen = new Set<string>();
  const visit = (id: string): void => {
    if (!id.startsWith(NS) || seen.has(id)) return;
    const shape = shapes[id];
    if (shape === undefined) throw new Error(`${id} is referenced but not defined`);
    seen.add(id);
    const targets = JSON.stringify(shape).matchAll(/"target":"([^"]+)"/g);
    for (const [, target] of targets) visit(target!);
  };
  roots.forEach(visit);
  return seen;
}

function load(path: string): Record<string, Shape> {
  return (JSON.parse(readFileSync(path, "utf8")) as { shapes: Record<string, Shape> }).shapes;
}

describe.skipIf(!haveReference)("shipped model against the official model", () => {
  const ours = load(OUR_MODEL);
  const official = haveReference ? load(referencePath!) : {};

  it("ships exactly the OTA family: the shapes the official OTA resources reach", () => {
    const family = closure(official, FAMILY_RESOURCES);
    const shipped = Object.keys(ours).filter((id) => id !== SERVICE);
    expect(shipped.sort()).toEqual([...family].sort());
  });

  it("every shipped shape equals the official one apart from documentation", () => {
    const drifted = Object.keys(ours)
      .filter((id) => id !== SERVICE)
      .filter((id) => JSON.stringify(facts(ours[id]!)) !== JSON.stringify(facts(official[id]!)));
    for (const id of drifted) expect.soft(facts(ours[id]!), id).toEqual(facts(official[id]!));
    expect(drifted).toEqual([]);
  });

  it("the service shape keeps the official traits and lists the family's resources", () => {
    const { resources, operations, ...rest } = facts(ours[SERVICE]!, true) as { [key: string]: Json };
    const { resources: _r, operations: _o, ...officialRest } = facts(official[SERVICE]!, true) as { [key: string]: Json };
    expect(rest).toEqual(officialRest);
    expect(operations).toBeUndefined();
    expect(resources).toEqual(FAMILY_RESOURCES.map((target) => ({ target })));
  });

  it("documentation is our own: no shipped doc string repeats the official one", () => {
    const copied: string[] = [];
    const docs = (shape: Shape | undefined): Map<string, string> => {
      const out = new Map<string, string>();
      const walk = (value: Json, at: string): void => {
        if (value === null || typeof value !== "object") return;
        for (const [key, item] of Object.entries(value)) {
          if (key === DOC && typeof item === "string") out.set(at, item);
          else walk(item, `${at}/${key}`);
        }
      };
      if (shape !== undefined) walk(shape as unknown as Json, "");
      return out;
    };
    for (const id of Object.keys(ours)) {
      const theirs = docs(official[id]);
      for (const [at, text] of docs(ours[id])) if (theirs.get(at) === text) copied.push(`${id}${at}`);
    }
    expect(copied).toEqual([]);
  });
});
