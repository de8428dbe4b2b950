/**
 * How IR shapes map to TypeScript types in generated code. Shared by every emitter that writes types, so
 * models, commands, serde and validators agree: strings and enums by name, numbers as `number` (big
 * integers as `bigint`, big decimals as `string` to keep their precision), timestamps as `Date`, blobs as
 * `Uint8Array`, documents as `DocumentType` from `@smithy/types`, lists as arrays, maps as `Record`.
 */
import type { SourceFile } from "ts-morph";
import type { MemberIR, ShapeIR } from "../ir/types.js";
import { addImport, relativeModule, RUNTIME_MODULE } from "./imports.js";

/** The output file that declares named shapes. @internal */
export const MODELS_FILE = "models.ts";

/** True when the shape gets its own declaration in models.ts (structures, unions, enums). @internal */
export function isNamedType(shape: ShapeIR): boolean {
  return shape.kind === "structure" || shape.kind === "union" || shape.kind === "enum" || shape.kind === "intEnum";
}

/**
 * The TypeScript type of a shape as written in `file` (at `filePath` in the output), adding the imports it
 * needs (named shapes from models.ts, `DocumentType` from @smithy/types).
 * @internal
 */
export function typeOf(shape: ShapeIR, file: SourceFile, filePath: string): string {
  switch (shape.kind) {
    case "structure":
    case "union":
    case "enum":
    case "intEnum":
      // `smithy.api#Unit` (a union variant without a value) has no declaration: it is an empty object.
      if (shape.id === "smithy.api#Unit") return "Record<string, never>";
      if (filePath !== MODELS_FILE) addImport(file, relativeModule(filePath, MODELS_FILE), shape.name, { type: true });
      return shape.name;
    case "string":
      return "string";
    case "boolean":
      return "boolean";
    case "byte":
    case "short":
    case "integer":
    case "long":
    case "float":
    case "double":
      return "number";
    case "bigInteger":
      return "bigint";
    case "bigDecimal":
      return "string";
    case "timestamp":
      return "Date";
    case "blob":
      return "Uint8Array";
    case "document":
      addImport(file, RUNTIME_MODULE, "DocumentType", { type: true });
      return "DocumentType";
    case "list": {
      const item = typeOf(shape.member.target, file, filePath);
      return shape.sparse ? `(${item} | null)[]` : `${item}[]`;
    }
    case "map": {
      const value = typeOf(shape.value.target, file, filePath);
      const key = shape.key.target.kind === "enum" ? `${typeOf(shape.key.target, file, filePath)} | string` : "string";
      return `Record<${key}, ${shape.sparse ? `${value} | null` : value}>`;
    }
  }
}

/** A member's type (same as its target's). @internal */
export function memberType(member: MemberIR, file: SourceFile, filePath: string): string {
  return typeOf(member.target, file, filePath);
}

/** `CreateOtaTask` → `createOtaTask`. @internal */
export function lowerFirst(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}
