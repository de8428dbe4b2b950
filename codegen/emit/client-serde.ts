/**
 * Emits `serde.ts`: the restJson1 client serializers (`serialize<Op>Request`), deserializers
 * (`deserialize<Op>Response`, throwing modelled errors or the service base exception) and the `redact<Shape>`
 * helpers that make inputs and outputs safe to log. All code is straight-line: the model is interpreted here,
 * at generation time, never per call.
 */
import type { MemberIR, OperationIR, ShapeIR, StructureShape } from "../ir/types.js";
import type { EmitContext } from "./context.js";
import { relativeModule } from "./imports.js";
import { baseExceptionName } from "./models.js";
import { MODELS_FILE } from "./ts-types.js";
import { bindMembers, containsSensitive, headerName, headerPrefix, queryName } from "./serde/bindings.js";
import { GenFile, prop, str } from "./serde/gen-file.js";
import { readJson, readMembers, writeJson, writeMembers } from "./serde/json.js";
import { readHeader, writeHeader, writeQuery, writeText } from "./serde/text.js";
import { inlineLiteral } from "./literal.js";

/** Output file of this emitter. @internal */
export const SERDE_FILE = "serde.ts";

/** Properties of `ServiceException` a modelled error member cannot set. */
const EXCEPTION_RESERVED: ReadonlySet<string> = new Set(["name", "stack", "cause", "$fault", "$metadata", "$retryable", "$response"]);

/** @internal */
export function serializerName(op: OperationIR): string {
  return `serialize${op.name}Request`;
}
/** @internal */
export function deserializerName(op: OperationIR): string {
  return `deserialize${op.name}Response`;
}
/** @internal */
export function redactorName(shape: ShapeIR): string {
  return `redact${shape.name}`;
}

/**
 * The client serde emitter.
 * @internal
 */
export function emitClientSerde(context: EmitContext): void {
  const gen = new GenFile(context, SERDE_FILE);
  for (const op of context.ir.operations) {
    emitSerializer(gen, op);
    emitDeserializer(gen, op);
  }
  const redacted = new Set<string>();
  for (const op of context.ir.operations) {
    for (const shape of [op.input, op.output]) {
      if (redacted.has(shape.name)) continue;
      redacted.add(shape.name);
      emitRedactor(gen, shape);
    }
  }
  gen.flush();
}

