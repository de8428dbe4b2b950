/**
 * Emits `schemas.ts`: a data-only description of every operation (contract.ts `OperationSchemaEntry`) for
 * tools such as the CLI. Structures and unions are shared objects whose members are read lazily through a
 * getter, so recursive shapes need no special case and every object is defined before it is used.
 */
import { VariableDeclarationKind, StructureKind, type StatementStructures } from "ts-morph";
import type { Constraints, MemberIR, OperationIR, ShapeIR, StructureShape, UnionShape } from "../ir/types.js";
import type { EmitContext } from "./context.js";
import { addStatements } from "./statements.js";
import { addImport } from "./imports.js";
import { inlineLiteral, literal } from "./literal.js";
import { ownTsdoc, tsdoc } from "./tsdoc.js";

/** Output file name. @internal */
export const SCHEMAS_FILE = "schemas.ts";

/** Name of the per-operation schema constant. @internal */
export function operationSchemaName(op: OperationIR): string {
  return `${op.name}Schema`;
}

/**
 * The schemas emitter.
 * @internal
 */
export function emitSchemas(context: EmitContext): void {
  const { ir } = context;
  const file = context.createFile(SCHEMAS_FILE);
  const out: StatementStructures[] = [];
  const runtime = context.runtimeImport(SCHEMAS_FILE);
  addImport(file, runtime, "MemberSchema", { type: true });
  addImport(file, runtime, "OperationSchemaEntry", { type: true });
  addImport(file, runtime, "ShapeSchema", { type: true });

  // Every structure/union reachable from any operation, in a stable order (by name).
  const aggregates = new Map<string, StructureShape | UnionShape>();
  const visit = (shape: ShapeIR): void => {
    if (shape.kind === "structure" || shape.kind === "union") {
      if (aggregates.has(shape.id)) return;
      aggregates.set(shape.id, shape);
      shape.members.forEach((m) => visit(m.target));
    } else if (shape.kind === "list") {
      visit(shape.member.target);
    } else if (shape.kind === "map") {
      visit(shape.value.target);
    }
  };
  for (const op of ir.operations) {
    visit(op.input);
    visit(op.output);
  }
  const sorted = [...aggregates.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

  for (const shape of sorted) {
    out.push({ kind: StructureKind.VariableStatement,
      declarationKind: VariableDeclarationKind.Const,
      declarations: [
        {
          name: `${shape.name}$`,
          type: `ShapeSchema & { readonly kind: ${JSON.stringify(shape.kind)} }`,
          initializer: `{\n  kind: ${JSON.stringify(shape.kind)},\n  name: ${JSON.stringify(shape.name)},\n  get members(): readonly MemberSchema[] {\n    return ${shape.name}$members;\n  },\n}`,
        },
      ],
    });
  }
  for (const shape of sorted) {
    out.push({ kind: StructureKind.VariableStatement,
      declarationKind: VariableDeclarationKind.Const,
      declarations: [
        {
          name: `${shape.name}$members`,
          type: "readonly MemberSchema[]",
          initializer: shape.members.length === 0 ? "[]" : `[\n${shape.members.map((m) => `  ${memberSchema(m)},\n`).join("")}]`,
        },
      ],
    });
  }
  for (const op of ir.operations) {
    const entry = {
      name: op.name,
      ...(op.documentation === undefined ? {} : { documentation: op.documentation }),
      http: { method: op.http.method, uri: op.http.uri.text, code: op.http.code },
    };
    const body = literal(entry, "").replace(/\n}$/, "");
    out.push({ kind: StructureKind.VariableStatement,
      declarationKind: VariableDeclarationKind.Const,
      isExported: true,
      docs: ownTsdoc(`The data-only description of ${op.name}.`, [{ tagName: "public" }]),
      declarations: [
        {
          name: operationSchemaName(op),
          type: "OperationSchemaEntry",
          initializer: `${body}\n  input: ${op.input.name}$,\n  output: ${op.output.name}$,\n  errors: ${inlineLiteral(op.errors.map((e) => e.name))},\n}`,
        },
      ],
    });
  }
  out.push({ kind: StructureKind.VariableStatement,
    declarationKind: VariableDeclarationKind.Const,
    isExported: true,
    docs: ownTsdoc("Every operation of the service, by name.", [{ tagName: "public" }]),
    declarations: [
      {
        name: "operationSchemas",
        type: "readonly OperationSchemaEntry[]",
        initializer: `[${ir.operations.map((op) => operationSchemaName(op)).join(", ")}]`,
      },
    ],
  });
  addStatements(file, out);
}

function memberSchema(member: MemberIR): string {
  const parts = [`name: ${JSON.stringify(member.name)}`, `required: ${member.required}`];
  if (member.idempotencyToken) parts.push("idempotencyToken: true");
  if (member.documentation !== undefined) parts.push(`documentation: ${JSON.stringify(member.documentation)}`);
  parts.push(`schema: ${shapeSchema(member.target, member.sensitive, member.constraints, member.timestampFormat)}`);
  return `{ ${parts.join(", ")} }`;
}

function shapeSchema(shape: ShapeIR, sensitive: boolean, constraints: Constraints, format?: string): string {
  const flag = sensitive || shape.sensitive ? ", sensitive: true" : "";
  const lengthMin = constraints.length?.min === undefined ? "" : `, min: ${constraints.length.min}`;
  const rangeMin = constraints.range?.min === undefined ? "" : `, min: ${constraints.range.min}`;
  switch (shape.kind) {
    case "structure":
    case "union":
      return `${shape.name}$`;
    case "string":
      return `{ kind: "string"${flag}${lengthMin} }`;
    case "enum":
      return `{ kind: "string", enum: ${inlineLiteral(shape.values.map((v) => v.value))}${flag}${lengthMin} }`;
    case "intEnum":
      return `{ kind: "integer"${rangeMin} }`;
    case "timestamp":
      format ??= shape.format;
      return format === undefined ? `{ kind: "timestamp" }` : `{ kind: "timestamp", format: ${JSON.stringify(format)} }`;
    case "list": {
      const item = shape.member;
      return `{ kind: "list", member: ${shapeSchema(item.target, item.sensitive, item.constraints, item.timestampFormat)}${shape.sparse ? ", sparse: true" : ""}${lengthMin} }`;
    }
    case "map":
      return `{ kind: "map", key: ${shapeSchema(shape.key.target, false, shape.key.constraints)}, value: ${shapeSchema(shape.value.target, shape.value.sensitive, shape.value.constraints, shape.value.timestampFormat)}${flag}${lengthMin} }`;
    case "blob":
      return `{ kind: "blob"${lengthMin} }`;
    case "boolean":
    case "document":
      return `{ kind: ${JSON.stringify(shape.kind)} }`;
    default:
      return `{ kind: ${JSON.stringify(shape.kind)}${rangeMin} }`;
  }
}
