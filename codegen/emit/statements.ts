/**
 * The one way emitters add top-level statements: in one edit per file (ts-morph re-parses after every edit, so
 * one batch per file keeps generation fast), laid out as TypeScript's formatter lays them out, so generation
 * needs no formatting pass (test/codegen/formatted-output.test.ts holds every emitter to that).
 */
import { CodeBlockWriter, StructureKind, VariableDeclarationKind, type SourceFile, type FunctionDeclarationStructure, type StatementStructures, type TypeAliasDeclarationStructure, type VariableStatementStructure, type WriterFunction } from "ts-morph";
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

/** Text written to a file without ts-morph (see {@link writeStatements}), until something needs its syntax tree. */
const written = new WeakMap<SourceFile, string>();

/** A function (or other block-like declaration) as text: ts-morph puts a blank line before it. */
interface BlockText {
  readonly block: string;
}

/**
 * Adds statements in one edit, as ts-morph spaces them (constants on consecutive lines). When every statement
 * can be written as text (the usual case: variables, type aliases, functions, strings) and the file is still
 * empty, the text is kept beside the file instead of being inserted: ts-morph re-parses a file on every insert,
 * and that parse was most of the generator's remaining time. {@link fileText} returns the file's text.
 * @internal
 */
export function writeStatements(file: SourceFile, statements: readonly (StatementStructures | string | WriterFunction)[]): void {
  const items = statements.map((s) =>
    typeof s !== "object"
      ? s
      : s.kind === StructureKind.VariableStatement
        ? variableText(s)
        : s.kind === StructureKind.TypeAlias
          ? typeAliasText(s)
          : s.kind === StructureKind.Function
            ? functionText(s)
            : s,
  );
  const textOnly = items.every((item) => typeof item !== "object" || "block" in item);
  if (textOnly && !written.has(file) && file.getFullText() === "") {
    written.set(file, printed(items as (string | WriterFunction | BlockText)[]));
    return;
  }
  const before = written.get(file);
  if (before !== undefined) {
    written.delete(file);
    file.replaceWithText(before);
  }
  file.addStatements(items.map((item) => (typeof item === "object" && "block" in item ? blankLineThen(item.block) : item)));
}

/** The text of a file emitters filled through {@link writeStatements}. @internal */
export function fileText(file: SourceFile): string {
  return written.get(file) ?? file.getFullText();
}

/** Top-level statements spaced as ts-morph spaces them when it inserts them into an empty file. */
function printed(items: readonly (string | WriterFunction | BlockText)[]): string {
  const writer = new CodeBlockWriter({ indentNumberOfSpaces: 2, newLine: "\n" });
  printStatements(writer, items);
  const text = writer.toString();
  return text === "" || text.endsWith("\n") ? text : `${text}\n`;
}

/** ts-morph's statement printer: a blank line after a block, else a new line, between statements. */
function printStatements(writer: CodeBlockWriter, items: readonly (string | WriterFunction | BlockText)[]): void {
  for (const item of items) {
    if (endsWithCloseBrace(writer)) writer.blankLineIfLastNot();
    else if (!writer.isAtStartOfFirstLineOfBlock()) writer.newLineIfLastNot();
    if (typeof item === "string") writer.write(item);
    else if (typeof item === "function") item(writer);
    else blankLineThen(item.block)(writer);
  }
}

/** Whether the last character that is not whitespace is `}`. */
function endsWithCloseBrace(writer: CodeBlockWriter): boolean {
  return writer.iterateLastCharCodes((code) => (code === 125 ? true : /\s/.test(String.fromCharCode(code)) ? undefined : false)) ?? false;
}

function blankLineThen(text: string): WriterFunction {
  return (writer) => {
    if (!writer.isAtStartOfFirstLineOfBlock()) writer.blankLineIfLastNot();
    writer.write(text);
  };
}

/**
 * A function declaration as text, printed as ts-morph prints it; other forms (overloads, type parameters,
 * writer functions, nested structures) stay structures for ts-morph.
 */
function functionText(fn: FunctionDeclarationStructure): FunctionDeclarationStructure | BlockText {
  const simple = (value: unknown): boolean => value === undefined || typeof value === "string";
  if ((fn.overloads ?? []).length > 0 || (fn.typeParameters ?? []).length > 0 || fn.isGenerator === true || !simple(fn.returnType)) return fn;
  const parameters: string[] = [];
  for (const p of fn.parameters ?? []) {
    if (!simple(p.type) || !simple(p.initializer) || (p.decorators ?? []).length > 0 || p.scope !== undefined || p.isReadonly === true) return fn;
    const name = `${p.isRestParameter === true ? "..." : ""}${p.name}${p.hasQuestionToken === true ? "?" : ""}`;
    parameters.push(`${name}${p.type === undefined ? "" : `: ${p.type}`}${p.initializer === undefined ? "" : ` = ${p.initializer}`}`);
  }
  const body = fn.statements ?? [];
  if (typeof body !== "string" && !(Array.isArray(body) && body.every((line) => typeof line === "string"))) return fn;
  const writer = new CodeBlockWriter({ indentNumberOfSpaces: 2, newLine: "\n" });
  const returns = fn.returnType === undefined || fn.returnType === "" ? "" : `: ${fn.returnType}`;
  writer.write(declarationText(fn, `${fn.isAsync === true ? "async " : ""}function ${fn.name ?? ""}(${parameters.join(", ")})${returns}`));
  writer.space().inlineBlock(() => (typeof body === "string" ? writer.write(body) : printStatements(writer, body as string[])));
  return { block: writer.toString() };
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
    const initializer = d.initializer === undefined ? "" : ` = ${typeof d.initializer === "string" ? d.initializer : writtenBy(d.initializer)}`;
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
  structure: Pick<VariableStatementStructure, "docs" | "isExported" | "isDefaultExport" | "hasDeclareKeyword"> & { readonly isAsync?: boolean },
  declaration: string,
): string {
  const docs = (structure.docs ?? []).map((doc) => `${docComment(doc)}\n`).join("");
  const exported = structure.isDefaultExport === true ? "export default " : structure.isExported === true ? "export " : "";
  return `${docs}${exported}${structure.hasDeclareKeyword === true ? "declare " : ""}${declaration}`;
}

/** What a writer function writes, from indentation level 0. */
function writtenBy(write: WriterFunction): string {
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
