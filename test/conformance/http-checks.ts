/**
 * Executes one emitted protocol test against the generated operation spec and says what, if anything, is
 * wrong: request tests serialize the input and compare the HTTP request with the expectation; response tests
 * feed a collected response to the deserializer and compare the output (or the thrown error).
 *
 * Semantics follow the Smithy protocol-test specification: extra headers and query parameters are allowed
 * unless forbidden; query parameters compare decoded (the request holds decoded values, the wire encoding is
 * the HTTP handler's job); JSON bodies compare as JSON values; other bodies byte for byte; no `body` in the
 * test means no assertion on the body.
 */
import { HttpResponse } from "@smithy/protocol-http";
import { bodyBytes, describe, firstDifference, jsonDifference, sameBytes, settle, text, utf8 } from "./compare.js";

/** The idempotency token the protocol tests expect a client to generate. @internal */
export const FIXED_IDEMPOTENCY_TOKEN = "00000000-0000-4000-8000-000000000000";

/** What the runner needs of a generated `<Op>Spec` (the contract's OperationSpec, loosely typed). @internal */
export interface SpecLike {
  readonly name?: string;
  readonly serialize: (input: never, context: never) => unknown;
  readonly deserialize: (response: never) => unknown;
}

/** Finds a generated spec by export name, or says why it cannot. @internal */
export type SpecLookup = (name: string) => SpecLike | string;

/** One request case as emitted by codegen/emit/protocol-tests.ts. @internal */
export interface RequestCase {
  readonly id: string;
  readonly operation: string;
  readonly tags?: readonly string[];
  /** Export name of the operation spec in the generated `operations.ts`. */
  readonly specName: string;
  /** Export name of the command class in the generated `commands/<name>.ts`. */
  readonly commandName?: string;
  readonly input?: () => object;
  readonly emitError?: string;
  readonly host: string;
  readonly expect: {
    readonly method?: string;
    readonly uri?: string;
    readonly resolvedHost?: string;
    readonly queryParams?: readonly string[];
    readonly forbidQueryParams?: readonly string[];
    readonly requireQueryParams?: readonly string[];
    readonly headers?: Readonly<Record<string, string>>;
    readonly forbidHeaders?: readonly string[];
    readonly requireHeaders?: readonly string[];
    readonly body?: string;
    readonly bodyMediaType?: string;
  };
}

/** One response case (operation output or error) as emitted. @internal */
export interface ResponseCase {
  readonly id: string;
  readonly operation?: string;
  readonly tags?: readonly string[];
  readonly specName?: string;
  /** Set for error cases: the shape (and class) name expected to be thrown. */
  readonly error?: string;
  /** Every member of the output or error structure, in model order. */
  readonly members: readonly string[];
  readonly response: { readonly code: number; readonly headers?: Readonly<Record<string, string>>; readonly body?: string };
  readonly expected?: () => Record<string, unknown>;
  readonly emitError?: string;
  readonly bodyMediaType?: string;
}

/** The parts of a serialized request the checks read (an `HttpRequest` from @smithy/protocol-http). @internal */
export interface RequestLike {
  method?: string;
  hostname?: string;
  path?: string;
  query?: Record<string, string | readonly (string | null)[] | null | undefined>;
  headers?: Record<string, string | undefined>;
  body?: unknown;
}

/** `example.com/custom` → hostname and base path of the endpoint the serializer receives. @internal */
export function endpointOf(host: string): { protocol: string; hostname: string; path: string } {
  const slash = host.indexOf("/");
  return slash === -1
    ? { protocol: "https:", hostname: host, path: "/" }
    : { protocol: "https:", hostname: host.slice(0, slash), path: host.slice(slash) };
}

/**
 * Produces the request a case's input leads to: through the operation spec alone, or through the whole
 * generated client. Returns the reason as a string when it cannot.
 * @internal
 */
export type RequestSender = (test: RequestCase, input: object) => Promise<RequestLike | string>;

