/**
 * Emits `<ClientName>Client.ts`: the bare, tree-shakable client (`client.send(command)`), built on
 * `@smithy/smithy-client`'s `Client` with the runtime's configuration resolver.
 */
import type { ServiceIR } from "../ir/types.js";
import { StructureKind, type StatementStructures } from "ts-morph";
import type { EmitContext } from "./context.js";
import { addStatements } from "./statements.js";
import { addImport, relativeModule } from "./imports.js";
import { commandFileName } from "./commands.js";
import { SERVICE_FILE } from "./service.js";
import { ownTsdoc, tsdoc } from "./tsdoc.js";

/** The client file of a service. @internal */
export function clientFileName(ir: ServiceIR): string {
  return `${ir.clientName}Client.ts`;
}

/**
 * The client emitter.
 * @internal
 */
export function emitClient(context: EmitContext): void {
  const { ir } = context;
  const path = clientFileName(ir);
  const file = context.createFile(path);
  const out: StatementStructures[] = [];
  const runtime = context.runtimeImport(path);
  addImport(file, runtime, "Client");
  addImport(file, runtime, "ClientConfig", { type: true });
  addImport(file, runtime, "HttpHandlerOptions", { type: true });
  addImport(file, runtime, "ResolvedClientConfig", { type: true });
  addImport(file, runtime, "resolveClientConfig");
  addImport(file, runtime, "installClientMiddleware");
  addImport(file, relativeModule(path, SERVICE_FILE), "SERVICE_SPEC");
  const inputs: string[] = [];
  const outputs: string[] = [];
  for (const op of ir.operations) {
    const module = relativeModule(path, commandFileName(op));
    addImport(file, module, `${op.name}CommandInput`, { type: true });
    addImport(file, module, `${op.name}CommandOutput`, { type: true });
    inputs.push(`${op.name}CommandInput`);
    outputs.push(`${op.name}CommandOutput`);
  }
  const union = (names: string[]): string => (names.length === 0 ? "never" : names.join(" | "));
  out.push({ kind: StructureKind.TypeAlias, name: "ServiceInputTypes", isExported: true, type: union(inputs), docs: ownTsdoc("Any command input of this client.", [{ tagName: "public" }]) });
  out.push({ kind: StructureKind.TypeAlias, name: "ServiceOutputTypes", isExported: true, type: union(outputs), docs: ownTsdoc("Any command output of this client.", [{ tagName: "public" }]) });
  const name = `${ir.clientName}Client`;
  out.push({ kind: StructureKind.TypeAlias,
    name: `${name}Config`,
    isExported: true,
    type: clientConfigType(ir),
    docs: ownTsdoc(`Configuration of {@link ${name}}.`, [{ tagName: "public" }]),
  });
  out.push({ kind: StructureKind.Class,
    name,
    isExported: true,
    extends: "Client<HttpHandlerOptions, ServiceInputTypes, ServiceOutputTypes, ResolvedClientConfig>",
    docs: tsdoc(
      `${ir.title ?? ir.sdkId} client (API version ${ir.apiVersion}). Send commands with \`client.send(new XCommand(input))\`; customise requests through \`client.middlewareStack\`.`.replace("XCommand", ir.operations[0] ? `${ir.operations[0].name}Command` : "SomeCommand"),
      [{ tagName: "public" }],
    ),
    ctors: [
      {
        parameters: [{ name: "...[config]", type: `[${name}Config] | []` }],
        statements: [
          "super(resolveClientConfig(config ?? {}, SERVICE_SPEC));",
          "// The SDK's client-level middleware, by name, for `identify()` and `addRelativeTo`.",
          "installClientMiddleware(this.middlewareStack, this.config);",
        ],
      },
    ],
  });
  addStatements(file, out);
}

/** `ClientConfig`, plus one option per `smithy.rules#clientContextParams` entry (as the SDK v3 names them). */
function clientConfigType(ir: ServiceIR): string {
  if (ir.clientContextParams.length === 0) return "ClientConfig";
  const types = { string: "string", boolean: "boolean", stringArray: "string[]" } as const;
  const members = ir.clientContextParams.map((p) => {
    const docs = `/** ${(p.documentation ?? `The endpoint rule-set parameter \`${p.name}\`.`).replace(/\*\//g, "*\\/")} */`;
    return `  ${docs}\n  ${p.option}?: ${types[p.type]} | undefined;`;
  });
  return `ClientConfig & {\n${members.join("\n")}\n}`;
}
