/**
 * Emits `index.ts`: explicit re-exports of the public surface (models, commands, clients, service spec,
 * operation schemas). Serde, validators, operation and server specs stay internal: the runtime, CLI and
 * emulator import them from their own files.
 */
import { StructureKind, type StatementStructures } from "ts-morph";
import type { EmitContext } from "./context.js";
import { aggregatedClientFileName } from "./aggregated-client.js";
import { clientFileName } from "./client.js";
import { commandFileName } from "./commands.js";
import { baseExceptionName } from "./models.js";
import { relativeModule } from "./imports.js";
import { SCHEMAS_FILE, operationSchemaName } from "./schemas.js";
import { SERVICE_FILE } from "./service.js";
import { PAGINATION_INTERFACES_FILE, paginationConfigName, paginatorFileName, paginatorName } from "./paginators.js";
import { MODELS_FILE } from "./ts-types.js";
import { WAITERS_FILE, waiterFunctionName } from "./waiters.js";

/** Output file name. @internal */
export const INDEX_FILE = "index.ts";

/**
 * The index emitter.
 * @internal
 */
export function emitIndex(context: EmitContext): void {
  const { ir } = context;
  const file = context.createFile(INDEX_FILE);
  const out: StatementStructures[] = [];
  const from = (path: string): string => relativeModule(INDEX_FILE, path);
  const sorted = (names: string[]): string[] => [...names].sort();

  const values: string[] = [baseExceptionName(ir)];
  const types: string[] = [];
  for (const shape of ir.shapes) {
    if (shape.kind === "enum" || shape.kind === "intEnum" || (shape.kind === "structure" && shape.error)) values.push(shape.name);
    else if (shape.kind === "structure" || shape.kind === "union") types.push(shape.name);
  }
  const exports: { moduleSpecifier: string; namedExports: string[]; isTypeOnly?: boolean }[] = [
    { moduleSpecifier: from(aggregatedClientFileName(ir)), namedExports: [ir.clientName] },
    { moduleSpecifier: from(clientFileName(ir)), namedExports: [`${ir.clientName}Client`] },
    {
      moduleSpecifier: from(clientFileName(ir)),
      namedExports: sorted([`${ir.clientName}ClientConfig`, "ServiceInputTypes", "ServiceOutputTypes"]),
      isTypeOnly: true,
    },
  ];
  for (const op of ir.operations) {
    exports.push({ moduleSpecifier: from(commandFileName(op)), namedExports: [`${op.name}Command`] });
    exports.push({ moduleSpecifier: from(commandFileName(op)), namedExports: sorted([`${op.name}CommandInput`, `${op.name}CommandOutput`]), isTypeOnly: true });
  }
  exports.push({ moduleSpecifier: from(MODELS_FILE), namedExports: sorted(values) });
  if (types.length > 0) exports.push({ moduleSpecifier: from(MODELS_FILE), namedExports: sorted(types), isTypeOnly: true });
  exports.push({ moduleSpecifier: from(SCHEMAS_FILE), namedExports: sorted(["operationSchemas", ...ir.operations.map(operationSchemaName)]) });
  exports.push({ moduleSpecifier: from(SERVICE_FILE), namedExports: ["SERVICE_SPEC"] });
  // Not the service descriptor (descriptor.ts): the CLI and the emulator import it from its file. Its lazy
  // `import()`s of the client and server sides would make esbuild's code splitting emit their chunks for every
  // client bundle and keep the code they use in the entry chunk (issue 14's footprint).
  const waiters = ir.operations.flatMap((op) => (op.waiters ?? []).map(waiterFunctionName));
  if (waiters.length > 0) exports.push({ moduleSpecifier: from(WAITERS_FILE), namedExports: sorted(waiters) });
  const paginated = ir.operations.filter((op) => op.pagination !== undefined);
  if (paginated.length > 0) {
    exports.push({ moduleSpecifier: from(PAGINATION_INTERFACES_FILE), namedExports: [paginationConfigName(ir)], isTypeOnly: true });
    for (const op of paginated) exports.push({ moduleSpecifier: from(paginatorFileName(op)), namedExports: [paginatorName(op)] });
  }
  for (const e of exports) out.push({ kind: StructureKind.ExportDeclaration, ...e });
  file.addStatements(out);
}
