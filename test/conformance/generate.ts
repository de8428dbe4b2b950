/**
 * Generates a client for an arbitrary model into a temporary folder, with the protocol-tests module: the
 * generator's in-memory API (codegen/generate.ts) runs every registered emitter plus
 * codegen/emit/protocol-tests.ts, exactly as the driver would, and the files are written out and imported.
 *
 * Operations the generator documents as unsupported (event streams) are removed from the service first;
 * any test they carried is returned as skipped, with the reason. Operations the generator rejects are
 * removed too, and their tests returned as failures, so nothing disappears from the counts.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { EMITTERS } from "../../codegen/emit/index.js";
import { isClientCase, PROTOCOL_TESTS_FILE, protocolTestsEmitter } from "../../codegen/emit/protocol-tests.js";
import { generate } from "../../codegen/generate.js";
import type { HttpMessageTest } from "../../codegen/ir/types.js";

/** The repository root (this file is test/conformance/generate.ts). @internal */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

/** A test that could not run because its operation was removed before generation. @internal */
export interface RemovedTest {
  readonly id: string;
  readonly kind: "request" | "response";
  readonly reason: string;
}

/** A generated client with its protocol tests. @internal */
export interface GeneratedSuite {
  /** Folder holding the generated files. */
  readonly dir: string;
  /** The module built from `protocol-tests.ts`. */
  readonly module: unknown;
  /** Tests of operations left out because they use a documented unsupported feature (skips). */
  readonly removed: readonly RemovedTest[];
  /** Tests of operations left out because the generator rejected them (failures). */
  readonly rejected: readonly RemovedTest[];
  /** Every client test the original model declares (operations and structures), to prove none was lost. */
  readonly declared: readonly RemovedTest[];
  /** Removes the temporary folder. */
  readonly dispose: () => void;
}

type Json = Record<string, unknown>;

const EVENT_STREAM_REASON = "event streams (`smithy.api#streaming` unions) are unsupported by the generator (codegen/ir/build.ts)";

/** Shape ids an operation reaches through its input, output and errors (members, list/map values). */
function reachable(shapes: Record<string, Json>, operation: Json): Set<string> {
  const seen = new Set<string>();
  const stack: string[] = [];
  const push = (ref: unknown): void => {
    const target = (ref as Json | undefined)?.["target"];
    if (typeof target === "string" && !seen.has(target)) {
      seen.add(target);
      stack.push(target);
    }
  };
  push(operation["input"]);
  push(operation["output"]);
  for (const e of (operation["errors"] ?? []) as Json[]) push(e);
  while (stack.length > 0) {
    const shape = shapes[stack.pop()!];
    if (shape === undefined) continue;
    for (const m of Object.values((shape["members"] ?? {}) as Record<string, Json>)) push(m);
    for (const key of ["member", "key", "value"]) push(shape[key]);
  }
  return seen;
}

/**
 * Removes the operations `drop` selects from the service (and resources); returns the filtered model and the
 * client test ids those operations carried, each with `reason(operationId)`.
 * @internal
 */
export function withoutOperations(
  model: Json,
  drop: (id: string, operation: Json, shapes: Record<string, Json>) => string | undefined,
): { model: Json; removed: RemovedTest[]; operations: string[] } {
  const shapes = (model["shapes"] ?? {}) as Record<string, Json>;
  const reasons = new Map<string, string>();
  for (const [id, shape] of Object.entries(shapes)) {
    if (shape["type"] !== "operation") continue;
    const reason = drop(id, shape, shapes);
    if (reason !== undefined) reasons.set(id, reason);
  }
  if (reasons.size === 0) return { model, removed: [], operations: [] };

  const removed: RemovedTest[] = [];
  const newShapes: Record<string, Json> = {};
  for (const [id, shape] of Object.entries(shapes)) {
    const reason = reasons.get(id);
    if (reason !== undefined) {
      const traits = (shape["traits"] ?? {}) as Json;
      for (const [trait, kind] of [["smithy.test#httpRequestTests", "request"], ["smithy.test#httpResponseTests", "response"]] as const) {
        for (const test of (traits[trait] ?? []) as HttpMessageTest[]) {
          if (isClientCase(test)) removed.push({ id: test.id, kind, reason });
        }
      }
      continue;
    }
    if (shape["type"] === "service" || shape["type"] === "resource") {
      const copy = { ...shape };
      for (const key of ["operations", "collectionOperations"]) {
        const list = copy[key] as { target: string }[] | undefined;
        if (list !== undefined) copy[key] = list.filter((ref) => !reasons.has(ref.target));
      }
      newShapes[id] = copy;
    } else {
      newShapes[id] = shape;
    }
  }
  return { model: { ...model, shapes: newShapes }, removed, operations: [...reasons.keys()].sort() };
}

