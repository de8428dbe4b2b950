/**
 * Resolves where a call goes with the service's endpoint rule set, which the generator compiled into a function
 * (`ServiceSpec.endpointRules`, see codegen/emit/endpoint-rules.ts). Results are cached per client by parameter
 * values, which rarely change.
 */
// From the small `transport` entry: importing `@smithy/core/endpoints` (a 33 KB CommonJS file) from an ES module
// makes Node lex it at start-up, which costs more than the function is worth.
import { isValidHostLabel } from "@smithy/core/transport";
import type { Logger } from "@smithy/types";
import type { EndpointParameters, SerializeContext, ServiceSpec } from "../protocol/contract.js";
import { ConfigurationError } from "./errors.js";

/** The endpoint a call goes to, plus signing overrides the rule set may attach (`authSchemes`). @internal */
export interface ResolvedEndpoint {
  readonly endpoint: SerializeContext["endpoint"];
  /** The full URL, for logs. */
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly signingRegion: string | undefined;
  readonly signingName: string | undefined;
}

/**
 * Where a client's last call went, with the setting values it came from: the next call, which almost always has
 * the same values, reuses it without building a cache key or evaluating anything.
 * @internal
 */
export interface CallTarget {
  readonly region: string | undefined;
  readonly useFips: boolean;
  readonly useDualstack: boolean;
  /** The custom endpoint object the endpoint provider returned (compared by identity). */
  readonly customEndpoint: object | undefined;
  readonly endpoint: ResolvedEndpoint;
  readonly signingRegion: string;
  /** `hostname[:port]`, the Host header and the host named in errors. */
  readonly host: string;
}

/** The parameters of one endpoint resolution. @internal */
export interface EndpointInputs {
  readonly region: string | undefined;
  readonly useFips: boolean;
  /** Passed as `UseDualStack` to rule sets that declare it. */
  readonly useDualstack?: boolean | undefined;
  /** The custom endpoint as a URL, if any. */
  readonly endpoint: string | undefined;
  /** Client-context and operation parameters (`clientContextParams`, `contextParam`, …); they win over built-ins. */
  readonly bound?: EndpointParameters | undefined;
}

/**
 * The rule-set parameter object for these inputs — what the compiled rule set (`ServiceSpec.endpointRules`)
 * takes: the built-ins (`Region`, `UseFIPS`, `UseDualStack`, `Endpoint`) and the bound parameters, which win;
 * unset values left out. A rule set reads the parameters it declares and ignores the others.
 * @internal
 */
export function endpointParameters(inputs: EndpointInputs): Record<string, string | boolean | readonly string[]> {
  const params: Record<string, string | boolean | readonly string[]> = { UseFIPS: inputs.useFips, UseDualStack: inputs.useDualstack === true };
  if (inputs.region !== undefined) params["Region"] = inputs.region;
  if (inputs.endpoint !== undefined) params["Endpoint"] = inputs.endpoint;
  if (inputs.bound !== undefined) {
    for (const name in inputs.bound) {
      const value = inputs.bound[name];
      if (value !== undefined) params[name] = value;
    }
  }
  return params;
}

/**
 * Resolves the endpoint for the given inputs; throws {@link ConfigurationError} with the rule set's own message
 * (e.g. `Invalid Configuration: Missing Region`) when the rules end in an error.
 * @internal
 */
export function resolveServiceEndpoint(
  service: ServiceSpec,
  inputs: EndpointInputs,
  cache: Map<string, ResolvedEndpoint>,
  logger: Logger | undefined,
): ResolvedEndpoint {
  const key = `${inputs.region ?? ""}\u0000${inputs.useFips}\u0000${inputs.useDualstack === true}\u0000${inputs.endpoint ?? ""}${inputs.bound === undefined ? "" : `\u0000${JSON.stringify(inputs.bound)}`}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  if (inputs.region !== undefined && !isValidHostLabel(inputs.region)) {
    // The region becomes part of a host name; refuse anything that could change which host that is.
    throw new ConfigurationError(`Region not accepted: ${JSON.stringify(inputs.region)} is not a valid host name label`);
  }
  const result = service.endpointRules(endpointParameters(inputs));
  let url: URL;
  try {
    url = new URL(result.url);
  } catch (error) {
    throw new ConfigurationError(`Endpoint URL not accepted: ${JSON.stringify(result.url)} is not a valid URL`, { cause: error });
  }
  const endpoint: { protocol: string; hostname: string; port?: number; path: string } = {
    protocol: url.protocol,
    hostname: url.hostname,
    path: url.pathname,
  };
  if (url.port !== "") endpoint.port = Number(url.port);
  const headers: Record<string, string> = {};
  for (const [name, values] of Object.entries(result.headers ?? {})) headers[name.toLowerCase()] = values.join(",");
  const scheme = sigv4Scheme(result.properties?.["authSchemes"]);
  const resolved: ResolvedEndpoint = {
    endpoint,
    // As the rule set spells it: no trailing slash for a bare host.
    url: url.pathname === "/" && url.search === "" ? url.href.slice(0, -1) : url.href,
    headers,
    signingRegion: scheme?.signingRegion,
    signingName: scheme?.signingName,
  };
  if (cache.size > 32) cache.clear();
  cache.set(key, resolved);
  return resolved;
}

function sigv4Scheme(value: unknown): { signingRegion?: string; signingName?: string } | undefined {
  if (!Array.isArray(value)) return undefined;
  for (const scheme of value as unknown[]) {
    if (typeof scheme !== "object" || scheme === null) continue;
    const s = scheme as Record<string, unknown>;
    if (s["name"] !== "sigv4") continue;
    const out: { signingRegion?: string; signingName?: string } = {};
    if (typeof s["signingRegion"] === "string") out.signingRegion = s["signingRegion"];
    if (typeof s["signingName"] === "string") out.signingName = s["signingName"];
    return out;
  }
  return undefined;
}

/** Rule-set parameters the runtime fills from the client's settings. */
const BUILT_INS: ReadonlySet<string> = new Set(["Region", "UseFIPS", "UseDualStack", "Endpoint"]);

/**
 * Evaluates a service's endpoint rule set for raw rule-set parameters (e.g. `{ Region, UseFIPS, Endpoint }`)
 * — what generated `smithy.rules#endpointTests` cases call. Throws {@link ConfigurationError} with the rule
 * set's own message when the rules end in an error.
 * @public
 */
export function evaluateEndpointRules(
  service: ServiceSpec,
  params: EndpointParameters,
): { readonly url: string; readonly headers: Readonly<Record<string, string>> } {
  const resolved = resolveServiceEndpoint(
    service,
    {
      region: typeof params["Region"] === "string" ? params["Region"] : undefined,
      useFips: params["UseFIPS"] === true,
      useDualstack: params["UseDualStack"] === true,
      endpoint: typeof params["Endpoint"] === "string" ? params["Endpoint"] : undefined,
      bound: Object.fromEntries(Object.entries(params).filter(([name]) => !BUILT_INS.has(name))),
    },
    new Map(),
    undefined,
  );
  return { url: resolved.url, headers: resolved.headers };
}
