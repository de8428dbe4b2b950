/**
 * The one way emitters add top-level statements: in one edit per file (ts-morph re-parses after every edit, so
 * one batch per file keeps generation fast), laid out as TypeScript's formatter lays them out, so generation
 * needs no formatting pass (test/codegen/formatted-output.test.ts holds every emitter to that).
 */
import { CodeBlockWriter, StructureKind, VariableDeclarationKind, type SourceFile, type StatementStructures, type TypeAliasDeclarationStructure, type VariableStatementStructure, type WriterFunction } from "ts-morph";
import { docComment } from "./tsdoc.js";

/** Adds statements in one edit, with a blank line between statements. @internal */
export function addStatements(file: SourceFile, statements: readonly (StatementStructures | string)[]): void {
  const spaced: (StatementStructures | string | WriterFunction)[] = [];
  for (const statement of statements) {
    if (spaced.length > 0) spaced.push((writer) => writer.blankLineIfLastNot());
    spaced.push(statement);
  }
  writeStatements(file, spaced);
}

/** Adds statements in one edit, as ts-morph spaces them (constants on consecutive lines). @internal */
export function writeStatements(file: SourceFile, statements: readonly (StatementStructures | string | WriterFunction)[]): void {
  file.addStatements(
    statements.map((s) =>
      typeof s !== "object" ? s : s.kind === StructureKind.VariableStatement ? variableText(s) : s.kind === StructureKind.TypeAlias ? typeAliasText(s) : s,
    ),
  );
}

/**
 * A variable statement as text. ts-morph's printer hang-indents it: every line of a multi-line initializer after
 * the first gets one level more than the emitter wrote. Emitters write initializers indented as the formatter
 * lays them out (continuation lines relative to the statement), so the statement is written as they gave it.
 */
function variableText(statement: VariableStatementStructure): StatementStructures | WriterFunction {
  const declarations: string[] = [];
  for (const d of statement.declarations) {
    if (d.type !== undefined && typeof d.type !== "string") return statement;
    const type = d.type === undefined ? "" : `: ${d.type}`;
    const initializer = d.initializer === undefined ? "" : ` = ${typeof d.initializer === "string" ? d.initializer : written(d.initializer)}`;
    declarations.push(`${d.name}${d.hasExclamationToken === true ? "!" : ""}${type}${initializer}`);
  }
  const text = `${statement.declarationKind ?? VariableDeclarationKind.Let} ${declarations.join(", ")};`;
  return (writer) => writer.write(declarationText(statement, text));
}

/**
 * A type alias as text: ts-morph writes `= ` before a type that starts on the next line (a union laid out one
 * member per line) and hang-indents its lines.
 */
function typeAliasText(alias: TypeAliasDeclarationStructure): StatementStructures | WriterFunction {
  if (typeof alias.type !== "string" || (alias.typeParameters ?? []).length > 0) return alias;
  const text = `type ${alias.name} =${alias.type.startsWith("\n") ? "" : " "}${alias.type};`;
  return (writer) => writer.write(declarationText(alias, text));
}

/** A declaration's doc comments and modifiers, then the declaration itself. */
function declarationText(
  structure: Pick<VariableStatementStructure, "docs" | "isExported" | "isDefaultExport" | "hasDeclareKeyword">,
  declaration: string,
): string {
  const docs = (structure.docs ?? []).map((doc) => `${docComment(doc)}\n`).join("");
  const exported = structure.isDefaultExport === true ? "export default " : structure.isExported === true ? "export " : "";
  return `${docs}${exported}${structure.hasDeclareKeyword === true ? "declare " : ""}${declaration}`;
}

/** What a writer function writes, from indentation level 0. */
function written(write: WriterFunction): string {
  const writer = new CodeBlockWriter({ indentNumberOfSpaces: 2, newLine: "\n" });
  write(writer);
  return writer.toString();
}

/**
 * Statement lines of a block laid out as the formatter does: each nested block two spaces deeper (a line that
 * ends with `{`, `(` or `[` opens one; a line that starts with `}`, `)` or `]` closes one). Emitters write the
 * lines of a block flat and add only what this rule cannot know (a `case` body's extra level). Lines inside a
 * multi-line template literal are text, kept as written.
 * @internal
 */
export function layoutBlock(statements: readonly string[]): string {
  const out: string[] = [];
  let depth = 0;
  let inTemplate = false;
  for (const line of statements.join("\n").split("\n")) {
    const wasInTemplate = inTemplate;
    for (let i = 0; i < line.length; i++) {
      if (line[i] === "\\") i++;
      else if (line[i] === "`") inTemplate = !inTemplate;
    }
    if (wasInTemplate) {
      out.push(line);
      continue;
    }
    const text = line.trimEnd();
    if (/^[}\])]/.test(text)) depth = Math.max(0, depth - 1);
    out.push(text === "" ? "" : "  ".repeat(depth) + text);
    if (/[{([]$/.test(text)) depth++;
  }
  return out.join("\n");
}