/** Event-stream operations (documented unsupported; they carry no HTTP protocol tests). @internal */
export function withoutUnsupportedOperations(model: Json): { model: Json; removed: RemovedTest[]; operations: string[] } {
  return withoutOperations(model, (_id, operation, shapes) => {
    for (const target of reachable(shapes, operation)) {
      const shape = shapes[target];
      if (shape?.["type"] === "union" && "smithy.api#streaming" in ((shape["traits"] ?? {}) as Json)) return EVENT_STREAM_REASON;
    }
    return undefined;
  });
}

/** Every client case of the protocol in the raw model, wherever it is declared. @internal */
export function declaredClientTests(model: Json): RemovedTest[] {
  const out: RemovedTest[] = [];
  for (const shape of Object.values((model["shapes"] ?? {}) as Record<string, Json>)) {
    const traits = (shape["traits"] ?? {}) as Json;
    for (const [trait, kind] of [["smithy.test#httpRequestTests", "request"], ["smithy.test#httpResponseTests", "response"]] as const) {
      for (const test of (traits[trait] ?? []) as HttpMessageTest[]) {
        if (isClientCase(test)) out.push({ id: test.id, kind, reason: "declared in the model but never emitted or run" });
      }
    }
  }
  return out;
}

/** Problems of a ModelError, read structurally (shape id + message). */
function modelProblems(error: unknown): { shapeId: string; message: string }[] | undefined {
  const problems = (error as { problems?: unknown } | null)?.problems;
  return Array.isArray(problems) ? (problems as { shapeId: string; message: string }[]) : undefined;
}

/**
 * Generates the client and its protocol tests for `modelPath`, then imports the tests.
 * @internal
 */
export async function generateSuite(modelPath: string, options: { keep?: boolean; log?: (line: string) => void } = {}): Promise<GeneratedSuite> {
  const log = options.log ?? (() => {});
  const original = JSON.parse(readFileSync(modelPath, "utf8")) as Json;
  const { model, removed: unsupported, operations } = withoutUnsupportedOperations(original);
  const rejected: RemovedTest[] = [];
  if (operations.length > 0) log(`note: ${operations.length} event-stream operations left out of generation (${EVENT_STREAM_REASON})`);

  // The generator in memory with every registered emitter plus ours, as the driver would run it. When it
  // rejects shapes, the operations reaching them are left out and their tests fail with the generator's
  // message (they are not skips: nothing documents those features as unsupported), and the rest still runs.
  const started = performance.now();
  let current = model;
  let files;
  for (let round = 0; ; round++) {
    try {
      files = generate({
        model: current,
        sourceModel: basename(modelPath),
        runtimeImport: join(REPO_ROOT, "src/runtime/index.ts"),
        emitters: [...EMITTERS, { name: "protocol-tests", emit: protocolTestsEmitter() }],
        // Formatting only changes whitespace and is the slowest step for a model this size; the suite runs
        // the code, it does not read it (the golden tests and `generate --check` cover formatted output).
        format: false,
      }).files;
      break;
    } catch (error) {
      const problems = modelProblems(error);
      if (problems === undefined || round > 8) throw error;
      const byShape = new Map(problems.map((p) => [p.shapeId.split("$")[0]!, p.message]));
      const next = withoutOperations(current, (id, operation, shapes) => {
        if (byShape.has(id)) return `generator rejected the operation: ${byShape.get(id)!}`;
        for (const target of reachable(shapes, operation)) {
          const message = byShape.get(target);
          if (message !== undefined) return `generator rejected ${target}: ${message}`;
        }
        return undefined;
      });
      if (next.operations.length === 0) throw error;
      log(`note: the generator rejected ${problems.length} shape(s); ${next.operations.length} operation(s) left out: ${next.operations.join(", ")}`);
      rejected.push(...next.removed);
      current = next.model;
    }
  }

  log(`generated ${files.length} files in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  const dir = mkdtempSync(join(tmpdir(), "iotmi-conformance-"));
  const dispose = (): void => {
    if (!options.keep) rmSync(dir, { recursive: true, force: true });
  };
  try {
    // Generated code imports @smithy/* packages; let Node find them from the temporary folder.
    symlinkSync(join(REPO_ROOT, "node_modules"), join(dir, "node_modules"), "dir");
    // Generated code is ESM, like the package it is generated for.
    writeFileSync(join(dir, "package.json"), JSON.stringify({ type: "module", private: true }));
    for (const file of files) {
      const target = join(dir, file.path);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, file.text);
    }
    const importStarted = performance.now();
    const module: unknown = await import(pathToFileURL(join(dir, PROTOCOL_TESTS_FILE)).href);
    log(`loaded the protocol tests in ${((performance.now() - importStarted) / 1000).toFixed(1)} s`);
    return { dir, module, removed: unsupported, rejected, declared: declaredClientTests(original), dispose };
  } catch (error) {
    dispose();
    throw error;
  }
}
