/**
 * Emits `commands/<Op>Command.ts` per operation: the input/output types of the command and a thin
 * `Command` subclass whose handler comes from the runtime, driven by the operation's generated spec.
 */
import { Scope, StructureKind, type StatementStructures } from "ts-morph";
import type { MemberIR, OperationIR, ServiceIR, ShapeIR, StructureShape } from "../ir/types.js";
import { clientFileName } from "./client.js";
import type { EmitContext } from "./context.js";
import { addStatements } from "./statements.js";
import { addImport, relativeModule } from "./imports.js";
import { baseExceptionName } from "./models.js";
import { escapeTsdoc, ownTsdoc, releaseTags, tsdoc } from "./tsdoc.js";

/** The file of an operation's command. @internal */
export function commandFileName(op: OperationIR): string {
  return `commands/${op.name}Command.ts`;
}

/** Module (file) that exports `<Op>Spec` (written by the operations emitter). @internal */
export const OPERATIONS_FILE = "operations.ts";

/**
 * The commands emitter.
 * @internal
 */
export function emitCommands(context: EmitContext): void {
  for (const op of context.ir.operations) emitCommand(context, op);
}

function emitCommand(context: EmitContext, op: OperationIR): void {
  const { ir } = context;
  const path = commandFileName(op);
  const file = context.createFile(path);
  const out: StatementStructures[] = [];
  const runtime = context.runtimeImport(path);
  const models = relativeModule(path, "models.ts");
  // The runtime's Command is all Client.send needs; smithy's carries schema-serde code we never use.
  addImport(file, runtime, "Command");
  addImport(file, runtime, "Handler", { type: true });
  addImport(file, runtime, "MetadataBearer", { type: true });
  addImport(file, runtime, "MiddlewareStack", { type: true });
  addImport(file, runtime, "HttpHandlerOptions", { type: true });
  addImport(file, runtime, "ResolvedClientConfig", { type: true });
  addImport(file, runtime, "resolveOperationHandler");
  if (streamingPayload(op)) addImport(file, runtime, "OperationSpec", { type: true });
  addImport(file, relativeModule(path, OPERATIONS_FILE), `${op.name}Spec`);
  addImport(file, relativeModule(path, clientFileName(ir)), "ServiceInputTypes", { type: true });
  addImport(file, relativeModule(path, clientFileName(ir)), "ServiceOutputTypes", { type: true });
  addImport(file, models, op.input.name, { type: true });
  addImport(file, models, op.output.name, { type: true });

  const input = `${op.name}CommandInput`;
  const output = `${op.name}CommandOutput`;
  const streaming = streamingPayload(op);
  out.push({ kind: StructureKind.Interface,
    name: input,
    isExported: true,
    // A streaming payload is buffered and sent as bytes; the command also takes text (sent as UTF-8).
    extends: [streaming ? `Omit<${op.input.name}, ${JSON.stringify(streaming.name)}>` : op.input.name],
    ...(streaming
      ? {
          properties: [
            {
              name: streaming.name,
              hasQuestionToken: !streaming.required,
              type: streaming.required ? "Uint8Array | string" : "Uint8Array | string | undefined",
              docs: ownTsdoc(
                `${streaming.documentation === undefined ? "" : `${escapeTsdoc(streaming.documentation)}\n\n`}The streaming payload, buffered: bytes, or text sent as UTF-8.`,
                [],
              ),
            },
          ],
        }
      : {}),
    docs: ownTsdoc(`The input of {@link ${op.name}Command}.`, [{ tagName: "public" }]),
  });
  out.push({ kind: StructureKind.Interface,
    name: output,
    isExported: true,
    extends: [op.output.name, "MetadataBearer"],
    docs: ownTsdoc(`The output of {@link ${op.name}Command}.`, [{ tagName: "public" }]),
  });
  out.push({ kind: StructureKind.Class,
    name: `${op.name}Command`,
    isExported: true,
    extends: `Command<${input}, ${output}, ResolvedClientConfig, ServiceInputTypes, ServiceOutputTypes>`,
    docs: ownTsdoc(commandDoc(ir, op), releaseTags(op.deprecated)),
    ctors: [
      {
        parameters: [{ name: "input", type: input, isReadonly: true, hasOverrideKeyword: true, scope: Scope.Public }],
        statements: ["super();"],
      },
    ],
    methods: [
      {
        name: "resolveMiddleware",
        hasOverrideKeyword: true,
        docs: tsdoc(undefined, [{ tagName: "internal" }]),
        parameters: [
          { name: "clientStack", type: "MiddlewareStack<ServiceInputTypes, ServiceOutputTypes>" },
          { name: "configuration", type: "ResolvedClientConfig" },
          { name: "options", type: "HttpHandlerOptions | undefined", hasQuestionToken: true },
        ],
        returnType: `Handler<${input}, ${output}>`,
        statements: [
          streaming
            ? // The serializer sends the payload through `blobBytes`, which takes text as well as bytes.
              `return resolveOperationHandler(${op.name}Spec as OperationSpec<${input}, ${op.output.name}>, this.middlewareStack, clientStack, configuration, options);`
            : `return resolveOperationHandler(${op.name}Spec, this.middlewareStack, clientStack, configuration, options);`,
        ],
      },
    ],
  });
  addStatements(file, out);
}

