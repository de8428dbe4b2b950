/**
 * Code generation for values carried as text: HTTP labels, query parameters and headers. Timestamps default
 * to `http-date` in headers and `date-time` elsewhere; lists travel as repeated query keys or one
 * comma-separated header; strings with a media type in headers are base64.
 */
import type { MemberIR, ShapeIR, TimestampFormat } from "../../ir/types.js";
import { type GenFile, str } from "./gen-file.js";

/** Where a text value travels. @internal */
export type TextLocation = "label" | "query" | "header";

/** @internal */
export function textTimestampFormat(member: MemberIR | undefined, location: TextLocation): TimestampFormat {
  return member?.timestampFormat ?? (location === "header" ? "http-date" : "date-time");
}

/** Strings with a media type (`@mediaType("application/json")`) are base64 in headers. */
function base64InHeader(shape: ShapeIR, location: TextLocation): boolean {
  return location === "header" && shape.kind === "string" && shape.mediaType !== undefined;
}

/**
 * An expression for the text form of the present scalar `expr`.
 * @internal
 */
export function writeText(gen: GenFile, expr: string, shape: ShapeIR, member: MemberIR | undefined, location: TextLocation): string {
  switch (shape.kind) {
    case "string":
      return base64InHeader(shape, location) ? `${gen.rt("encodeBase64Text")}(${expr})` : expr;
    case "enum":
      return expr;
    case "boolean":
    case "byte":
    case "short":
    case "integer":
    case "long":
    case "intEnum":
    case "bigInteger":
    case "bigDecimal":
      return `String(${expr})`;
    case "float":
    case "double":
      return `${gen.rt("numberText")}(${expr})`;
    case "timestamp":
      return `${gen.rt("formatTimestamp")}(${expr}, ${str(textTimestampFormat(member, location))})`;
    case "blob":
      return `${gen.rt("encodeBase64")}(${expr})`;
    default:
      throw new Error(`${shape.id}: a ${shape.kind} cannot be sent as text`);
  }
}

/**
 * An expression reading the text `expr` as the scalar `shape`; `path` is an expression naming the member.
 * @internal
 */
export function readText(gen: GenFile, expr: string, shape: ShapeIR, member: MemberIR | undefined, location: TextLocation, path: string): string {
  switch (shape.kind) {
    case "string":
      return base64InHeader(shape, location) ? `${gen.rt("decodeBase64Text")}(${expr})` : expr;
    case "enum":
      return `${expr} as ${gen.type(shape)}`;
    case "boolean":
      return `${gen.rt("textToBoolean")}(${expr}, ${path})`;
    case "byte":
    case "short":
    case "integer":
      return `${gen.rt("textToNumber")}(${expr}, ${path}, ${str(shape.kind)})`;
    case "long":
      return `${gen.rt("textToNumber")}(${expr}, ${path}, true)`;
    case "intEnum":
      return `${gen.rt("textToNumber")}(${expr}, ${path}, "integer") as ${gen.type(shape)}`;
    case "float":
    case "double":
      return `${gen.rt("textToNumber")}(${expr}, ${path}, false)`;
    case "bigInteger":
      return `${gen.rt("textToBigInteger")}(${expr}, ${path})`;
    case "bigDecimal":
      return expr;
    case "timestamp":
      return `${gen.rt("textToTimestamp")}(${expr}, ${path}, ${str(textTimestampFormat(member, location))}${gen.strict ? ", true" : ""})`;
    case "blob":
      return `${gen.rt("textToBlob")}(${expr}, ${path})`;
    default:
      throw new Error(`${shape.id}: a ${shape.kind} cannot be read from text`);
  }
}

/**
 * The header value of a present member (a scalar, or a list joined with `, `).
 * @internal
 */
export function writeHeader(gen: GenFile, expr: string, member: MemberIR): string {
  const shape = member.target;
  if (shape.kind === "list") {
    const item = shape.member.target;
    const quote = item.kind === "string" || item.kind === "enum";
    const text = writeText(gen, "item", item, member, "header");
    const items = text === "item" ? expr : `${expr}.map((item) => ${text})`;
    return `${gen.rt("joinHeaderList")}(${items}, ${quote})`;
  }
  return writeText(gen, expr, shape, member, "header");
}

/**
 * Reads a member from its header text `expr`.
 * @internal
 */
export function readHeader(gen: GenFile, expr: string, member: MemberIR, path: string): string {
  const shape = member.target;
  if (shape.kind === "list") {
    const item = shape.member.target;
    const split =
      item.kind === "timestamp"
        ? `${gen.rt("splitTimestampList")}(${expr}, ${str(textTimestampFormat(member, "header"))})`
        : `${gen.rt("splitHeaderList")}(${expr})`;
    const text = readText(gen, "item", item, member, "header", path);
    return text === "item" ? split : `${split}.map((item) => ${text})`;
  }
  return readText(gen, expr, shape, member, "header", path);
}

/**
 * The query value of a present member: a string, or an array of strings for lists.
 * @internal
 */
export function writeQuery(gen: GenFile, expr: string, shape: ShapeIR, member: MemberIR | undefined): string {
  if (shape.kind === "list") {
    const text = writeText(gen, "item", shape.member.target, member, "query");
    return text === "item" ? `${expr}.filter((item) => item != null)` : `${expr}.filter((item) => item != null).map((item) => ${text})`;
  }
  return writeText(gen, expr, shape, member, "query");
}

/**
 * Reads a member from its query values `expr` (a `readonly string[]` with at least one entry).
 * @internal
 */
export function readQuery(gen: GenFile, expr: string, shape: ShapeIR, member: MemberIR | undefined, path: string): string {
  if (shape.kind === "list") {
    const text = readText(gen, "item", shape.member.target, member, "query", path);
    return text === "item" ? `[...${expr}]` : `${expr}.map((item) => ${text})`;
  }
  return readText(gen, `${expr}[0] as string`, shape, member, "query", path);
}
