/**
 * Emits `protocol-tests.ts`: the Smithy protocol-compliance cases embedded in a model
 * (`smithy.test#httpRequestTests` / `httpResponseTests`) turned into data plus input/output builders that a
 * runner (test/conformance/) executes against the generated operation specs.
 *
 * Test `params` are plain JSON in the model (timestamps as epoch seconds, blobs as strings, `"NaN"` for
 * floats). They become typed TypeScript literals here, at generation time, by walking the IR shape each value
 * belongs to, so the runner never interprets the model. A case whose params do not fit the shapes is still
 * emitted, with an `emitError` the runner reports as a failure, so nothing is silently dropped.
 *
 * Only client-side cases (`appliesTo` absent or `client`) of the service's protocol are emitted.
 */
import { VariableDeclarationKind } from "ts-morph";
import type { EmitContext, Emitter } from "./context.js";
import type { EndpointTestCase, HttpMessageTest, OperationIR, ShapeIR, StructureShape } from "../ir/types.js";

/** The protocol trait id the tests must name for our protocol. @internal */
export const REST_JSON_PROTOCOL = "aws.protocols#restJson1";

/** Output file name, relative to the output folder. @internal */
export const PROTOCOL_TESTS_FILE = "protocol-tests.ts";

/**
 * Options of the emitter.
 * @internal
 */
export interface ProtocolTestsOptions {
  /** `httpResponseTests` declared on an error structure; default: the IR's `responseTests` of the error. */
  readonly errorTests?: (error: StructureShape) => readonly HttpMessageTest[];
  /** Module of the `<Op>Spec` exports, relative to the emitted file. */
  readonly operationsModule?: string;
  /** Module of `SERVICE_SPEC`, relative to the emitted file. */
  readonly serviceModule?: string;
}

/** True when a case is meant for clients of `aws.protocols#restJson1`. @internal */
export function isClientCase(test: HttpMessageTest): boolean {
  return test.protocol === REST_JSON_PROTOCOL && (test.appliesTo === undefined || test.appliesTo === "client");
}

/**
 * Builds the protocol-tests emitter.
 * @internal
 */
export function protocolTestsEmitter(options: ProtocolTestsOptions = {}): Emitter {
  return (context: EmitContext) => emitProtocolTests(context, options);
}

function defaultErrorTests(error: StructureShape): readonly HttpMessageTest[] {
  return error.responseTests ?? [];
}

function emitProtocolTests(context: EmitContext, options: ProtocolTestsOptions): void {
  const { ir } = context;
  const errorTests = options.errorTests ?? defaultErrorTests;
  const specs = new Set<string>();
  const requestEntries: string[] = [];
  const responseEntries: string[] = [];

  for (const op of ir.operations) {
    for (const test of op.requestTests.filter(isClientCase)) {
      specs.add(specName(op));
      requestEntries.push(requestEntry(op, test));
    }
    for (const test of op.responseTests.filter(isClientCase)) {
      specs.add(specName(op));
      responseEntries.push(responseEntry(op, op.output, undefined, test));
    }
  }
  // An error's cases run once, through the first operation (by name) that can return it.
  for (const error of ir.errorShapes) {
    const tests = errorTests(error).filter(isClientCase);
    if (tests.length === 0) continue;
    const op = ir.operations.find((o) => o.errors.some((e) => e.id === error.id));
    for (const test of tests) {
      if (op === undefined) {
        responseEntries.push(orphanEntry(test, error));
        continue;
      }
      specs.add(specName(op));
      responseEntries.push(responseEntry(op, error, error.name, test));
    }
  }

  const file = context.createFile(PROTOCOL_TESTS_FILE);
  if (specs.size > 0) {
    // Type-only: the builders are typed by the specs' inputs, but loading this module must not load the
    // operations, so a runner can report a missing or broken spec per test instead of failing the import.
    file.addImportDeclaration({
      isTypeOnly: true,
      moduleSpecifier: options.operationsModule ?? "./operations.js",
      namedImports: [...specs].sort(),
    });
  }
  file.addFunction({
    name: "utf8",
    docs: ["Blob values in test params are text; the client works on bytes."],
    parameters: [{ name: "text", type: "string" }],
    returnType: "Uint8Array",
    statements: "return new TextEncoder().encode(text);",
  });
  file.addVariableStatement({
    isExported: true,
    declarationKind: VariableDeclarationKind.Const,
    docs: ["Client `smithy.test#httpRequestTests` cases: build the input, serialize, compare the request. @internal"],
    declarations: [{ name: "requestTests", initializer: `[\n${requestEntries.join(",\n")}\n]` }],
  });
  file.addVariableStatement({
    isExported: true,
    declarationKind: VariableDeclarationKind.Const,
    docs: ["Client `smithy.test#httpResponseTests` cases of operations and errors. @internal"],
    declarations: [{ name: "responseTests", initializer: `[\n${responseEntries.join(",\n")}\n]` }],
  });
  file.addVariableStatement({
    isExported: true,
    declarationKind: VariableDeclarationKind.Const,
    docs: ["Where the generated client class is, for request cases sent through the whole client. @internal"],
    declarations: [{ name: "client", initializer: `{ module: ${str(`./${ir.clientName}Client.js`)}, className: ${str(`${ir.clientName}Client`)} }` }],
  });
  // Endpoint cases are data only: the runner evaluates them with the runtime's resolver and SERVICE_SPEC.
  const endpointEntries = ir.endpointTests.map((t, i) => endpointEntry(t, i));
  if (endpointEntries.length > 0) {
    file.addImportDeclaration({ moduleSpecifier: options.serviceModule ?? "./service.js", namedImports: ["SERVICE_SPEC"] });
  }
  file.addVariableStatement({
    isExported: true,
    declarationKind: VariableDeclarationKind.Const,
    docs: ["The service spec whose rule set the endpoint cases exercise. @internal"],
    declarations: [{ name: "serviceSpec", initializer: endpointEntries.length > 0 ? "SERVICE_SPEC" : "undefined" }],
  });
  file.addVariableStatement({
    isExported: true,
    declarationKind: VariableDeclarationKind.Const,
    docs: ["`smithy.rules#endpointTests` cases of the service. @internal"],
    declarations: [{ name: "endpointTests", initializer: `[\n${endpointEntries.join(",\n")}\n]` }],
  });
}

