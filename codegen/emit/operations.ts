/**
 * Emits `operations.ts`: one `<Op>Spec: OperationSpec<Input, Output>` per operation, tying the generated
 * validator, serializer, deserializer and redaction helpers together for the runtime.
 */
import { StructureKind, VariableDeclarationKind, type VariableStatementStructure } from "ts-morph";
import type { OperationIR } from "../ir/types.js";
import { SERDE_FILE, deserializerName, redactorName, serializerName } from "./client-serde.js";
import type { EmitContext } from "./context.js";
import { addImport, relativeModule } from "./imports.js";
import { typeOf } from "./ts-types.js";
import { VALIDATORS_FILE, validatorName } from "./validators.js";

/** Output file of this emitter. @internal */
export const OPERATIONS_FILE = "operations.ts";

/** `CreateOtaTask` → `CreateOtaTaskSpec`. @internal */
export function operationSpecName(op: OperationIR): string {
  return `${op.name}Spec`;
}

/**
 * The operations emitter.
 * @internal
 */
export function emitOperations(context: EmitContext): void {
  const file = context.createFile(OPERATIONS_FILE);
  const runtime = context.runtimeImport(OPERATIONS_FILE);
  addImport(file, runtime, "OperationSpec", { type: true });
  const serde = relativeModule(OPERATIONS_FILE, SERDE_FILE);
  const validators = relativeModule(OPERATIONS_FILE, VALIDATORS_FILE);
  // One batch: every ts-morph edit re-parses the file.
  const statements: VariableStatementStructure[] = [];
  for (const op of context.ir.operations) {
    const input = typeOf(op.input, file, OPERATIONS_FILE);
    const output = typeOf(op.output, file, OPERATIONS_FILE);
    const parts = {
      validate: validatorName(op.input),
      serialize: serializerName(op),
      deserialize: deserializerName(op),
      redactInput: redactorName(op.input),
      redactOutput: redactorName(op.output),
    };
    addImport(file, validators, parts.validate);
    for (const name of [parts.serialize, parts.deserialize, parts.redactInput, parts.redactOutput]) addImport(file, serde, name);
    statements.push({
      kind: StructureKind.VariableStatement,
      declarationKind: VariableDeclarationKind.Const,
      isExported: true,
      docs: [`How the runtime runs \`${op.name}\` (\`${op.http.method} ${op.http.uri.text}\`).\n\n@internal`],
      declarations: [
        {
          name: operationSpecName(op),
          type: `OperationSpec<${input}, ${output}>`,
          initializer: [
            "{",
            `name: ${JSON.stringify(op.name)},`,
            ...Object.entries(parts).map(([key, value]) => `${key}: ${value},`),
            ...runtimeTraits(op),
            "}",
          ].join("\n"),
        },
      ],
    });
  }
  file.addStatements(statements);
}

/** Operation traits the runtime acts on (contract.ts `OperationSpec`): Content-MD5 and request compression. */
function runtimeTraits(op: OperationIR): string[] {
  const lines: string[] = [];
  if (op.httpChecksumRequired === true) lines.push("httpChecksumRequired: true,");
  if (op.requestCompression !== undefined && op.requestCompression.length > 0) {
    lines.push(`requestCompression: ${JSON.stringify(op.requestCompression)},`);
  }
  return lines;
}
