/**
 * Emits `server.ts`: the emulator's side of each operation. `<Op>ServerSpec: ServerOperationSpec` matches the
 * path, reads the input from the request with type checks (labels, query, headers, JSON body; wrong types and
 * malformed JSON raise `RequestDeserializationError` with the member path), runs the same validator as the
 * client, and writes success and error responses. `serverOperations` lists every spec.
 */
import { VariableDeclarationKind } from "ts-morph";
import type { MemberIR, OperationIR, StructureShape } from "../ir/types.js";
import type { EmitContext } from "./context.js";
import { relativeModule } from "./imports.js";
import { bindMembers, headerName, headerPrefix, queryName } from "./serde/bindings.js";
import { constantName, GenFile, key, prop, str } from "./serde/gen-file.js";
import { readJson, readMembers, writeJson, writeMembers } from "./serde/json.js";
import { readHeader, readQuery, readText, writeHeader } from "./serde/text.js";
import { layoutBlock } from "./statements.js";
import { VALIDATORS_FILE, validatorName } from "./validators.js";

/** Output file of this emitter. @internal */
export const SERVER_FILE = "server.ts";

/** `CreateOtaTask` → `CreateOtaTaskServerSpec`. @internal */
export function serverSpecName(op: OperationIR): string {
  return `${op.name}ServerSpec`;
}

/**
 * The server serde emitter.
 * @internal
 */
export function emitServerSerde(context: EmitContext): void {
  const gen = new GenFile(context, SERVER_FILE, true);
  const validators = relativeModule(SERVER_FILE, VALIDATORS_FILE);
  const Spec = gen.rt("ServerOperationSpec", true);
  for (const op of context.ir.operations) {
    const input = gen.type(op.input);
    const output = gen.type(op.output);
    const validate = gen.pkg(validators, validatorName(op.input));
    const matcher = emitMatcher(gen, op);
    const reader = emitRequestReader(gen, op);
    const writer = emitResponseWriter(gen, op);
    const errorWriter = emitErrorWriter(gen, op);
    const token = op.input.members.find((m) => m.idempotencyToken);
    const errors = op.errors.map(
      (e) =>
        `${key(e.name)}: { name: ${str(e.name)}, httpStatus: ${e.error?.httpStatus ?? 400}, fault: ${str(e.error?.fault ?? "client")} },`,
    );
    gen.addVariable({
      declarationKind: VariableDeclarationKind.Const,
      isExported: true,
      docs: [`How the emulator serves \`${op.name}\` (\`${op.http.method} ${op.http.uri.text}\`).\n\n@internal`],
      declarations: [
        {
          name: serverSpecName(op),
          type: `${Spec}<${input}, ${output}>`,
          initializer: layoutBlock([
            "{",
            `name: ${str(op.name)},`,
            `method: ${str(op.http.method)},`,
            `uri: ${str(op.http.uri.text)},`,
            `successCode: ${op.http.code},`,
            ...(token ? [`idempotencyTokenMember: ${str(token.name)},`] : []),
            `matchPath: ${matcher},`,
            `deserializeRequest: ${reader},`,
            `validate: ${validate},`,
            `serializeResponse: ${writer},`,
            `errors: {${errors.length === 0 ? "" : `\n${errors.join("\n")}\n`}},`,
            `serializeError: ${errorWriter},`,
            "}",
          ]),
        },
      ],
    });
  }
  gen.addVariable({
    declarationKind: VariableDeclarationKind.Const,
    isExported: true,
    docs: [
      "Every operation the emulator can serve. Input and output types differ per operation, so the list is typed loosely; each entry's functions agree with each other.\n\n@internal",
    ],
    declarations: [
      {
        name: "serverOperations",
        // eslint-disable-next-line -- `any`: a heterogeneous list of specs (see the TSDoc).
        type: `readonly ${Spec}<any, any>[]`,
        initializer: `[${context.ir.operations.map(serverSpecName).join(", ")}]`,
      },
    ],
  });
  gen.flush();
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}

function emitMatcher(gen: GenFile, op: OperationIR): string {
  const labels: { name: string; group: number }[] = [];
  let source = "^";
  for (const segment of op.http.uri.segments) {
    if (segment.kind === "literal") source += `\\/${escapeRegExp(segment.value)}`;
    else {
      source += segment.greedy ? "\\/(.+)" : "\\/([^/]+)";
      labels.push({ name: segment.name, group: labels.length + 1 });
    }
  }
  if (op.http.uri.segments.length === 0) source += "\\/";
  source += "$";
  const pattern = gen.constant(`${constantName(op.name)}_PATH`, `/${source}/`);
  const name = `match${op.name}Path`;
  const statements =
    labels.length === 0
      ? [`return ${pattern}.test(path) ? {} : undefined;`]
      : [
          `const match = ${pattern}.exec(path);`,
          "if (match === null) return undefined;",
          "const labels: Record<string, string> = {};",
          ...labels.flatMap((l) => [
            "{",
            `const value = ${gen.rt("decodeLabel")}(match[${l.group}] as string);`,
            "if (value === undefined) return undefined;",
            `labels[${str(l.name)}] = value;`,
            "}",
          ]),
          "return labels;",
        ];
  return gen.helper(name, () => ({
    name,
    docs: [`Matches a request path against \`${op.http.uri.text}\`; returns the decoded labels.`],
    parameters: [{ name: "path", type: "string" }],
    returnType: "Record<string, string> | undefined",
    statements,
  }));
}

