/**
 * The generated server side (what the emulator runs for any model) against the official restJson1 suite:
 * every `smithy.test#httpRequestTests` case that applies to servers is fed to `<Op>ServerSpec` as the
 * emulator would receive it, and the input read must equal the case's `params`. Needs the shared
 * references: set IOTMI_SHARED (e.g. `../shared`); skipped with a message otherwise.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { MemberIR, OperationIR, ServiceIR, ShapeIR } from "../../codegen/ir/types.js";
import { RequestDeserializationError, type ServerRequest } from "../../src/runtime/protocol/contract.js";
import { withoutOperations } from "../conformance/generate.js";
import { emitToMemory, irOf, serdeEmitters, writeGenerated } from "./serde-harness.js";

const shared = process.env["IOTMI_SHARED"];
const modelPath = shared === undefined ? undefined : join(shared, "protocol-tests", "restjson1.json");
const haveModel = modelPath !== undefined && existsSync(modelPath);
if (!haveModel) console.warn("server-protocol-suite.test: IOTMI_SHARED is not set (or has no protocol-tests/restjson1.json); skipping");

/** Cases the server side does not pass yet, each with the reason. */
const KNOWN_GAPS: Readonly<Record<string, string>> = {
  RestJsonOmitsEmptyListQueryValues: "an empty list leaves no trace in a query string; the case expects [] where nothing was sent",
  SDKAppliedContentEncoding_restJson1: "Content-Encoding is undone by the emulator before the deserializer runs (not in this test)",
  SDKAppendedGzipAfterProvidedEncoding_restJson1: "Content-Encoding is undone by the emulator before the deserializer runs (not in this test)",
};

type Json = Record<string, unknown>;

/** Drops operations reaching streaming shapes (blobs and event streams), which the generator rejects. */
function withoutStreaming(model: Json): Json {
  return withoutOperations(model, (_id, operation, shapes) => {
    const seen = new Set<string>();
    const stack = [operation["input"], operation["output"], ...((operation["errors"] ?? []) as unknown[])]
      .map((ref) => (ref as Json | undefined)?.["target"])
      .filter((t): t is string => typeof t === "string");
    while (stack.length > 0) {
      const id = stack.pop() as string;
      if (seen.has(id)) continue;
      seen.add(id);
      const shape = shapes[id];
      if (shape === undefined) continue;
      if ("smithy.api#streaming" in ((shape["traits"] ?? {}) as Json)) return "streaming";
      for (const m of Object.values((shape["members"] ?? {}) as Record<string, Json>)) stack.push(m["target"] as string);
      for (const key of ["member", "key", "value"]) {
        const target = (shape[key] as Json | undefined)?.["target"];
        if (typeof target === "string") stack.push(target);
      }
    }
    return undefined;
  }).model;
}

/** A test's `params` (plain JSON) as the TypeScript values the generated code works with. */
function toValue(value: unknown, shape: ShapeIR, member?: MemberIR): unknown {
  if (value === null || value === undefined) return value;
  switch (shape.kind) {
    case "timestamp":
      return new Date((value as number) * 1000);
    case "blob":
      return new TextEncoder().encode(value as string);
    case "float":
    case "double":
      return typeof value === "string" ? Number(value) : value;
    case "bigInteger":
      return BigInt(value as number);
    case "bigDecimal":
      return String(value);
    case "list":
      return (value as unknown[]).map((item) => toValue(item, shape.member.target, shape.member));
    case "map":
      return Object.fromEntries(Object.entries(value as Json).map(([k, v]) => [k, toValue(v, shape.value.target, shape.value)]));
    case "structure":
    case "union": {
      const out: Json = {};
      for (const m of shape.members) {
        const v = (value as Json)[m.name];
        if (v !== undefined && !(v === null && shape.kind === "structure")) out[m.name] = toValue(v, m.target, m);
      }
      return out;
    }
    default:
      void member;
      return value;
  }
}

function serverRequest(test: { method?: string; uri?: string; queryParams?: readonly string[]; headers?: Readonly<Record<string, string>>; body?: string }): ServerRequest {
  const query = new Map<string, string[]>();
  for (const pair of test.queryParams ?? []) {
    const eq = pair.indexOf("=");
    const key = decodeURIComponent(eq < 0 ? pair : pair.slice(0, eq));
    const value = eq < 0 ? "" : decodeURIComponent(pair.slice(eq + 1).replace(/\+/g, "%20"));
    query.set(key, [...(query.get(key) ?? []), value]);
  }
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(test.headers ?? {})) headers[name.toLowerCase()] = value;
  return { method: test.method ?? "GET", path: test.uri ?? "/", query, headers, body: new TextEncoder().encode(test.body ?? "") };
}