function specName(op: OperationIR): string {
  return `${op.name}Spec`;
}

/** Fields both kinds of case share, as `key: literal` lines. */
function commonFields(test: HttpMessageTest, operation: string | undefined): string[] {
  const fields = [`id: ${str(test.id)}`];
  if (operation !== undefined) fields.push(`operation: ${str(operation)}`);
  if (test.tags !== undefined && test.tags.length > 0) fields.push(`tags: ${json(test.tags)}`);
  return fields;
}

function requestEntry(op: OperationIR, test: HttpMessageTest): string {
  const fields = commonFields(test, op.name);
  fields.push(`specName: ${str(specName(op))}`, `commandName: ${str(`${op.name}Command`)}`);
  const converted = convertOrError(() => valueLiteral(test.params ?? {}, op.input, "params"));
  if (typeof converted === "string") {
    fields.push(`input: (): Parameters<typeof ${specName(op)}.serialize>[0] => (${converted})`);
  } else {
    fields.push(`emitError: ${str(converted.error)}`);
  }
  fields.push(`host: ${str(test.host ?? "example.com")}`);
  const expect: string[] = [];
  if (test.method !== undefined) expect.push(`method: ${str(test.method)}`);
  if (test.uri !== undefined) expect.push(`uri: ${str(test.uri)}`);
  if (test.resolvedHost !== undefined) expect.push(`resolvedHost: ${str(test.resolvedHost)}`);
  pushOptional(expect, "queryParams", test.queryParams);
  pushOptional(expect, "forbidQueryParams", test.forbidQueryParams);
  pushOptional(expect, "requireQueryParams", test.requireQueryParams);
  pushOptional(expect, "headers", test.headers);
  pushOptional(expect, "forbidHeaders", test.forbidHeaders);
  pushOptional(expect, "requireHeaders", test.requireHeaders);
  pushOptional(expect, "body", test.body);
  pushOptional(expect, "bodyMediaType", test.bodyMediaType);
  fields.push(`expect: { ${expect.join(", ")} }`);
  return `{ ${fields.join(",\n")} }`;
}

function responseEntry(op: OperationIR, shape: StructureShape, errorName: string | undefined, test: HttpMessageTest): string {
  const fields = commonFields(test, op.name);
  fields.push(`specName: ${str(specName(op))}`);
  if (errorName !== undefined) fields.push(`error: ${str(errorName)}`);
  fields.push(`members: ${json(shape.members.map((m) => m.name))}`);
  const response: string[] = [`code: ${test.code ?? 200}`];
  pushOptional(response, "headers", test.headers);
  pushOptional(response, "body", test.body);
  fields.push(`response: { ${response.join(", ")} }`);
  const converted = convertOrError(() => valueLiteral(test.params ?? {}, shape, "params"));
  if (typeof converted === "string") fields.push(`expected: (): Record<string, unknown> => (${converted})`);
  else fields.push(`emitError: ${str(converted.error)}`);
  pushOptional(fields, "bodyMediaType", test.bodyMediaType);
  return `{ ${fields.join(",\n")} }`;
}