function emitSerializer(gen: GenFile, op: OperationIR): void {
  const input = op.input;
  const bound = bindMembers(input);
  const statements: string[] = [];
  const tokens = input.members.filter((m) => m.idempotencyToken);
  for (const m of tokens) {
    statements.push(
      `if (${prop("input", m.name)} == null) input = Object.assign({}, input, { ${m.name}: context.generateIdempotencyToken() });`,
    );
  }
  statements.push("const headers: Record<string, string> = {};");
  const hasQuery = bound.queryParams !== undefined || bound.query.length > 0 || op.http.uri.queryLiterals.length > 0;
  if (hasQuery) statements.push("const query: Record<string, string | string[] | null> = {};");

  // Path: literal segments as written in the model, labels percent-encoded.
  const parts: string[] = [];
  for (const segment of op.http.uri.segments) {
    if (segment.kind === "literal") {
      parts.push(str(`/${segment.value}`));
      continue;
    }
    const member = bound.labels.find((m) => m.name === segment.name);
    if (!member) throw new Error(`${op.id}: no member for label ${segment.name}`);
    const value = `${gen.rt("requireLabel")}(${prop("input", member.name)}, ${str(member.name)})`;
    const text = writeText(gen, value, member.target, member, "label");
    parts.push(`"/" + ${gen.rt("encodeLabel")}(${text}, ${segment.greedy})`);
  }
  const pathExpr = parts.length === 0 ? str("/") : parts.join(" + ").replace(/" \+ "/g, "");
  statements.push(`const path = ${pathExpr};`);

  // Query: the open map first, so literals and bound members win over it.
  if (bound.queryParams) {
    const m = bound.queryParams;
    const target = m.target;
    if (target.kind !== "map") throw new Error(`${op.id}: @httpQueryParams must target a map`);
    statements.push(
      `if (${prop("input", m.name)} != null) {`,
      `for (const [key, value] of Object.entries(${prop("input", m.name)})) {`,
      `if (value != null) query[key] = ${writeQuery(gen, "value", target.value.target, target.value)};`,
      "}",
      "}",
    );
  }
  for (const literal of op.http.uri.queryLiterals) {
    statements.push(`query[${str(literal.name)}] = ${literal.value === "" ? "null" : str(literal.value)};`);
  }
  for (const m of bound.query) {
    statements.push(`if (${prop("input", m.name)} != null) query[${str(queryName(m))}] = ${writeQuery(gen, prop("input", m.name), m.target, m)};`);
  }

  // Headers: prefix maps first, so a specific header bound to the same name wins.
  for (const m of bound.prefixHeaders) {
    statements.push(
      `if (${prop("input", m.name)} != null) {`,
      `for (const [key, value] of Object.entries(${prop("input", m.name)})) {`,
      `if (value != null) headers[${str(headerPrefix(m))} + key] = value;`,
      "}",
      "}",
    );
  }
  for (const m of bound.headers) {
    statements.push(`if (${prop("input", m.name)} != null) headers[${str(headerName(m))}] = ${writeHeader(gen, prop("input", m.name), m)};`);
  }

  // Body: a payload member, or a JSON object of the unbound members.
  const contentType = contentTypeHeader(bound.headers);
  let bodyExpr: string | undefined;
  if (bound.payload) {
    statements.push("let body: string | Uint8Array | undefined;");
    statements.push(...writePayload(gen, bound.payload, contentType));
    statements.push(`if (body !== undefined) headers["content-length"] = String(${gen.rt("byteLength")}(body));`);
    bodyExpr = "body";
  } else if (bound.body.length > 0) {
    statements.push("const members: Record<string, unknown> = {};");
    statements.push(...writeMembers(gen, bound.body, "input", "members"));
    statements.push("const body = JSON.stringify(members);");
    statements.push(`headers[${str(contentType)}] ${contentType === "content-type" ? "=" : "??="} "application/json";`);
    statements.push(`headers["content-length"] = String(${gen.rt("byteLength")}(body));`);
    bodyExpr = "body";
  }

  let hostExpr = "context.endpoint.hostname";
  if (op.hostPrefix !== undefined) {
    // `{Label}.data.` → label + ".data.", host labels coming from input members; the runtime adds the host.
    const pieces = op.hostPrefix.split(/(\{[^}]+\})/).filter((piece) => piece !== "");
    const parts = pieces.map((piece) => {
      const label = /^\{([^}]+)\}$/.exec(piece)?.[1];
      return label === undefined ? str(piece) : `${gen.rt("requireLabel")}(${prop("input", label)}, ${str(label)})`;
    });
    hostExpr = `${gen.rt("prefixedHost")}(${parts.join(" + ")}, context)`;
  }

  const HttpRequest = gen.rt("HttpRequest");
  statements.push(
    `return new ${HttpRequest}({`,
    "protocol: context.endpoint.protocol,",
    `hostname: ${hostExpr},`,
    "...(context.endpoint.port === undefined ? {} : { port: context.endpoint.port }),",
    `method: ${str(op.http.method)},`,
    `path: ${gen.rt("joinPath")}(context.endpoint.path, path),`,
    ...(hasQuery ? ["query,"] : []),
    "headers,",
    ...(bodyExpr === undefined ? [] : [bodyExpr === "body" ? "body," : `body: ${bodyExpr},`]),
    "});",
  );

  gen.addFunction({
    name: serializerName(op),
    isExported: true,
    docs: [`Builds the HTTP request of \`${op.name}\` (\`${op.http.method} ${op.http.uri.text}\`).\n\n@internal`],
    parameters: [
      { name: "input", type: gen.type(input) },
      { name: "context", type: gen.rt("SerializeContext", true) },
    ],
    returnType: HttpRequest,
    statements,
  });
}

/** The name under which the request's content type is set: a member bound to it, else `content-type`. */
function contentTypeHeader(headers: readonly MemberIR[]): string {
  return headers.map(headerName).find((name) => name.toLowerCase() === "content-type") ?? "content-type";
}

