/**
 * What every emitter receives: the IR and a way to create output files.
 *
 * An emitter is a function of the IR; it creates files through `createFile` and fills them with ts-morph
 * structures. The driver then adds the do-not-edit header, orders imports, formats and writes every file.
 */
import type { SourceFile } from "ts-morph";
import type { ServiceIR } from "../ir/types.js";

export interface EmitContext {
  readonly ir: ServiceIR;
  /**
   * Creates (or returns the already created) output file at `path`, relative to the output folder, e.g.
   * `models.ts` or `commands/CreateOtaTaskCommand.ts`.
   */
  createFile(path: string): SourceFile;
  /** Module specifier to import the runtime from the file at `fromPath` (relative path or `--runtime-import`). */
  runtimeImport(fromPath: string): string;
}

export type Emitter = (context: EmitContext) => void;