/** Sends through `<Op>Spec.serialize` with the fixed idempotency token. @internal */
export function sendThroughSpec(specs: SpecLookup): RequestSender {
  return async (test, input) => {
    const spec = specs(test.specName);
    if (typeof spec === "string") return spec;
    const context = { endpoint: endpointOf(test.host), generateIdempotencyToken: () => FIXED_IDEMPOTENCY_TOKEN };
    const serialize = spec.serialize as (input: object, ctx: typeof context) => unknown;
    return (await serialize(input, context)) as RequestLike;
  };
}

/**
 * Runs one request case; returns the first problems found (joined), or undefined when it passes.
 * @internal
 */
export async function checkRequestCase(test: RequestCase, send: RequestSender): Promise<string | undefined> {
  if (test.emitError !== undefined) return `test could not be generated: ${test.emitError}`;
  if (test.input === undefined) return "test has no input builder";
  const sent = await send(test, test.input());
  if (typeof sent === "string") return sent;
  const request = sent;
  const problems: string[] = [];
  const e = test.expect;

  if (e.method !== undefined && request.method !== e.method) problems.push(`method: expected ${e.method}, got ${describe(request.method)}`);
  const [path, pathQuery] = splitPath(request.path ?? "");
  if (e.uri !== undefined && path !== e.uri) problems.push(`uri: expected ${JSON.stringify(e.uri)}, got ${JSON.stringify(path)}`);
  if (e.resolvedHost !== undefined && request.hostname !== e.resolvedHost) {
    problems.push(`host: expected ${e.resolvedHost}, got ${describe(request.hostname)}`);
  }
  problems.push(...checkQuery(actualQuery(request.query, pathQuery), e));
  problems.push(...checkHeaders(request.headers ?? {}, e));
  if (e.body !== undefined) {
    const problem = bodyProblem(await bodyBytes(request.body), e.body, e.bodyMediaType);
    if (problem !== undefined) problems.push(problem);
  }
  return problems.length === 0 ? undefined : problems.join("; ");
}

function splitPath(path: string): [string, string] {
  const q = path.indexOf("?");
  return q === -1 ? [path, ""] : [path.slice(0, q), path.slice(q + 1)];
}

/** Decodes one `key=value` query pair as written in a test or on the wire. */
function decodePair(pair: string): [string, string] {
  const eq = pair.indexOf("=");
  const key = eq === -1 ? pair : pair.slice(0, eq);
  const value = eq === -1 ? "" : pair.slice(eq + 1);
  return [safeDecode(key), safeDecode(value)];
}

function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

/** Every (key, value) the request carries, values decoded; a key without value has value "". */
function actualQuery(query: RequestLike["query"], pathQuery: string): [string, string][] {
  const pairs: [string, string][] = [];
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined) continue;
    if (value === null) pairs.push([key, ""]);
    else if (typeof value === "string") pairs.push([key, value]);
    else for (const v of value) pairs.push([key, v ?? ""]);
  }
  if (pathQuery !== "") for (const part of pathQuery.split("&")) if (part !== "") pairs.push(decodePair(part));
  return pairs;
}

function checkQuery(actual: [string, string][], e: RequestCase["expect"]): string[] {
  const problems: string[] = [];
  const remaining = actual.map(([k, v]) => `${k}=${v}`);
  for (const expected of e.queryParams ?? []) {
    const [k, v] = decodePair(expected);
    const i = remaining.indexOf(`${k}=${v}`);
    if (i === -1) problems.push(`query: missing ${expected}`);
    else remaining.splice(i, 1);
  }
  const keys = new Set(actual.map(([k]) => k));
  for (const forbidden of e.forbidQueryParams ?? []) if (keys.has(safeDecode(forbidden))) problems.push(`query: ${forbidden} is forbidden`);
  for (const required of e.requireQueryParams ?? []) if (!keys.has(safeDecode(required))) problems.push(`query: ${required} is required`);
  if (problems.length > 0) problems.push(`(query sent: ${actual.map(([k, v]) => `${k}=${v}`).join("&") || "none"})`);
  return problems;
}

