/**
 * Emits `<ClientName>.ts`: the aggregated client with one method per operation (promise and callback
 * forms, as in the AWS SDK v3). Methods are written out, not attached at run time, so the class is plain,
 * typed code.
 */
import { StructureKind, type StatementStructures } from "ts-morph";
import type { EmitContext } from "./context.js";
import { addStatements } from "./statements.js";
import { clientFileName } from "./client.js";
import { commandFileName } from "./commands.js";
import { addImport, relativeModule } from "./imports.js";
import { lowerFirst } from "./ts-types.js";
import { escapeTsdoc, ownTsdoc, releaseTags, tsdoc } from "./tsdoc.js";

/**
 * Top-level files every generation may write under a fixed name (lower case). Generation fails when two
 * output paths differ only by case, so a name missing here is caught, not overwritten.
 */
const FIXED_FILE_STEMS = new Set(["client-side", "descriptor", "index", "models", "operations", "protocol-tests", "schemas", "serde", "server", "service", "validators", "waiters"]);

/**
 * `<ClientName>.ts`, or `_<ClientName>.ts` when that would differ only by case from a fixed file (an sdkId such
 * as "Schemas" next to `schemas.ts`), so case-insensitive file systems keep both.
 * @internal
 */
export function aggregatedClientFileName(ir: { readonly clientName: string }): string {
  return FIXED_FILE_STEMS.has(ir.clientName.toLowerCase()) ? `_${ir.clientName}.ts` : `${ir.clientName}.ts`;
}

/**
 * The aggregated client emitter.
 * @internal
 */
export function emitAggregatedClient(context: EmitContext): void {
  const { ir } = context;
  const path = aggregatedClientFileName(ir);
  const file = context.createFile(path);
  const out: StatementStructures[] = [];
  const clientName = `${ir.clientName}Client`;
  addImport(file, relativeModule(path, clientFileName(ir)), clientName);
  addImport(file, context.runtimeImport(path), "HttpHandlerOptions", { type: true });
  const methods = ir.operations.map((op) => {
    const module = relativeModule(path, commandFileName(op));
    const command = `${op.name}Command`;
    const input = `${command}Input`;
    const output = `${command}Output`;
    addImport(file, module, command);
    addImport(file, module, input, { type: true });
    addImport(file, module, output, { type: true });
    const callback = `(err: unknown, data?: ${output}) => void`;
    return {
      name: lowerFirst(op.name),
      docs: ownTsdoc(`Sends {@link ${command}}.`, releaseTags(op.deprecated)),
      overloads: [
        { parameters: [{ name: "input", type: input }, { name: "options", type: "HttpHandlerOptions", hasQuestionToken: true }], returnType: `Promise<${output}>` },
        { parameters: [{ name: "input", type: input }, { name: "cb", type: callback }], returnType: "void" },
        { parameters: [{ name: "input", type: input }, { name: "options", type: "HttpHandlerOptions" }, { name: "cb", type: callback }], returnType: "void" },
      ],
      parameters: [
        { name: "input", type: input },
        { name: "optionsOrCb", type: `HttpHandlerOptions | (${callback})`, hasQuestionToken: true },
        { name: "cb", type: callback, hasQuestionToken: true },
      ],
      returnType: `Promise<${output}> | void`,
      statements: [
        `const command = new ${command}(input);`,
        `if (typeof optionsOrCb === "function") return this.send(command, optionsOrCb);`,
        `if (cb !== undefined) return this.send(command, optionsOrCb ?? {}, cb);`,
        `return this.send(command, optionsOrCb);`,
      ],
    };
  });
  out.push({ kind: StructureKind.Class,
    name: ir.clientName,
    isExported: true,
    extends: clientName,
    docs: ownTsdoc(`${escapeTsdoc(ir.title ?? ir.sdkId)} with one method per operation; the same as {@link ${clientName}} plus convenience.`, [{ tagName: "public" }]),
    methods,
  });
  addStatements(file, out);
}