function writePayload(gen: GenFile, m: MemberIR, contentType: string): string[] {
  const value = prop("input", m.name);
  const target = m.target;
  const header = `headers[${str(contentType)}]`;
  // A member bound to Content-Type wins over the protocol's default.
  const json = `${header} ${contentType === "content-type" ? "=" : "??="} "application/json";`;
  // As the SDK v3: the payload's content type is sent also when the payload is absent, and an absent structure
  // or document payload is an empty JSON object; an unset union (no member chosen) and an absent text or blob
  // payload send no body.
  switch (target.kind) {
    case "structure":
    case "document":
      return [`body = JSON.stringify(${value} == null ? {} : ${writeJson(gen, value, target, m)});`, json];
    case "union":
      return [`if (${value} != null) body = JSON.stringify(${writeJson(gen, value, target, m)});`, json];
    case "blob":
      // A content type bound to a member wins over the blob's media type.
      return [`${header} ??= ${str(target.mediaType ?? "application/octet-stream")};`, `if (${value} != null) body = ${gen.rt("blobBytes")}(${value});`];
    case "string":
    case "enum":
      return [
        `${header} ??= ${str(target.kind === "string" ? (target.mediaType ?? "text/plain") : "text/plain")};`,
        `if (${value} != null) body = ${value};`,
      ];
    default:
      throw new Error(`${m.target.id}: a ${target.kind} cannot be an HTTP payload`);
  }
}

function emitDeserializer(gen: GenFile, op: OperationIR): void {
  const output = op.output;
  const type = gen.type(output);
  const errorFn = emitErrorDispatcher(gen, op);
  const statements = [
    `const headers = ${gen.rt("lowerCaseHeaders")}(response.headers);`,
    `if (response.statusCode < 200 || response.statusCode >= 300) throw ${errorFn}(response, headers);`,
    "// Members are added only when present, so the object starts empty even if some are required.",
    `const output = {} as ${type};`,
    ...readBindings(gen, output, "output"),
    "return output;",
  ];
  gen.addFunction({
    name: deserializerName(op),
    isExported: true,
    docs: [`Reads the output of \`${op.name}\` from a 2xx response; throws the service's exception otherwise.\n\n@internal`],
    parameters: [{ name: "response", type: gen.rt("CollectedResponse", true) }],
    returnType: type,
    statements,
  });
}

/** Statements reading headers, status, payload and body members of `shape` into `target`. */
function readBindings(gen: GenFile, shape: StructureShape, target: string): string[] {
  const bound = bindMembers(shape);
  const statements: string[] = [];
  for (const m of bound.headers) {
    const header = `headers[${str(headerName(m).toLowerCase())}]`;
    statements.push(`if (${header} !== undefined) ${prop(target, m.name)} = ${readHeader(gen, header, m, str(m.name))};`);
  }
  for (const m of bound.prefixHeaders) {
    // With an empty prefix the map collects every header, those bound to other members included.
    const prefix = headerPrefix(m).toLowerCase();
    statements.push(`{`, `const map = ${gen.rt("prefixedHeaders")}(headers, ${str(prefix)});`, `if (map !== undefined) ${prop(target, m.name)} = map;`, `}`);
  }
  if (bound.responseCode) statements.push(`${prop(target, bound.responseCode.name)} = response.statusCode;`);
  if (bound.payload) {
    const m = bound.payload;
    const t = m.target;
    switch (t.kind) {
      case "blob":
        statements.push(`if (response.body.byteLength > 0) ${prop(target, m.name)} = response.body;`);
        break;
      case "string":
      case "enum":
        statements.push(
          "{",
          `const text = ${gen.rt("bodyText")}(response.body);`,
          `if (text !== "") ${prop(target, m.name)} = text${t.kind === "enum" ? ` as ${gen.type(t)}` : ""};`,
          "}",
        );
        break;
      default:
        statements.push(
          "{",
          `const data = ${gen.rt("readJsonText")}(${gen.rt("bodyText")}(response.body));`,
          `if (data != null) ${prop(target, m.name)} = ${readJson(gen, "data", t, m, str(m.name), undefined)};`,
          "}",
        );
    }
  } else if (bound.body.length > 0) {
    statements.push(
      `const data = ${gen.rt("readObject")}(${gen.rt("readJsonText")}(${gen.rt("bodyText")}(response.body)) ?? {}, "");`,
      ...readMembers(gen, bound.body, "data", target, `""`),
    );
  }
  return statements;
}

