/**
 * Emits `models.ts`: one interface per structure, one type per union, enums as a const object plus a union
 * type, the service base exception and one exception class per error shape (AWS SDK v3 style).
 */
import {
  StructureKind,
  VariableDeclarationKind,
  type ClassDeclarationStructure,
  type OptionalKind,
  type PropertySignatureStructure,
  type SourceFile,
  type StatementStructures,
} from "ts-morph";
import type { EnumShape, IntEnumShape, MemberIR, ServiceIR, ShapeIR, StructureShape, UnionShape } from "../ir/types.js";
import type { EmitContext } from "./context.js";
import { addStatements } from "./statements.js";
import { addImport, RUNTIME_MODULE } from "./imports.js";
import { MODELS_FILE, memberType } from "./ts-types.js";
import { ownTsdoc, releaseTags, tsdoc } from "./tsdoc.js";

/** Properties of `ServiceException`/`Error` an error class must not redeclare with a modelled member. */
const EXCEPTION_RESERVED: ReadonlySet<string> = new Set(["name", "message", "stack", "cause", "$fault", "$metadata", "$retryable", "$response"]);

/** Name of the service's base exception class. @internal */
export function baseExceptionName(ir: ServiceIR): string {
  return `${ir.clientName}ServiceException`;
}

/**
 * The models emitter.
 * @internal
 */
export function emitModels(context: EmitContext): void {
  const { ir } = context;
  const file = context.createFile(MODELS_FILE);
  const out: StatementStructures[] = [];
  emitBaseException(ir, file, out);
  for (const shape of readingOrder(ir)) {
    switch (shape.kind) {
      case "structure":
        if (shape.error) emitError(ir, file, out, shape);
        else emitStructure(file, out, shape);
        break;
      case "union":
        emitUnion(file, out, shape);
        break;
      case "enum":
      case "intEnum":
        emitEnum(out, shape);
        break;
      default:
        break;
    }
  }
  addStatements(file, out);
}

/**
 * The order a reader meets the models in: operation inputs, then outputs (each in operation order), then the
 * structures and unions they contain, enums, and errors last (each group by name).
 */
function readingOrder(ir: ServiceIR): ShapeIR[] {
  const inputs = ir.operations.map((op) => op.input);
  const outputs = ir.operations.map((op) => op.output);
  const io = new Set<ShapeIR>([...inputs, ...outputs]);
  const rank = (shape: ShapeIR): number => {
    if (shape.kind === "structure" && shape.error) return 4;
    if (shape.kind === "enum" || shape.kind === "intEnum") return 3;
    return 2;
  };
  const rest = ir.shapes.filter((shape) => !io.has(shape)).sort((a, b) => rank(a) - rank(b));
  return [...new Set<ShapeIR>([...inputs, ...outputs]), ...rest].filter((shape) => ir.shapes.includes(shape));
}

function property(file: SourceFile, member: MemberIR): OptionalKind<PropertySignatureStructure> {
  const type = memberType(member, file, MODELS_FILE);
  return {
    name: member.name,
    type: member.required ? type : `${type} | undefined`,
    hasQuestionToken: !member.required,
    docs: tsdoc(member.documentation, [
      ...(member.deprecated === undefined ? [] : [{ tagName: "deprecated", ...(member.deprecated === true ? {} : { text: member.deprecated }) }]),
      ...(member.sensitive ? [{ tagName: "remarks", text: "Sensitive: redacted in logs." }] : []),
    ]),
  };
}

function emitStructure(file: SourceFile, out: StatementStructures[], shape: StructureShape): void {
  out.push({ kind: StructureKind.Interface,
    name: shape.name,
    isExported: true,
    docs: tsdoc(shape.documentation, releaseTags(shape.deprecated)),
    properties: shape.members.map((m) => property(file, m)),
  });
}