describe.skipIf(!haveModel)("server request deserialization against the restJson1 suite", () => {
  let ir: ServiceIR;
  let server: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- generated module

  beforeAll(async () => {
    const model = withoutStreaming(JSON.parse(readFileSync(modelPath as string, "utf8")) as Json);
    modelShapes = model["shapes"] as Record<string, Json>;
    ir = irOf(model);
    const dir = writeGenerated("b-server-suite", emitToMemory(ir, await serdeEmitters()));
    server = await import(`${dir}/server.ts`);
  }, 120_000);

  it("reads every server-side request case as its params", () => {
    const failures: string[] = [];
    let passed = 0;
    for (const op of ir.operations as readonly OperationIR[]) {
      const spec = server[`${op.name}ServerSpec`];
      for (const test of op.requestTests) {
        if (test.protocol !== "aws.protocols#restJson1" || test.appliesTo === "client") continue;
        try {
          const request = serverRequest(test);
          const labels = spec.matchPath(request.path);
          if (labels === undefined) throw new Error(`path ${request.path} does not match ${spec.uri}`);
          const input = spec.deserializeRequest(request, labels);
          expect(input).toEqual(toValue(test.params ?? {}, op.input));
          passed++;
        } catch (error) {
          if (!(test.id in KNOWN_GAPS)) failures.push(`${test.id}: ${(error as Error).message.split("\n").slice(0, 6).join(" ")}`);
        }
      }
    }
    console.info(`server request cases: ${passed} passed, ${failures.length} failed`);
    expect(failures).toEqual([]);
    expect(passed).toBeGreaterThan(100);
  });

  it("rejects every malformed request a 400 SerializationException answers", () => {
    const failures: string[] = [];
    let passed = 0;
    for (const op of ir.operations) {
      const spec = server[`${op.name}ServerSpec`];
      for (const test of malformedTests(modelShapes, op.id)) {
        // 415/406 cases are about Content-Type/Accept negotiation, which the emulator does before deserializing.
        if (test.response.code !== 400 || test.id in KNOWN_GAPS) continue;
        for (const [index, request] of expand(test).entries()) {
          const name = `${test.id}[${index}]`;
          try {
            const req = serverRequest(request);
            const labels = spec.matchPath(req.path);
            if (labels === undefined) throw new RequestDeserializationError("path does not match");
            spec.deserializeRequest(req, labels);
            failures.push(`${name}: accepted ${JSON.stringify(request.body ?? request.uri)}`);
          } catch (error) {
            if (error instanceof RequestDeserializationError) passed++;
            else failures.push(`${name}: threw ${(error as Error).name}: ${(error as Error).message}`);
          }
        }
      }
    }
    console.info(`malformed request cases: ${passed} rejected as they should be, ${failures.length} failed`);
    expect(failures).toEqual([]);
  });
});

interface MalformedTest {
  readonly id: string;
  readonly request: { method?: string; uri?: string; queryParams?: string[]; headers?: Record<string, string>; body?: string };
  readonly response: { code: number };
  readonly testParameters?: Record<string, string[]>;
}

let modelShapes: Record<string, Json> = {};

function malformedTests(shapes: Record<string, Json>, operationId: string): MalformedTest[] {
  const traits = (shapes[operationId]?.["traits"] ?? {}) as Json;
  return ((traits["smithy.test#httpMalformedRequestTests"] ?? []) as MalformedTest[]).filter(
    (t) => (t as unknown as { protocol: string }).protocol === "aws.protocols#restJson1",
  );
}

/** One request per parameter set: `$name:L` is replaced by the value as is, `$name:S` by it as a JSON string. */
function expand(test: MalformedTest): MalformedTest["request"][] {
  const params = test.testParameters;
  if (params === undefined) return [test.request];
  const count = Math.max(...Object.values(params).map((v) => v.length));
  const requests: MalformedTest["request"][] = [];
  for (let i = 0; i < count; i++) {
    const fill = (text: string): string =>
      text.replace(/\$(\w+):([LS])/g, (_all, name: string, kind: string) => {
        const value = params[name]?.[i] ?? "";
        return kind === "S" ? JSON.stringify(value) : value;
      });
    const r = test.request;
    requests.push({
      ...r,
      ...(r.uri === undefined ? {} : { uri: fill(r.uri) }),
      ...(r.body === undefined ? {} : { body: fill(r.body) }),
      ...(r.queryParams === undefined ? {} : { queryParams: r.queryParams.map(fill) }),
      ...(r.headers === undefined ? {} : { headers: Object.fromEntries(Object.entries(r.headers).map(([k, v]) => [k, fill(v)])) }),
    });
  }
  return requests;
}
