/**
 * Adds top-level statements to a file in one edit (ts-morph re-parses after every edit, so one batch per
 * file keeps generation fast), with a blank line between statements.
 */
import type { SourceFile, StatementStructures, WriterFunction } from "ts-morph";

/** @internal */
export function addStatements(file: SourceFile, statements: readonly (StatementStructures | string)[]): void {
  const spaced: (StatementStructures | string | WriterFunction)[] = [];
  for (const statement of statements) {
    if (spaced.length > 0) spaced.push((writer) => writer.blankLineIfLastNot());
    spaced.push(statement);
  }
  file.addStatements(spaced);
}