function emitUnion(file: SourceFile, out: StatementStructures[], shape: UnionShape): void {
  // One object type per variant: the chosen member set, every other member `?: never`, plus `$unknown`
  // for variants added to the service after this client was generated.
  const names = shape.members.map((m) => m.name);
  const variant = (chosen: string | undefined, type: string): string => {
    const fields = names.map((n) => (n === chosen ? `${n}: ${type};` : `${n}?: never;`));
    fields.push(chosen === undefined ? `$unknown: [string, unknown];` : `$unknown?: never;`);
    return `{ ${fields.join(" ")} }`;
  };
  const variants = shape.members.map((m) => variant(m.name, memberType(m, file, MODELS_FILE)));
  variants.push(variant(undefined, ""));
  out.push({ kind: StructureKind.TypeAlias,
    name: shape.name,
    isExported: true,
    docs: tsdoc(shape.documentation, releaseTags(shape.deprecated)),
    type: variants.map((v) => `\n  | ${v}`).join(""),
  });
}

function emitEnum(out: StatementStructures[], shape: EnumShape | IntEnumShape): void {
  const docs = tsdoc(shape.documentation, releaseTags(shape.deprecated));
  out.push({ kind: StructureKind.VariableStatement,
    declarationKind: VariableDeclarationKind.Const,
    isExported: true,
    docs,
    declarations: [
      {
        name: shape.name,
        initializer: (writer) => {
          writer.write("{").newLine();
          writer.indent(() => {
            for (const value of shape.values) {
              if (value.documentation !== undefined) writer.writeLine(`/** ${tsdocLine(value.documentation)} */`);
              writer.writeLine(`${value.name}: ${JSON.stringify(value.value)},`);
            }
          });
          writer.write("} as const");
        },
      },
    ],
  });
  out.push({ kind: StructureKind.TypeAlias, name: shape.name, isExported: true, docs, type: `(typeof ${shape.name})[keyof typeof ${shape.name}]` });
}

function tsdocLine(text: string): string {
  return tsdoc(text)[0]?.description?.toString().replace(/\n+/g, " ") ?? "";
}

function emitBaseException(ir: ServiceIR, file: SourceFile, out: StatementStructures[]): void {
  addImport(file, RUNTIME_MODULE, "ServiceException");
  const name = baseExceptionName(ir);
  out.push({ kind: StructureKind.Class,
    name,
    isExported: true,
    extends: "ServiceException",
    docs: ownTsdoc(`Base class of every error the ${ir.sdkId} service returns; unmodelled error codes use it directly.`, [{ tagName: "public" }]),
    // No constructor of its own: `ServiceException`'s takes the same options and already fixes the prototype.
  });
}

function emitError(ir: ServiceIR, file: SourceFile, out: StatementStructures[], shape: StructureShape): void {
  const error = shape.error;
  if (!error) return;
  addImport(file, RUNTIME_MODULE, "ExceptionOptionType", { type: true });
  const base = baseExceptionName(ir);
  const own = shape.members.filter((m) => !EXCEPTION_RESERVED.has(m.name));
  const structure: ClassDeclarationStructure = {
    kind: StructureKind.Class,
    name: shape.name,
    isExported: true,
    extends: base,
    docs: tsdoc(shape.documentation, releaseTags(shape.deprecated)),
    // `name`, `$fault` and the members are set by the constructors, so they are only declared here (narrower
    // types, no second assignment in the emitted JavaScript).
    properties: [
      { name: "name", isReadonly: true, hasDeclareKeyword: true, type: JSON.stringify(shape.name) },
      { name: "$fault", isReadonly: true, hasDeclareKeyword: true, type: JSON.stringify(error.fault) },
      ...(error.retryable
        ? [{ name: "$retryable", isReadonly: true, hasOverrideKeyword: true, initializer: `{ throttling: ${error.retryable.throttling} }` }]
        : []),
      ...own.map((m) => {
        const p = property(file, m);
        return { name: p.name, type: p.type as string, hasDeclareKeyword: true, hasQuestionToken: p.hasQuestionToken ?? false, ...(p.docs ? { docs: p.docs } : {}) };
      }),
    ],
    ctors: [
      {
        docs: tsdoc(undefined, [{ tagName: "internal" }]),
        parameters: [{ name: "opts", type: `ExceptionOptionType<${shape.name}, ${base}>` }],
        statements: [
          `super({ name: ${JSON.stringify(shape.name)}, $fault: ${JSON.stringify(error.fault)}, ...opts });`,
          ...own.map((m) => `this.${m.name} = opts.${m.name};`),
        ],
      },
    ],
  };
  out.push(structure);
}