function emitErrorDispatcher(gen: GenFile, op: OperationIR): string {
  const name = `deserialize${op.name}Error`;
  const base = baseExceptionName(gen.context.ir);
  gen.pkg(modelsModule(), base);
  return gen.helper(name, () => {
    const statements = [
      `const body = ${gen.rt("parseErrorBody")}(${gen.rt("bodyText")}(response.body));`,
      `const code = ${gen.rt("errorCode")}(headers, body);`,
      `const $metadata = ${gen.rt("responseMetadata")}(response.statusCode, headers);`,
    ];
    if (op.errors.length > 0) {
      statements.push("switch (code) {");
      for (const error of op.errors) {
        const args = errorReadsHeaders(error) ? "response, headers, body, $metadata" : "response, body, $metadata";
        statements.push(`case ${str(error.name)}:`, `  return ${errorHelper(gen, error)}(${args});`);
      }
      statements.push("}");
    }
    statements.push(
      "// A code the model does not know (or none at all) still becomes a service exception.",
      `return ${gen.rt("unmodelledError")}(${base}, code, response, body, $metadata);`,
    );
    return {
      name,
      docs: [`Turns an error response of \`${op.name}\` into its exception.`],
      parameters: [
        { name: "response", type: gen.rt("CollectedResponse", true) },
        { name: "headers", type: "Record<string, string>" },
      ],
      returnType: base,
      statements,
    };
  });
}

function modelsModule(): string {
  return relativeModule(SERDE_FILE, MODELS_FILE);
}

function errorHelper(gen: GenFile, error: StructureShape): string {
  const name = `deserializeError${error.name}`;
  return gen.helper(name, () => {
    const cls = gen.pkg(modelsModule(), error.name);
    const members = error.members.filter((m) => !EXCEPTION_RESERVED.has(m.name));
    const readable: StructureShape = { ...error, members };
    const known = members.filter((m) => (m.binding?.location ?? "body") === "body").map((m) => m.jsonName);
    const reads = readErrorBindings(gen, readable);
    // The runtime keeps what `opts` received when a member turns out malformed.
    const args = `${cls}, response, body, $metadata, ${inlineLiteral(known)}`;
    const shared = bodyOnly(readable) ? sharedErrorReader(gen, readable, reads) : undefined;
    const statements =
      reads.length === 0
        ? [`return ${gen.rt("modelledError")}(${args});`]
        : shared !== undefined
          ? [`return ${gen.rt("modelledError")}(${args}, ${shared});`]
          : [`return ${gen.rt("modelledError")}(${args}, (opts) => {`, ...reads, "});"];
    return {
      name,
      docs: [`Builds error \`${error.name}\` from its response.`],
      parameters: [
        { name: "response", type: gen.rt("CollectedResponse", true) },
        ...(errorReadsHeaders(error) ? [{ name: "headers", type: "Record<string, string>" }] : []),
        { name: "body", type: "unknown" },
        { name: "$metadata", type: gen.rt("ResponseMetadata", true) },
      ],
      returnType: cls,
      statements,
    };
  });
}

/** True when the error has members bound to headers (only then does its reader take them). */
function errorReadsHeaders(error: StructureShape): boolean {
  const bound = bindMembers({ ...error, members: error.members.filter((m) => !EXCEPTION_RESERVED.has(m.name)) });
  return bound.headers.length > 0 || bound.prefixHeaders.length > 0;
}

/** True when every member of the error is read from the JSON body (no header, status or payload binding). */
function bodyOnly(shape: StructureShape): boolean {
  const bound = bindMembers(shape);
  return bound.headers.length === 0 && bound.prefixHeaders.length === 0 && !bound.responseCode && !bound.payload;
}

/** Shared readers by file, keyed by their statements: errors with the same body members share one. */
const SHARED_READERS = new WeakMap<GenFile, Map<string, string>>();

/**
 * The name of a helper reading an error's body members into its options, shared by every error whose members
 * read the same way (most services' errors carry just `Message`).
 */
function sharedErrorReader(gen: GenFile, shape: StructureShape, reads: readonly string[]): string {
  let byKey = SHARED_READERS.get(gen);
  if (byKey === undefined) SHARED_READERS.set(gen, (byKey = new Map()));
  const key = reads.join("\n");
  const existing = byKey.get(key);
  if (existing !== undefined) return existing;
  const base = `readError${shape.members.map((m) => m.name.charAt(0).toUpperCase() + m.name.slice(1)).join("")}`;
  const taken = new Set(byKey.values());
  let name = base;
  for (let i = 2; taken.has(name); i++) name = `${base}${i}`;
  byKey.set(key, name);
  const fields = shape.members.map((m) => `${m.name}?: ${gen.type(m.target)} | undefined;`).join(" ");
  gen.helper(name, () => ({
    name,
    docs: [`Reads the body members of errors with ${shape.members.map((m) => `\`${m.name}\``).join(", ")} (first: \`${shape.name}\`).`],
    parameters: [
      { name: "opts", type: `{ ${fields} }` },
      { name: "body", type: "unknown" },
    ],
    returnType: "void",
    statements: [...reads],
  }));
  return name;
}

