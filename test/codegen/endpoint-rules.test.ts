/**
 * The endpoint rule-set compiler (codegen/emit/endpoint-rules.ts) against the official models' own
 * `smithy.rules#endpointTests`: each model's rule set is compiled and loaded, and every test case's parameters
 * must give what the AWS SDK v3's rules engine (`@aws-sdk/util-endpoints`, same partition data) gives — URL,
 * headers and properties, or the error — and, where the case's expectation is not outdated by newer partition
 * data, what the case expects. Our own model runs without the reference material; the other services' models
 * (IOTMI_SHARED/models: DynamoDB's account-based endpoints, CloudFront KeyValueStore's ARN parsing, Route 53's
 * global endpoints, …) when IOTMI_SHARED is set.
 */
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { resolveEndpoint } from "@aws-sdk/util-endpoints";
import type { RuleSetObject } from "@smithy/types";
import { afterAll, describe, expect, it } from "vitest";
import { compileRuleSet, RuleSetCompileError } from "../../codegen/emit/endpoint-rules.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const WORK = join(ROOT, ".tmp", `endpoint-rules-${process.pid}`);
const RUNTIME = join(ROOT, "src/runtime/index.js");

interface TestCase {
  readonly documentation?: string;
  readonly params?: Record<string, unknown>;
  readonly expect: { readonly endpoint?: { readonly url: string; readonly headers?: unknown; readonly properties?: unknown }; readonly error?: string };
}

interface Service {
  readonly ruleSet: unknown;
  readonly cases: readonly TestCase[];
}

function serviceOf(file: string): Service | undefined {
  const model = JSON.parse(readFileSync(file, "utf8")) as { shapes: Record<string, { type: string; traits?: Record<string, unknown> }> };
  const service = Object.values(model.shapes).find((s) => s.type === "service");
  const ruleSet = service?.traits?.["smithy.rules#endpointRuleSet"];
  if (ruleSet === undefined) return undefined;
  const cases = (service?.traits?.["smithy.rules#endpointTests"] as { testCases?: TestCase[] } | undefined)?.testCases ?? [];
  return { ruleSet, cases };
}

type Rules = (parameters: Record<string, unknown>) => { url: string; headers?: unknown; properties?: unknown };

/** Compiles a rule set into a module under .tmp/ (so it resolves the runtime) and loads it. */
async function load(name: string, ruleSet: unknown): Promise<Rules> {
  const compiled = compileRuleSet(ruleSet, "TestEndpointParameters");
  mkdirSync(WORK, { recursive: true });
  const file = join(WORK, `${name}.ts`);
  const imports = [
    `import { ${compiled.runtimeValues.join(", ")} } from ${JSON.stringify(RUNTIME)};`,
    `import type { ${compiled.runtimeTypes.join(", ")} } from ${JSON.stringify(RUNTIME)};`,
  ];
  writeFileSync(file, `${imports.join("\n")}\n${compiled.code}\n`);
  return ((await import(file)) as { resolveEndpointRules: Rules }).resolveEndpointRules;
}

/** An endpoint or error in one comparable shape: URL normalised, empty headers/properties left out. */
function normal(result: { url: string | URL; headers?: unknown; properties?: unknown }): TestCase["expect"] {
  const headers = result.headers as Record<string, unknown> | undefined;
  const properties = result.properties as Record<string, unknown> | undefined;
  return {
    endpoint: {
      url: new URL(String(result.url)).href,
      ...(headers === undefined || Object.keys(headers).length === 0 ? {} : { headers }),
      ...(properties === undefined || Object.keys(properties).length === 0 ? {} : { properties }),
    },
  };
}

function outcome(run: () => { url: string | URL; headers?: unknown; properties?: unknown }): TestCase["expect"] {
  try {
    return normal(run());
  } catch (error) {
    return { error: (error as Error).message };
  }
}

const expected = (test: TestCase): TestCase["expect"] => (test.expect.error !== undefined ? { error: test.expect.error } : normal(test.expect.endpoint!));

afterAll(() => rmSync(WORK, { recursive: true, force: true }));

/**
 * The ISO partitions have since been given dual-stack support and suffixes: cases written before that expect
 * the plain suffix, or a "does not support DualStack" error (also skipped by the conformance runner,
 * test/conformance/skips.ts). Only such cases may disagree with their expectation, and only where the engine
 * disagrees the same way.
 */
const OUTDATED_ISO = /us-iso|us-isob|eu-isoe|us-isof/;

function checkAll(name: string, service: Service): void {
  it(`${name}: every endpointTests case (${service.cases.length})`, async () => {
    const rules = await load(name, service.ruleSet);
    const failures: string[] = [];
    for (const test of service.cases) {
      const params = test.params ?? {};
      const got = outcome(() => rules(params));
      const engine = outcome(() => resolveEndpoint(service.ruleSet as RuleSetObject, { endpointParams: params as never }));
      const want = expected(test);
      const label = test.documentation ?? JSON.stringify(params);
      if (JSON.stringify(got) !== JSON.stringify(engine) && !isEqual(got, engine)) failures.push(`${label}: the engine gives ${JSON.stringify(engine)}, compiled ${JSON.stringify(got)}`);
      else if (!isEqual(got, want) && !OUTDATED_ISO.test(String(params["Region"]))) failures.push(`${label}: expected ${JSON.stringify(want)}, got ${JSON.stringify(got)}`);
    }
    expect(failures).toEqual([]);
  });
}

function isEqual(a: unknown, b: unknown): boolean {
  try {
    expect(a).toEqual(b);
    return true;
  } catch {
    return false;
  }
}

describe("compiled endpoint rules", () => {
  const own = serviceOf(join(ROOT, "model/iot-managed-integrations.json"));
  if (own !== undefined) checkAll("iot-managed-integrations", own);

  const shared = process.env["IOTMI_SHARED"];
  const models = shared === undefined ? undefined : join(shared, "models");
  if (models === undefined || !existsSync(models)) {
    it.skip("other services' models (set IOTMI_SHARED)", () => undefined);
  } else {
    for (const file of readdirSync(models).filter((f) => f.endsWith(".json")).sort()) {
      const service = serviceOf(join(models, file));
      if (service !== undefined) checkAll(file.replace(/\.json$/, ""), service);
    }
  }

  it("names the place and the reason when a rule set uses something it cannot compile", () => {
    const ruleSet = { version: "1.0", parameters: {}, rules: [{ type: "endpoint", conditions: [{ fn: "someNewFunction", argv: [] }], endpoint: { url: "https://x" } }] };
    expect(() => compileRuleSet(ruleSet, "P")).toThrow(RuleSetCompileError);
    expect(() => compileRuleSet(ruleSet, "P")).toThrow('rules[0] condition 1 someNewFunction: the rules function "someNewFunction" is not supported by the compiler');
  });
});
