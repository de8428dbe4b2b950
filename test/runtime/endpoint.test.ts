/**
 * Endpoint resolution through the service's rule set: partitions, FIPS, custom endpoints, the rule set's own
 * errors — and, when IOTMI_SHARED points at the shared references, every test case embedded in the real model.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { partition } from "@aws-sdk/util-endpoints";
import { SERVICE_SPEC } from "../../src/generated/service.js";
import { ConfigurationError, evaluateEndpointRules } from "../../src/runtime/index.js";
import { resolveServiceEndpoint, type ResolvedEndpoint } from "../../src/runtime/client/endpoint.js";
import { CreateWidgetCommand, WIDGET_SERVICE, WidgetClient } from "./fixtures/widget-service.js";
import { startServer, type TestServer } from "./helpers.js";

const CREDS = { accessKeyId: "AKID", secretAccessKey: "SECRET" };

function resolve(inputs: { region?: string; useFips?: boolean; endpoint?: string }, service = WIDGET_SERVICE): string {
  return resolveServiceEndpoint(service, { region: inputs.region, useFips: inputs.useFips ?? false, endpoint: inputs.endpoint }, new Map(), undefined).url;
}

describe("endpoint rules", () => {
  it.each([
    ["us-east-1", false, "https://api.widgets.us-east-1.api.aws"],
    ["us-east-1", true, "https://api.widgets-fips.us-east-1.api.aws"],
    ["eu-central-1", false, "https://api.widgets.eu-central-1.api.aws"],
    ["cn-north-1", false, "https://api.widgets.cn-north-1.api.amazonwebservices.com.cn"],
    ["us-gov-west-1", false, "https://api.widgets.us-gov-west-1.api.aws"],
    ["us-gov-west-1", true, "https://api.widgets-fips.us-gov-west-1.api.aws"],
  ])("%s (FIPS %s) → %s", (region, useFips, url) => {
    expect(resolve({ region, useFips })).toBe(url);
  });

  it("uses a custom endpoint as given", () => {
    expect(resolve({ region: "us-east-1", endpoint: "https://example.com" })).toBe("https://example.com");
    expect(resolve({ endpoint: "http://127.0.0.1:8080/prefix" })).toBe("http://127.0.0.1:8080/prefix");
  });

  it("reports the rule set's own errors", () => {
    expect(() => resolve({})).toThrow(new ConfigurationError("Invalid Configuration: Missing Region"));
    expect(() => resolve({ region: "us-east-1", useFips: true, endpoint: "https://example.com" })).toThrow("Invalid Configuration: FIPS and custom endpoint are not supported");
  });

  it("refuses a region that is not a host label", () => {
    expect(() => resolve({ region: "evil.example.com#" })).toThrow('Region not accepted: "evil.example.com#" is not a valid host name label');
    expect(() => resolve({ region: "us-east-1/x" })).toThrow(ConfigurationError);
  });

  it("caches by parameters", () => {
    const cache = new Map<string, ResolvedEndpoint>();
    const a = resolveServiceEndpoint(WIDGET_SERVICE, { region: "us-west-2", useFips: false, endpoint: undefined }, cache, undefined);
    const b = resolveServiceEndpoint(WIDGET_SERVICE, { region: "us-west-2", useFips: false, endpoint: undefined }, cache, undefined);
    const c = resolveServiceEndpoint(WIDGET_SERVICE, { region: "us-west-2", useFips: true, endpoint: undefined }, cache, undefined);
    expect(b).toBe(a);
    expect(c).not.toBe(a);
    expect(cache.size).toBe(2);
  });
});

describe("endpoint configuration of a client", () => {
  const saved = { ...process.env };
  let server: TestServer | undefined;
  afterEach(async () => {
    process.env = { ...saved };
    await server?.close();
    server = undefined;
  });

  it("fails a call without region with the rule set's message, sending nothing", async () => {
    delete process.env["AWS_REGION"];
    delete process.env["AWS_DEFAULT_REGION"];
    process.env["AWS_CONFIG_FILE"] = "/nonexistent/config";
    process.env["AWS_SHARED_CREDENTIALS_FILE"] = "/nonexistent/credentials";
    const client = new WidgetClient({ credentials: CREDS });
    await expect(client.send(new CreateWidgetCommand({ Name: "gear" }))).rejects.toThrow("Invalid Configuration: Missing Region");
  });

  it("fails FIPS with a custom endpoint", async () => {
    const client = new WidgetClient({ region: "us-east-1", useFipsEndpoint: true, endpoint: "http://127.0.0.1:9", credentials: CREDS });
    await expect(client.send(new CreateWidgetCommand({ Name: "gear" }))).rejects.toThrow("Invalid Configuration: FIPS and custom endpoint are not supported");
  });

  it("reads AWS_USE_FIPS_ENDPOINT", async () => {
    process.env["AWS_USE_FIPS_ENDPOINT"] = "true";
    const client = new WidgetClient({ region: "us-east-1", endpoint: "http://127.0.0.1:9", credentials: CREDS });
    await expect(client.send(new CreateWidgetCommand({ Name: "gear" }))).rejects.toThrow("FIPS and custom endpoint");
  });

  it("treats fips- / -fips pseudo regions as FIPS in the real region", async () => {
    const seen: string[] = [];
    const requestHandler = {
      handle: async (request: { hostname: string; headers: Record<string, string> }) => {
        seen.push(`${request.hostname} ${/Credential=[^/]+\/\d+\/([^/]+)\//.exec(request.headers["authorization"] ?? "")?.[1]}`);
        return { response: { statusCode: 201, headers: {}, body: new Uint8Array() } };
      },
    };
    await new WidgetClient({ region: "fips-us-west-2", credentials: CREDS, requestHandler }).send(new CreateWidgetCommand({ Name: "a" }));
    await new WidgetClient({ region: "us-gov-east-1-fips", credentials: CREDS, requestHandler }).send(new CreateWidgetCommand({ Name: "a" }));
    expect(seen).toEqual(["api.widgets-fips.us-west-2.api.aws us-west-2", "api.widgets-fips.us-gov-east-1.api.aws us-gov-east-1"]);
  });

  it("asks provider functions on every call and follows their changes", async () => {
    const seen: string[] = [];
    const requestHandler = {
      handle: async (request: { hostname: string; headers: Record<string, string> }) => {
        seen.push(`${request.hostname} ${/Credential=[^/]+\/\d+\/([^/]+)\//.exec(request.headers["authorization"] ?? "")?.[1]}`);
        return { response: { statusCode: 201, headers: {}, body: new Uint8Array() } };
      },
    };
    const regions = ["us-east-1", "us-east-1", "eu-west-1", "us-east-1"];
    const fips = [false, true, false, false];
    let calls = 0;
    const client = new WidgetClient({
      region: async () => regions[calls]!,
      useFipsEndpoint: async () => fips[calls++]!,
      credentials: CREDS,
      requestHandler,
    });
    for (let i = 0; i < regions.length; i++) await client.send(new CreateWidgetCommand({ Name: "a" }));
    expect(seen).toEqual([
      "api.widgets.us-east-1.api.aws us-east-1",
      "api.widgets-fips.us-east-1.api.aws us-east-1",
      "api.widgets.eu-west-1.api.aws eu-west-1",
      "api.widgets.us-east-1.api.aws us-east-1",
    ]);
  });

  it("uses each call's endpoint object from an endpoint provider", async () => {
    server = await startServer(() => ({ status: 201, body: {} }));
    const other = await startServer(() => ({ status: 201, body: {} }));
    try {
      const targets = [server, other, server].map((s) => ({ protocol: "http:", hostname: "127.0.0.1", port: s.port, path: "/" }));
      let i = 0;
      const client = new WidgetClient({ region: "us-east-1", endpoint: async () => targets[i++]!, credentials: CREDS });
      for (let n = 0; n < 3; n++) await client.send(new CreateWidgetCommand({ Name: "a" }));
      expect([server.requests.length, other.requests.length]).toEqual([2, 1]);
      expect(other.requests[0]?.headers["host"]).toBe(`127.0.0.1:${other.port}`);
    } finally {
      await other.close();
    }
  });

  it("accepts an Endpoint object and an endpoint provider", async () => {
    server = await startServer(() => ({ status: 201, body: {} }));
    const endpoint = { protocol: "http:", hostname: "127.0.0.1", port: server.port, path: "/" };
    await new WidgetClient({ region: "us-east-1", endpoint, credentials: CREDS }).send(new CreateWidgetCommand({ Name: "a" }));
    await new WidgetClient({ region: "us-east-1", endpoint: async () => endpoint, credentials: CREDS }).send(new CreateWidgetCommand({ Name: "b" }));
    expect(server.requests.map((r) => r.path)).toEqual(["/widgets", "/widgets"]);
  });
});

const shared = process.env["IOTMI_SHARED"];
const modelPath = shared === undefined ? undefined : join(shared, "reference", "iot-managed-integrations.smithy.json");
const haveModel = modelPath !== undefined && existsSync(modelPath);
if (!haveModel) console.warn("endpoint.test: IOTMI_SHARED is not set (or has no reference model); skipping the real model's endpoint tests");

describe.skipIf(!haveModel)("the real model's endpointTests, through the generated (compiled) rules", () => {
  interface TestCase {
    documentation: string;
    params?: { Region?: string; UseFIPS?: boolean; Endpoint?: string };
    expect: { endpoint?: { url: string }; error?: string };
  }
  const model = haveModel ? (JSON.parse(readFileSync(modelPath, "utf8")) as { shapes: Record<string, { type: string; traits?: Record<string, unknown> }> }) : { shapes: {} };
  const service = Object.values(model.shapes).find((s) => s.type === "service");
  const cases = ((service?.traits?.["smithy.rules#endpointTests"] as { testCases: TestCase[] } | undefined)?.testCases ?? []);
  it("our model's rules are the real model's (parameter documentation aside)", () => {
    type RuleSet = { rules: unknown; parameters: Record<string, { documentation?: string }> };
    const ours = JSON.parse(readFileSync(join(import.meta.dirname, "../../model/iot-managed-integrations.json"), "utf8")) as typeof model;
    const ourSet = Object.values(ours.shapes).find((s) => s.type === "service")?.traits?.["smithy.rules#endpointRuleSet"] as RuleSet;
    const realSet = service?.traits?.["smithy.rules#endpointRuleSet"] as RuleSet;
    const undocumented = (set: RuleSet): unknown => Object.fromEntries(Object.entries(set.parameters).map(([k, { documentation: _d, ...rest }]) => [k, rest]));
    expect(ourSet.rules).toEqual(realSet.rules);
    expect(undocumented(ourSet)).toEqual(undocumented(realSet));
  });
  // The model's cases predate the partition data shipped by @aws-sdk/util-endpoints today: for the ISO
  // partitions they expect the plain dnsSuffix where the rule asks for dualStackDnsSuffix (the partitions have
  // since been given dual-stack suffixes). Those cases must differ by exactly that suffix and nothing else.
  it.each(cases.map((c) => [c.documentation, c] as const))("%s", (_doc, testCase) => {
    const params = testCase.params ?? {};
    if (testCase.expect.error !== undefined) {
      expect(() => evaluateEndpointRules(SERVICE_SPEC, params)).toThrow(testCase.expect.error);
      return;
    }
    const got = evaluateEndpointRules(SERVICE_SPEC, params).url;
    const want = testCase.expect.endpoint!.url;
    const p = params.Region === undefined ? undefined : partition(params.Region);
    if (p !== undefined && p.name.startsWith("aws-iso") && got !== want) {
      expect(got.endsWith(`.${p.dualStackDnsSuffix}`)).toBe(true);
      expect(got.slice(0, -p.dualStackDnsSuffix.length) + p.dnsSuffix).toBe(want);
    } else {
      expect(got).toBe(want);
    }
  });
});