/** Error members: headers and JSON body members (a body that is not JSON gives none). */
function readErrorBindings(gen: GenFile, shape: StructureShape): string[] {
  const bound = bindMembers(shape);
  const statements: string[] = [];
  for (const m of bound.headers) {
    const header = `headers[${str(headerName(m).toLowerCase())}]`;
    statements.push(`if (${header} !== undefined) ${prop("opts", m.name)} = ${readHeader(gen, header, m, str(m.name))};`);
  }
  if (bound.responseCode) statements.push(`${prop("opts", bound.responseCode.name)} = response.statusCode;`);
  const payload = bound.payload;
  if (payload && (payload.target.kind === "structure" || payload.target.kind === "union" || payload.target.kind === "document")) {
    // A JSON payload member is the whole (parsed) body.
    statements.push(`if (body != null) ${prop("opts", payload.name)} = ${readJson(gen, "body", payload.target, payload, str(payload.name), undefined)};`);
  } else if (payload) {
    const text = `${gen.rt("bodyText")}(response.body)`;
    statements.push(
      payload.target.kind === "blob"
        ? `if (response.body.byteLength > 0) ${prop("opts", payload.name)} = response.body;`
        : `if (${text} !== "") ${prop("opts", payload.name)} = ${text}${payload.target.kind === "enum" ? ` as ${gen.type(payload.target)}` : ""};`,
    );
  }
  if (bound.body.length > 0) {
    statements.push(`const data = ${gen.rt("asObject")}(body);`, ...readMembers(gen, bound.body, "data", "opts", `""`));
  }
  return statements;
}

function emitRedactor(gen: GenFile, shape: StructureShape): void {
  const name = redactorName(shape);
  const statements = containsSensitive(shape) ? redactStatements(gen, shape) : ["return { ...input };"];
  gen.addFunction({
    name,
    isExported: true,
    docs: [`A copy of \`${shape.name}\` safe to log: sensitive members replaced by \`***SensitiveInformation***\`.\n\n@internal`],
    parameters: [{ name: "input", type: gen.type(shape) }],
    returnType: "Record<string, unknown>",
    statements,
  });
}

function redactStatements(gen: GenFile, shape: StructureShape | (ShapeIR & { kind: "union" })): string[] {
  const statements = ["const out: Record<string, unknown> = { ...input };"];
  for (const m of shape.members) {
    const value = prop("input", m.name);
    if (m.sensitive) statements.push(`if (${value} !== undefined) out[${str(m.name)}] = ${gen.rt("SENSITIVE_STRING")};`);
    else if (containsSensitive(m.target)) statements.push(`if (${value} != null) out[${str(m.name)}] = ${redactValue(gen, value, m.target)};`);
  }
  statements.push("return out;");
  return statements;
}

/** An expression redacting a present value of a shape that contains sensitive members. */
function redactValue(gen: GenFile, expr: string, shape: ShapeIR): string {
  const name = `redactNested${shape.name}`;
  gen.helper(name, () => {
    const type = gen.type(shape);
    let statements: string[];
    switch (shape.kind) {
      case "structure":
      case "union":
        statements = redactStatements(gen, shape);
        break;
      case "list":
        statements = shape.member.sensitive
          ? [`return input.map(() => ${gen.rt("SENSITIVE_STRING")});`]
          : [`return input.map((item) => (item == null ? item : ${redactValue(gen, "item", shape.member.target)}));`];
        break;
      case "map":
        statements = [
          "const out: Record<string, unknown> = {};",
          "for (const [key, value] of Object.entries(input)) {",
          shape.value.sensitive
            ? `${gen.rt("setEntry")}(out, key, ${gen.rt("SENSITIVE_STRING")});`
            : `${gen.rt("setEntry")}(out, key, value == null ? value : ${redactValue(gen, "value", shape.value.target)});`,
          "}",
          "return out;",
        ];
        break;
      default:
        statements = [`return ${gen.rt("SENSITIVE_STRING")};`];
    }
    return {
      name,
      docs: [`A copy of \`${shape.name}\` with its sensitive parts replaced.`],
      parameters: [{ name: "input", type }],
      returnType: "unknown",
      statements,
    };
  });
  return `${name}(${expr})`;
}