function checkHeaders(headers: Record<string, string | undefined>, e: RequestCase["expect"]): string[] {
  const lower = new Map<string, string>();
  for (const [name, value] of Object.entries(headers)) if (value !== undefined) lower.set(name.toLowerCase(), String(value));
  const problems: string[] = [];
  for (const [name, value] of Object.entries(e.headers ?? {})) {
    const got = lower.get(name.toLowerCase());
    if (got !== value) problems.push(`header ${name}: expected ${JSON.stringify(value)}, got ${got === undefined ? "none" : JSON.stringify(got)}`);
  }
  for (const name of e.forbidHeaders ?? []) if (lower.has(name.toLowerCase())) problems.push(`header ${name} is forbidden`);
  for (const name of e.requireHeaders ?? []) if (!lower.has(name.toLowerCase())) problems.push(`header ${name} is required`);
  return problems;
}

function isJsonMediaType(mediaType: string | undefined): boolean {
  if (mediaType === undefined) return false;
  const base = mediaType.split(";")[0]!.trim().toLowerCase();
  return base === "application/json" || base.endsWith("+json");
}

function bodyProblem(actual: Uint8Array, expected: string, mediaType: string | undefined): string | undefined {
  if (isJsonMediaType(mediaType) && expected !== "") {
    if (actual.byteLength === 0) return `body: expected ${describe(expected)}, got empty`;
    return jsonDifference(text(actual), expected);
  }
  return sameBytes(actual, utf8(expected)) ? undefined : `body: expected ${describe(expected)}, got ${describe(text(actual))}`;
}

/**
 * Runs one response case; returns the problem, or undefined when it passes.
 * @internal
 */
export async function checkResponseCase(test: ResponseCase, specs: SpecLookup): Promise<string | undefined> {
  if (test.emitError !== undefined) return `test could not be generated: ${test.emitError}`;
  if (test.specName === undefined || test.expected === undefined) return "test has no operation spec or expected value";
  const spec = specs(test.specName);
  if (typeof spec === "string") return spec;
  // A Node HTTP handler delivers header names in lower case; the deserializer sees what the runtime would give it.
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(test.response.headers ?? {})) headers[name.toLowerCase()] = value;
  const response = new HttpResponse({ statusCode: test.response.code, headers, body: utf8(test.response.body ?? "") });
  const deserialize = spec.deserialize as (r: HttpResponse) => unknown;
  const expected = test.expected();

  let output: unknown;
  try {
    output = await deserialize(response);
  } catch (thrown) {
    if (test.error === undefined) return `threw ${errorName(thrown)}: ${errorMessage(thrown)}`;
    return compareError(thrown, test.error, test.members, expected);
  }
  if (test.error !== undefined) return `expected ${test.error} to be thrown, got output ${describe(output)}`;
  if (typeof output !== "object" || output === null) return `output is ${describe(output)}`;
  const settled = (await settle(output)) as Record<string, unknown>;
  for (const member of test.members) {
    const d = firstDifference(settled[member], expected[member], `output.${member}`);
    if (d !== undefined) return d;
  }
  return undefined;
}

async function compareError(thrown: unknown, name: string, members: readonly string[], expected: Record<string, unknown>): Promise<string | undefined> {
  const got = errorName(thrown);
  const className = typeof thrown === "object" && thrown !== null ? (thrown as object).constructor.name : typeof thrown;
  if (got !== name) return `expected error ${name}, got ${got} (${className}): ${errorMessage(thrown)}`;
  if (className !== name) return `error name is ${name} but its class is ${className}`;
  const settled = (await settle({ ...(thrown as Record<string, unknown>) })) as Record<string, unknown>;
  for (const member of members) {
    const d = firstDifference(settled[member] ?? (thrown as Record<string, unknown>)[member], expected[member], `error.${member}`);
    if (d !== undefined) return d;
  }
  return undefined;
}

function errorName(thrown: unknown): string {
  return typeof thrown === "object" && thrown !== null && typeof (thrown as { name?: unknown }).name === "string"
    ? (thrown as { name: string }).name
    : typeof thrown;
}

function errorMessage(thrown: unknown): string {
  return thrown instanceof Error ? thrown.message : String(thrown);
}
