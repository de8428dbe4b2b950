/**
 * A generated file under construction for the serde and validator emitters: imports by symbol (runtime,
 * models, @smithy packages), module-level constants, and helper functions that are created on first use and
 * written once, sorted by name, so the output does not depend on the order in which emitters asked for them.
 */
import type { FunctionDeclarationStructure, OptionalKind, SourceFile, StatementStructures, VariableStatementStructure } from "ts-morph";
import { StructureKind, VariableDeclarationKind } from "ts-morph";
import type { EmitContext } from "../context.js";
import { addImport } from "../imports.js";
import { layoutBlock, writeStatements } from "../statements.js";

export { key } from "../literal.js";
import { typeOf } from "../ts-types.js";
import type { ShapeIR } from "../../ir/types.js";

/** A helper function body, built lazily. */
type HelperBuilder = () => OptionalKind<FunctionDeclarationStructure>;

/** @internal */
export class GenFile {
  readonly file: SourceFile;
  private readonly runtime: string;
  private readonly helpers = new Map<string, OptionalKind<FunctionDeclarationStructure> | null>();
  private readonly constants = new Map<string, { name: string; initializer: string; docs?: string }>();
  /** Top-level declarations in call order; written in one batch (each ts-morph edit re-parses the file). */
  private readonly body: StatementStructures[] = [];

  /**
   * @param strict - read as a server does: nulls inside dense lists and maps, and unions that set no known
   *   member or several, are errors instead of being skipped (clients stay lenient with what services send).
   */
  constructor(
    readonly context: EmitContext,
    readonly path: string,
    readonly strict = false,
  ) {
    this.file = context.createFile(path);
    this.runtime = context.runtimeImport(path);
  }

  /** Imports a value (or type) exported by the runtime and returns its local name. */
  rt(name: string, type = false): string {
    addImport(this.file, this.runtime, name, { type });
    return name;
  }

  /** Imports `name` from a package and returns it. */
  pkg(moduleSpecifier: string, name: string, type = false): string {
    addImport(this.file, moduleSpecifier, name, { type });
    return name;
  }

  /** The TypeScript type of a shape, importing what it names. */
  type(shape: ShapeIR): string {
    return typeOf(shape, this.file, this.path);
  }

  /**
   * Returns `name`, creating the helper function with that name the first time. Recursive shapes are fine:
   * the name is reserved before the body is built.
   */
  helper(name: string, build: HelperBuilder): string {
    if (!this.helpers.has(name)) {
      this.helpers.set(name, null);
      this.helpers.set(name, joinStatements(build()));
    }
    return name;
  }

  /** Adds an exported (or module-level) function to the file, in call order. */
  addFunction(structure: OptionalKind<FunctionDeclarationStructure>): void {
    this.body.push({ ...joinStatements(structure), kind: StructureKind.Function });
  }

  /** Adds a variable statement to the file, in call order. */
  addVariable(structure: OptionalKind<VariableStatementStructure>): void {
    this.body.push({ ...structure, kind: StructureKind.VariableStatement });
  }

  /**
   * A module-level constant named after what it holds (e.g. `OTA_TYPE_VALUES` for the shape `OtaType`), keyed by
   * its initializer so equal ones are shared; a second, different one wanting the same name gets `_2`, `_3`, ….
   * Returns its name.
   */
  constant(name: string, initializer: string, docs?: string): string {
    const existing = this.constants.get(initializer);
    if (existing) return existing.name;
    const taken = new Set([...this.constants.values()].map((c) => c.name));
    let unique = name;
    for (let i = 2; taken.has(unique); i++) unique = `${name}_${i}`;
    this.constants.set(initializer, { name: unique, initializer, ...(docs === undefined ? {} : { docs }) });
    return unique;
  }

  /** Writes constants first and helpers after the exported declarations, each group in a stable order. */
  flush(): void {
    const statements: StatementStructures[] = [];
    for (const constant of this.constants.values()) {
      statements.push({
        kind: StructureKind.VariableStatement,
        declarationKind: VariableDeclarationKind.Const,
        declarations: [{ name: constant.name, initializer: constant.initializer }],
        ...(constant.docs === undefined ? {} : { docs: [constant.docs] }),
      });
    }
    statements.push(...this.body);
    for (const name of [...this.helpers.keys()].sort()) {
      const helper = this.helpers.get(name);
      if (helper) statements.push({ ...helper, kind: StructureKind.Function });
    }
    writeStatements(this.file, statements);
  }
}

/** `OtaTaskStatus` → `OTA_TASK_STATUS`: a constant's name from a model name. @internal */
export function constantName(name: string): string {
  return name
    .replace(/^_+/, "")
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1_$2")
    .replace(/[^A-Za-z0-9]+/g, "_")
    .toUpperCase();
}

/** A JavaScript string literal. @internal */
export function str(text: string): string {
  return JSON.stringify(text);
}

/** `value.Name` when `Name` is an identifier, else `value["Name"]`. @internal */
export function prop(object: string, name: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? `${object}.${name}` : `${object}[${str(name)}]`;
}

/** One statement text per function (ts-morph would otherwise put blank lines after every block), laid out. */
function joinStatements(structure: OptionalKind<FunctionDeclarationStructure>): OptionalKind<FunctionDeclarationStructure> {
  const { statements } = structure;
  if (!Array.isArray(statements) || !statements.every((s) => typeof s === "string")) return structure;
  return { ...structure, statements: layoutBlock(statements as string[]) };
}