/** The input member bound to the payload when it targets a streaming blob. */
function streamingPayload(op: OperationIR): MemberIR | undefined {
  return op.input.members.find((m) => m.binding?.location === "payload" && m.target.kind === "blob" && m.target.streaming);
}

function commandDoc(ir: ServiceIR, op: OperationIR): string {
  const summary = op.documentation === undefined ? `Calls ${op.name} on ${escapeTsdoc(ir.sdkId)}.` : escapeTsdoc(op.documentation);
  const example = [
    "@example",
    "```ts",
    `const client = new ${ir.clientName}Client({ region: "us-east-1" });`,
    `const output = await client.send(new ${op.name}Command(${exampleValue(op.input, "")}));`,
    "```",
  ];
  // Each modelled error, then the base class every other service error is an instance of.
  const throws = [
    ...op.errors.map((error) => `@throws {@link ${error.name}} ${errorSummary(error)}`),
    `@throws {@link ${baseExceptionName(ir)}} any other error the service returns`,
  ];
  return [summary, "", `\`${op.http.method} ${op.http.uri.text}\``, "", ...example, "", ...throws].join("\n");
}

/** The first sentence of an error's documentation, else its fault and HTTP status. */
function errorSummary(error: StructureShape): string {
  const first = error.documentation === undefined ? undefined : /^[^.!?]*[.!?]?/.exec(error.documentation.replace(/\s+/g, " ").trim())?.[0];
  const status = error.error === undefined ? "" : `(${error.error.fault}, HTTP ${error.error.httpStatus})`;
  return first === undefined || first === "" ? status : `${escapeTsdoc(first)} ${status}`;
}

/** An example value of a shape with its required members only, as the SDK's documentation writes them. */
function exampleValue(shape: ShapeIR, indent: string, depth = 0): string {
  switch (shape.kind) {
    case "structure":
    case "union": {
      const members = shape.kind === "union" ? shape.members.slice(0, 1) : shape.members.filter((m) => m.required);
      if (members.length === 0 || depth > 3) return "{}";
      const inner = `${indent}  `;
      return `{\n${members.map((m) => `${inner}${m.name}: ${exampleValue(m.target, inner, depth + 1)},`).join("\n")}\n${indent}}`;
    }
    case "list":
      return `[${exampleValue(shape.member.target, indent, depth + 1)}]`;
    case "map":
      return `{ key: ${exampleValue(shape.value.target, indent, depth + 1)} }`;
    case "enum":
      return JSON.stringify(shape.values[0]?.value ?? "");
    case "intEnum":
      return String(shape.values[0]?.value ?? 0);
    case "boolean":
      return "true";
    case "timestamp":
      return "new Date()";
    case "blob":
      return "new Uint8Array()";
    case "document":
      return "{}";
    case "bigInteger":
      return "0n";
    case "string":
    case "bigDecimal":
      return '"STRING_VALUE"';
    default:
      return "0";
  }
}
