/**
 * The Smithy 2.0 prelude: the shapes every model may target without defining them (`smithy.api#String`, …).
 */
import type { AstShape, ShapeType } from "./ast.js";

const simple: readonly [string, ShapeType][] = [
  ["String", "string"],
  ["Blob", "blob"],
  ["BigInteger", "bigInteger"],
  ["BigDecimal", "bigDecimal"],
  ["Timestamp", "timestamp"],
  ["Document", "document"],
  ["Boolean", "boolean"],
  ["Byte", "byte"],
  ["Short", "short"],
  ["Integer", "integer"],
  ["Long", "long"],
  ["Float", "float"],
  ["Double", "double"],
  // Primitive* shapes carry a zero/false default in Smithy 2.0; the default lives on members that use them.
  ["PrimitiveBoolean", "boolean"],
  ["PrimitiveByte", "byte"],
  ["PrimitiveShort", "short"],
  ["PrimitiveInteger", "integer"],
  ["PrimitiveLong", "long"],
  ["PrimitiveFloat", "float"],
  ["PrimitiveDouble", "double"],
];

/** The prelude shapes by id; `smithy.api#Unit` is an empty structure marked with `smithy.api#unitType`. @internal */
export const PRELUDE_SHAPES: ReadonlyMap<string, AstShape> = new Map<string, AstShape>([
  ...simple.map(([name, type]): [string, AstShape] => [
    `smithy.api#${name}`,
    {
      id: `smithy.api#${name}`,
      type,
      traits: name.startsWith("Primitive") ? { "smithy.api#default": type === "boolean" ? false : 0 } : {},
      prelude: true,
    },
  ]),
  [
    "smithy.api#Unit",
    { id: "smithy.api#Unit", type: "structure", traits: { "smithy.api#unitType": {} }, members: [], prelude: true },
  ],
]);

export const UNIT = "smithy.api#Unit";
