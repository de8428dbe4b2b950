/**
 * "Never a crash": whatever a model file contains, loading and building the IR either succeed or throw a
 * ModelError. Random edits of the project model (values replaced, keys deleted, at any depth) check that.
 */
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildServiceIR } from "../../codegen/ir/build.js";
import { ModelError } from "../../codegen/load/errors.js";
import { loadModel } from "../../codegen/load/load-model.js";
import { OUR_MODEL } from "./codegen-helpers.js";

const base = JSON.parse(readFileSync(OUR_MODEL, "utf8")) as unknown;

/** Every path to a value inside `value` (object keys and array indexes). */
function paths(value: unknown, prefix: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  if (typeof value === "object" && value !== null) {
    for (const [key, child] of Object.entries(value)) {
      const path = [...prefix, Array.isArray(value) ? Number(key) : key];
      out.push(path);
      paths(child, path, out);
    }
  }
  return out;
}
const allPaths = paths(base);

function edit(model: unknown, path: (string | number)[], replacement: unknown, remove: boolean): unknown {
  const copy = structuredClone(model) as Record<string | number, unknown>;
  let node: Record<string | number, unknown> = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  const last = path[path.length - 1] as string | number;
  if (remove && !Array.isArray(node)) delete node[last];
  else node[last] = replacement;
  return copy;
}

describe("loader robustness", () => {
  it("throws only ModelError for randomly damaged models", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ at: fc.nat(allPaths.length - 1), value: fc.jsonValue({ maxDepth: 2 }), remove: fc.boolean() }), { minLength: 1, maxLength: 3 }),
        (edits) => {
          let model = base;
          for (const e of edits) {
            const path = allPaths[e.at] as (string | number)[];
            try {
              model = edit(model, path, e.value, e.remove);
            } catch {
              // An earlier edit removed the parent of this path; skip it.
            }
          }
          try {
            buildServiceIR(loadModel(model, "fuzz.json"), { sourceModel: "fuzz.json" });
          } catch (err) {
            expect(err, String((err as Error).stack)).toBeInstanceOf(ModelError);
          }
        },
      ),
      { numRuns: 400, seed: 20250303 },
    );
  });
});