function endpointEntry(test: EndpointTestCase, index: number): string {
  // Endpoint cases have no id in Smithy; number them and keep the documentation as the readable name.
  const id = `endpoint[${index}]${test.documentation !== undefined ? ` ${test.documentation}` : ""}`;
  return `{ id: ${str(id)}, params: ${json(test.params ?? {})}, expect: ${json(test.expect)} }`;
}

/** An error case no operation can produce: reported by the runner instead of being dropped. */
function orphanEntry(test: HttpMessageTest, error: StructureShape): string {
  const fields = commonFields(test, undefined);
  fields.push(`error: ${str(error.name)}`, `members: []`, `response: { code: ${test.code ?? 200} }`);
  fields.push(`emitError: ${str(`no operation of the service returns ${error.name}`)}`);
  return `{ ${fields.join(",\n")} }`;
}

function pushOptional(into: string[], key: string, value: unknown): void {
  if (value !== undefined) into.push(`${key}: ${json(value)}`);
}

/** Thrown while converting params that do not fit the model. */
class ParamsError extends Error {}

function convertOrError(convert: () => string): string | { error: string } {
  try {
    return convert();
  } catch (error) {
    if (error instanceof ParamsError) return { error: error.message };
    throw error;
  }
}

/**
 * A TypeScript expression for a JSON test value of the given shape.
 * @internal
 */
export function valueLiteral(value: unknown, shape: ShapeIR, path: string): string {
  if (value === null) return "null";
  switch (shape.kind) {
    case "structure":
    case "union": {
      const record = expectObject(value, path);
      const byName = new Map(shape.members.map((m) => [m.name, m]));
      const parts: string[] = [];
      for (const [key, item] of Object.entries(record)) {
        const m = byName.get(key);
        if (m === undefined) throw new ParamsError(`${path}.${key}: ${shape.name} has no member ${key}`);
        // A null member value means "not set" (null is a value only inside sparse lists and maps).
        if (item === null) continue;
        parts.push(`${propertyKey(key)}: ${valueLiteral(item, m.target, `${path}.${key}`)}`);
      }
      if (shape.kind === "union" && parts.length !== 1) {
        throw new ParamsError(`${path}: a ${shape.name} union value must set exactly one member, got ${parts.length}`);
      }
      return parts.length === 0 ? "{}" : `{ ${parts.join(", ")} }`;
    }
    case "list": {
      if (!Array.isArray(value)) throw new ParamsError(`${path}: expected a list`);
      return `[${value.map((item, i) => valueLiteral(item, shape.member.target, `${path}[${i}]`)).join(", ")}]`;
    }
    case "map": {
      const record = expectObject(value, path);
      const parts = Object.entries(record).map(
        ([key, item]) => `${str(key)}: ${valueLiteral(item, shape.value.target, `${path}[${str(key)}]`)}`,
      );
      return `{ ${parts.join(", ")} }`;
    }
    case "timestamp": {
      if (typeof value !== "number") throw new ParamsError(`${path}: expected epoch seconds, got ${JSON.stringify(value)}`);
      // Params carry epoch seconds (possibly fractional); Date works in whole milliseconds.
      return `new Date(${Math.round(value * 1000)})`;
    }
    case "blob": {
      if (typeof value !== "string") throw new ParamsError(`${path}: expected blob text, got ${JSON.stringify(value)}`);
      return `utf8(${str(value)})`;
    }
    case "float":
    case "double":
      if (value === "NaN") return "NaN";
      if (value === "Infinity") return "Infinity";
      if (value === "-Infinity") return "-Infinity";
      return numberLiteral(value, path);
    case "byte":
    case "short":
    case "integer":
    case "long":
    case "bigInteger":
    case "bigDecimal":
    case "intEnum":
      return numberLiteral(value, path);
    case "boolean":
      if (typeof value !== "boolean") throw new ParamsError(`${path}: expected a boolean`);
      return String(value);
    case "string":
    case "enum":
      if (typeof value !== "string") throw new ParamsError(`${path}: expected a string`);
      return str(value);
    case "document":
      return json(value);
    default: {
      const never: never = shape;
      throw new ParamsError(`${path}: unsupported shape ${(never as ShapeIR).kind}`);
    }
  }
}

function numberLiteral(value: unknown, path: string): string {
  if (typeof value !== "number") throw new ParamsError(`${path}: expected a number, got ${JSON.stringify(value)}`);
  return Object.is(value, -0) ? "-0" : String(value);
}

function expectObject(value: unknown, path: string): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new ParamsError(`${path}: expected an object`);
  return value as Record<string, unknown>;
}

function propertyKey(key: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key) ? key : str(key);
}

function str(text: string): string {
  return JSON.stringify(text);
}

function json(value: unknown): string {
  return JSON.stringify(value);
}