function emitRequestReader(gen: GenFile, op: OperationIR): string {
  const name = `deserialize${op.name}Request`;
  const input = op.input;
  const type = gen.type(input);
  const bound = bindMembers(input);
  const body: string[] = ["// Members are added only when present, so the object starts empty even if some are required.", `const input = {} as ${type};`];
  for (const m of bound.labels) {
    const label = `labels[${str(m.name)}]`;
    body.push(`if (${label} !== undefined) ${prop("input", m.name)} = ${readText(gen, label, m.target, m, "label", str(m.name))};`);
  }
  for (const m of bound.query) {
    body.push(
      "{",
      `const values = ${gen.rt("queryValues")}(request.query, ${str(queryName(m))});`,
      `if (values !== undefined) ${prop("input", m.name)} = ${readQuery(gen, "values", m.target, m, str(m.name))};`,
      "}",
    );
  }
  if (bound.queryParams) {
    const m = bound.queryParams;
    const map = m.target;
    if (map.kind === "map") {
      const valueShape = map.value.target;
      const read = readQuery(gen, "values", valueShape, map.value, `${gen.rt("keyPath")}(${str(m.name)}, key${m.sensitive || map.sensitive || map.key.sensitive ? ", true" : ""})`);
      body.push(
        "{",
        `const map: Record<string, ${gen.type(valueShape)}> = {};`,
        "let found = false;",
        "for (const [key, values] of request.query) {",
        // Servers put every parameter in the open map, those bound to other members included.
        "if (values.length === 0) continue;",
        `${gen.rt("setEntry")}(map, key, ${read});`,
        "found = true;",
        "}",
        `if (found) ${prop("input", m.name)} = map;`,
        "}",
      );
    }
  }
  for (const m of bound.headers) {
    const header = `request.headers[${str(headerName(m).toLowerCase())}]`;
    body.push(`if (${header} !== undefined) ${prop("input", m.name)} = ${readHeader(gen, header, m, str(m.name))};`);
  }
  for (const m of bound.prefixHeaders) {
    const prefix = headerPrefix(m).toLowerCase();
    body.push("{", `const map = ${gen.rt("prefixedHeaders")}(request.headers, ${str(prefix)});`, `if (map !== undefined) ${prop("input", m.name)} = map;`, "}");
  }
  if (bound.payload) body.push(...readPayload(gen, bound.payload, "request.body", "input"));
  else if (bound.body.length > 0) {
    body.push(
      // An empty body is an empty object; a JSON `null` (or any non-object) is malformed.
      `const parsed = ${gen.rt("readJsonText")}(${gen.rt("bodyText")}(request.body));`,
      `const data = ${gen.rt("readObject")}(parsed === undefined ? {} : parsed, "");`,
      ...readMembers(gen, bound.body, "data", "input", `""`),
    );
  }
  body.push("return input;");
  const statements = ["try {", ...body, "} catch (error) {", `throw ${gen.rt("toRequestError")}(error);`, "}"];
  return gen.helper(name, () => ({
    name,
    docs: [`Reads the \`${op.name}\` input from a request; throws \`RequestDeserializationError\` naming the member at fault.`],
    parameters: [
      { name: "request", type: gen.rt("ServerRequest", true) },
      { name: "labels", type: "Record<string, string>" },
    ],
    returnType: type,
    statements,
  }));
}

function readPayload(gen: GenFile, m: MemberIR, source: string, target: string): string[] {
  const t = m.target;
  switch (t.kind) {
    case "blob":
      return [`if (${source}.byteLength > 0) ${prop(target, m.name)} = ${source};`];
    case "string":
    case "enum":
      return ["{", `const text = ${gen.rt("bodyText")}(${source});`, `if (text !== "") ${prop(target, m.name)} = text${t.kind === "enum" ? ` as ${gen.type(t)}` : ""};`, "}"];
    default: {
      // Clients send `{}` for an absent structure payload, so an empty object reads as absent.
      const present = t.kind === "structure" ? "data != null && !(typeof data === \"object\" && Object.keys(data).length === 0)" : "data != null";
      return [
        "{",
        `const data = ${gen.rt("readJsonText")}(${gen.rt("bodyText")}(${source}));`,
        `if (${present}) ${prop(target, m.name)} = ${readJson(gen, "data", t, m, str(m.name), undefined)};`,
        "}",
      ];
    }
  }
}

