/**
 * Runs every protocol test of one model: generates the client, executes the emitted request cases through
 * the whole generated client and the runtime's HTTP handler to a loopback recorder (or the spec alone with
 * `specOnly`), response cases through the generated
 * deserializer, endpoint cases through the runtime's resolver, and returns one result per case (skips only
 * from skips.ts or for operations the generator documents as unsupported).
 */
import { existsSync } from "node:fs";
import { basename, join } from "node:path";
import { pathToFileURL } from "node:url";
import type { ServiceSpec } from "../../src/runtime/protocol/contract.js";
import { checkEndpointCase, type EndpointCase } from "./endpoints.js";
import { generateSuite } from "./generate.js";
import { sendThroughClient, type ClientLocation } from "./client-sender.js";
import {
  checkRequestCase,
  checkResponseCase,
  sendThroughSpec,
  type RequestCase,
  type ResponseCase,
  type SpecLike,
  type SpecLookup,
} from "./http-checks.js";
import { errorText, outcomeOf, type TestResult } from "./report.js";
import { skipReason, SKIPS, type Skip } from "./skips.js";
import { typecheckGenerated } from "./typecheck.js";
import { startWireTap, type WireTap } from "./wire.js";

/** The exports of an emitted protocol-tests module. */
interface ProtocolTestsModule {
  readonly requestTests: readonly RequestCase[];
  readonly responseTests: readonly ResponseCase[];
  readonly endpointTests?: readonly EndpointCase[];
  readonly serviceSpec?: ServiceSpec;
  readonly client?: ClientLocation;
}

/** Options of {@link runProtocolTests}. @internal */
export interface ProtocolRunOptions {
  /** Keep the generated folder (its path is logged). */
  readonly keep?: boolean;
  readonly skips?: readonly Skip[];
  readonly log?: (line: string) => void;
  /**
   * Send request cases through `<Op>Spec.serialize` alone instead of the whole generated client (to tell
   * serde gaps from runtime gaps).
   */
  readonly specOnly?: boolean;
  /** Also type-check the generated folder (one result per file). */
  readonly typecheck?: boolean;
}

/**
 * Runs the client protocol tests and endpoint tests embedded in `modelPath`.
 * @internal
 */
export async function runProtocolTests(modelPath: string, options: ProtocolRunOptions = {}): Promise<TestResult[]> {
  const label = basename(modelPath).replace(/\.json$/, "");
  const log = options.log ?? (() => {});
  const skips = options.skips ?? SKIPS;
  let suite;
  try {
    suite = await generateSuite(modelPath, { keep: options.keep ?? false, log });
  } catch (error) {
    return [{ suite: `${label} generate`, id: modelPath, outcome: { status: "fail", reason: `could not generate: ${errorText(error)}` } }];
  }
  if (options.keep) log(`generated client kept in ${suite.dir}`);
  let wire: WireTap | undefined;
  try {
    const started = performance.now();
    const mod = suite.module as ProtocolTestsModule;
    const specs = await specLookup(suite.dir);
    if (!options.specOnly && mod.client !== undefined) wire = await startWireTap();
    const send = wire === undefined || mod.client === undefined ? sendThroughSpec(specs) : sendThroughClient(suite.dir, mod.client, wire);
    const results: TestResult[] = [];
    for (const removed of suite.removed) {
      results.push({ suite: `${label} ${removed.kind}`, id: removed.id, outcome: { status: "skip", reason: removed.reason } });
    }
    for (const rejected of suite.rejected) {
      results.push({ suite: `${label} ${rejected.kind}`, id: rejected.id, outcome: { status: "fail", reason: rejected.reason } });
    }
    for (const test of mod.requestTests) {
      results.push({ suite: `${label} request`, id: test.id, outcome: await runOrSkip(test.id, skips, () => checkRequestCase(test, send)) });
    }
    for (const test of mod.responseTests) {
      const suiteName = test.error === undefined ? `${label} response` : `${label} error`;
      results.push({ suite: suiteName, id: test.id, outcome: await runOrSkip(test.id, skips, () => checkResponseCase(test, specs)) });
    }
    // Nothing may disappear between the model and the report: a declared case that produced no result fails.
    const seen = new Set(results.map((r) => `${r.suite.endsWith(" request") ? "request" : "response"} ${r.id}`));
    for (const declared of suite.declared) {
      if (!seen.has(`${declared.kind} ${declared.id}`)) {
        results.push({ suite: `${label} ${declared.kind}`, id: declared.id, outcome: { status: "fail", reason: declared.reason } });
      }
    }
    if (options.typecheck) results.push(...typecheckGenerated(suite.dir, `${label} typecheck`));
    for (const test of mod.endpointTests ?? []) {
      const spec = mod.serviceSpec;
      const suiteName = `${label} endpoint`;
      results.push({
        suite: suiteName,
        id: test.id,
        outcome: await runOrSkip(test.id, skips, () => (spec === undefined ? "no SERVICE_SPEC generated" : checkEndpointCase(test, spec)), suiteName),
      });
    }
    log(`ran ${results.length} ${label} cases in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    return results;
  } finally {
    await wire?.close();
    suite.dispose();
  }
}

/** Loads the generated `operations.ts`; a missing module or export becomes the reason of each test. */
async function specLookup(dir: string): Promise<SpecLookup> {
  const file = join(dir, "operations.ts");
  if (!existsSync(file)) return () => "operations.ts was not generated (no operations emitter registered)";
  let mod: Record<string, unknown>;
  try {
    mod = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  } catch (error) {
    const reason = `operations.ts failed to load: ${errorText(error)}`;
    return () => reason;
  }
  return (name) => {
    const spec = mod[name] as SpecLike | undefined;
    if (spec === undefined) return `operations.ts has no export ${name}`;
    if (typeof spec.serialize !== "function" || typeof spec.deserialize !== "function") return `${name} lacks serialize/deserialize`;
    return spec;
  };
}

async function runOrSkip(id: string, skips: readonly Skip[], check: () => Promise<string | undefined> | string | undefined, suite?: string) {
  const reason = skipReason(id, skips, suite);
  if (reason !== undefined) return { status: "skip" as const, reason };
  return outcomeOf(check);
}
