/**
 * Emits `operations.ts`: one `<Op>Spec: OperationSpec<Input, Output>` per operation, tying the generated
 * validator, serializer, deserializer and redaction helpers together for the runtime.
 */
import { StructureKind, VariableDeclarationKind, type VariableStatementStructure } from "ts-morph";
import type { OperationIR } from "../ir/types.js";
import { SERDE_FILE, deserializerName, redactorName, serializerName } from "./client-serde.js";
import type { EmitContext } from "./context.js";
import { addImport, relativeModule } from "./imports.js";
import { layoutBlock, writeStatements } from "./statements.js";
import { typeOf } from "./ts-types.js";
import { compileContextPath } from "./jmespath-code.js";
import { key, prop } from "./serde/gen-file.js";
import { ModelError } from "../load/errors.js";
import { VALIDATORS_FILE, validatorName } from "./validators.js";
import { inlineLiteral } from "./literal.js";

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
          initializer: layoutBlock([
            "{",
            `name: ${JSON.stringify(op.name)},`,
            ...Object.entries(parts).map(([key, value]) => `${key}: ${value},`),
            ...runtimeTraits(op),
            ...endpointParams(op, (name) => {
              addImport(file, runtime, name);
              return name;
            }),
            "}",
          ]),
        },
      ],
    });
  }
  writeStatements(file, statements);
}

/**
 * `endpointParams`: the operation's endpoint rule-set parameters from the input (static values, `contextParam`
 * members, `operationContextParams` paths compiled to straight-line code).
 */
function endpointParams(op: OperationIR, rt: (name: string) => string): string[] {
  if (op.endpointParams === undefined) return [];
  const entries = Object.entries(op.endpointParams).map(([name, source]) => {
    switch (source.kind) {
      case "static":
        return `${key(name)}: ${JSON.stringify(source.value)},`;
      case "member": {
        const member = op.input.members.find((m) => m.name === source.member);
        const value = prop("input", source.member);
        const direct = member !== undefined && (member.target.kind === "string" || member.target.kind === "enum" || member.target.kind === "boolean");
        return `${key(name)}: ${direct ? value : `${rt("endpointParamValue")}(${value})`},`;
      }
      case "path": {
        let expr: string;
        try {
          expr = compileContextPath(source.path, "input", rt);
        } catch (error) {
          throw new ModelError([{ shapeId: op.id, message: `\`smithy.rules#operationContextParams\` ${name}: path ${JSON.stringify(source.path)}: ${(error as Error).message}` }]);
        }
        return `${key(name)}: ${rt("endpointParamValue")}(${expr}),`;
      }
    }
  });
  const uses = Object.values(op.endpointParams).some((s) => s.kind !== "static");
  return [`endpointParams: (${uses ? "input" : ""}) => ({`, ...entries, "}),"];
}

/** Operation traits the runtime acts on (contract.ts `OperationSpec`): Content-MD5 and request compression. */
function runtimeTraits(op: OperationIR): string[] {
  const lines: string[] = [];
  if (op.httpChecksumRequired === true) lines.push("httpChecksumRequired: true,");
  if (op.requestCompression !== undefined && op.requestCompression.length > 0) {
    lines.push(`requestCompression: ${inlineLiteral(op.requestCompression)},`);
  }
  return lines;
}
