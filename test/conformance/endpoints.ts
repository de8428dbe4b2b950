/**
 * Runs `smithy.rules#endpointTests` cases through the runtime's endpoint resolver (src/runtime/client/endpoint.ts)
 * with the generated SERVICE_SPEC, so the test covers what a client really does: only the parameters the
 * runtime feeds the rule set (Region, UseFIPS, Endpoint) can be set; a case needing another one fails and
 * says so.
 */
import type { ServiceSpec } from "../../src/runtime/protocol/contract.js";
import { resolveServiceEndpoint, type EndpointInputs } from "../../src/runtime/client/endpoint.js";
import { errorText } from "./report.js";

/** One endpoint case as emitted. @internal */
export interface EndpointCase {
  readonly id: string;
  readonly params: Readonly<Record<string, unknown>>;
  readonly expect: { readonly endpoint?: { readonly url: string; readonly headers?: unknown; readonly properties?: unknown }; readonly error?: string };
}

const RUNTIME_PARAMETERS = new Set(["Region", "UseFIPS", "Endpoint"]);

/**
 * Checks one case; returns the problem or undefined.
 * @internal
 */
export function checkEndpointCase(test: EndpointCase, service: ServiceSpec): string | undefined {
  const unsupported = Object.keys(test.params).filter((name) => !RUNTIME_PARAMETERS.has(name));
  if (unsupported.length > 0) return `the runtime resolver cannot set parameter(s) ${unsupported.join(", ")}`;
  const region = test.params["Region"];
  const endpoint = test.params["Endpoint"];
  const inputs: EndpointInputs = {
    region: typeof region === "string" ? region : undefined,
    useFips: test.params["UseFIPS"] === true,
    endpoint: typeof endpoint === "string" ? endpoint : undefined,
  };
  let resolved;
  try {
    resolved = resolveServiceEndpoint(service, inputs, new Map(), undefined);
  } catch (error) {
    if (test.expect.error === undefined) return `expected ${test.expect.endpoint?.url ?? "an endpoint"}, got ${errorText(error)}`;
    const message = error instanceof Error ? error.message : String(error);
    return message === test.expect.error ? undefined : `expected error ${JSON.stringify(test.expect.error)}, got ${JSON.stringify(message)}`;
  }
  if (test.expect.error !== undefined) return `expected error ${JSON.stringify(test.expect.error)}, got endpoint ${resolved.url}`;
  const expectedUrl = test.expect.endpoint?.url;
  if (expectedUrl === undefined) return "the case expects neither an endpoint nor an error";
  if (normalUrl(expectedUrl) !== normalUrl(resolved.url)) return `expected ${expectedUrl}, got ${resolved.url}`;
  const expectedHeaders = test.expect.endpoint?.headers as Record<string, readonly string[]> | undefined;
  for (const [name, values] of Object.entries(expectedHeaders ?? {})) {
    const got = resolved.headers[name.toLowerCase()];
    if (got !== values.join(",")) return `header ${name}: expected ${values.join(",")}, got ${got ?? "none"}`;
  }
  return undefined;
}

/** `https://h` and `https://h/` are the same endpoint: compare both through `new URL`. */
function normalUrl(url: string): string {
  try {
    return new URL(url).href;
  } catch {
    return url;
  }
}