function emitResponseWriter(gen: GenFile, op: OperationIR): string {
  const name = `serialize${op.name}Response`;
  const output = op.output;
  const bound = bindMembers(output);
  const statements = ["const headers: Record<string, string> = {};", `${bound.responseCode ? "let" : "const"} statusCode = ${op.http.code};`];
  for (const m of bound.prefixHeaders) {
    statements.push(
      `if (${prop("output", m.name)} != null) {`,
      `for (const [key, value] of Object.entries(${prop("output", m.name)})) {`,
      `if (value != null) headers[${str(headerPrefix(m).toLowerCase())} + key.toLowerCase()] = value;`,
      "}",
      "}",
    );
  }
  for (const m of bound.headers) {
    statements.push(`if (${prop("output", m.name)} != null) headers[${str(headerName(m).toLowerCase())}] = ${writeHeader(gen, prop("output", m.name), m)};`);
  }
  if (bound.responseCode) statements.push(`if (${prop("output", bound.responseCode.name)} != null) statusCode = ${prop("output", bound.responseCode.name)};`);
  let bodyExpr = `""`;
  if (bound.payload) {
    statements.push(`let body: string | Uint8Array = "";`, ...writeServerPayload(gen, bound.payload));
    bodyExpr = "body";
  } else if (bound.body.length > 0) {
    statements.push("const body: Record<string, unknown> = {};", ...writeMembers(gen, bound.body, "output", "body"), `headers["content-type"] = "application/json";`);
    bodyExpr = "JSON.stringify(body)";
  }
  statements.push(`return { statusCode, headers, body: ${bodyExpr} };`);
  return gen.helper(name, () => ({
    name,
    docs: [`Writes a successful \`${op.name}\` response.`],
    parameters: [{ name: "output", type: gen.type(output) }],
    returnType: gen.rt("ServerResponse", true),
    statements,
  }));
}

function writeServerPayload(gen: GenFile, m: MemberIR): string[] {
  const value = prop("output", m.name);
  const t = m.target;
  switch (t.kind) {
    case "blob":
      return [`if (${value} != null) {`, `body = ${gen.rt("blobBytes")}(${value});`, `headers["content-type"] ??= ${str(t.mediaType ?? "application/octet-stream")};`, "}"];
    case "string":
    case "enum":
      return [
        `if (${value} != null) {`,
        `body = ${value};`,
        `headers["content-type"] ??= ${str(t.kind === "string" ? (t.mediaType ?? "text/plain") : "text/plain")};`,
        "}",
      ];
    default:
      return [`if (${value} != null) {`, `body = JSON.stringify(${writeJson(gen, value, t, m)});`, `headers["content-type"] = "application/json";`, "}"];
  }
}

function emitErrorWriter(gen: GenFile, op: OperationIR): string {
  const name = `serialize${op.name}Error`;
  const ErrorSpec = gen.rt("ServerErrorSpec", true);
  const statements: string[] = [];
  if (op.errors.length > 0) {
    statements.push("switch (error.name) {");
    for (const e of op.errors) {
      statements.push(
        `case ${str(e.name)}:`,
        `  return ${gen.rt("jsonErrorResponse")}(error.httpStatus, error.name, message, members === undefined ? {} : ${errorBodyHelper(gen, e)}(members));`,
      );
    }
    statements.push("}");
  }
  statements.push(`return ${gen.rt("jsonErrorResponse")}(error.httpStatus, error.name, message, members ?? {});`);
  return gen.helper(name, () => ({
    name,
    docs: [`Writes an error response of \`${op.name}\`: modelled members in their JSON form after \`message\`.`],
    parameters: [
      { name: "error", type: ErrorSpec },
      { name: "message", type: "string" },
      { name: "members", type: "Record<string, unknown>", hasQuestionToken: true },
    ],
    returnType: gen.rt("ServerResponse", true),
    statements,
  }));
}

/** Writes the members of an error shape (given as a plain record) in their JSON form, model order. */
function errorBodyHelper(gen: GenFile, shape: StructureShape): string {
  const name = `se_${shape.name}Members`;
  return gen.helper(name, () => {
    const statements = ["const out: Record<string, unknown> = {};"];
    for (const m of shape.members) {
      if (m.name === "message") continue;
      const value = `members[${str(m.name)}]`;
      // The emulator passes members it built itself; a wrong type here is a bug in the caller.
      statements.push(`if (${value} != null) out[${str(m.jsonName)}] = ${writeJson(gen, `(${value} as ${gen.type(m.target)})`, m.target, m)};`);
    }
    statements.push("return out;");
    return {
      name,
      docs: [`Writes the members of error \`${shape.name}\` for an error body.`],
      parameters: [{ name: "members", type: "Record<string, unknown>" }],
      returnType: "Record<string, unknown>",
      statements,
    };
  });
}


