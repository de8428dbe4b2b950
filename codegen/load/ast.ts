/**
 * The checked, normalised form of a Smithy 2.0 JSON AST that the loader hands to the IR builder.
 *
 * Mixins are flattened, `apply` statements merged, prelude shapes added; every target is known to exist.
 * Traits stay raw JSON here: only the IR builder interprets them.
 */

/** Raw trait values by absolute trait id (`smithy.api#required`). @internal */
export type Traits = Readonly<Record<string, unknown>>;

/** A member after loading. @internal */
export interface AstMember {
  /** `ns#Shape$member`. */
  readonly id: string;
  readonly name: string;
  readonly target: string;
  readonly traits: Traits;
}

export type SimpleType =
  | "blob"
  | "boolean"
  | "string"
  | "byte"
  | "short"
  | "integer"
  | "long"
  | "float"
  | "double"
  | "bigInteger"
  | "bigDecimal"
  | "timestamp"
  | "document";

export type ShapeType =
  | SimpleType
  | "enum"
  | "intEnum"
  | "list"
  | "set"
  | "map"
  | "structure"
  | "union"
  | "service"
  | "operation"
  | "resource";

/** A shape after loading. Fields not meaningful for a type are absent. @internal */
export interface AstShape {
  readonly id: string;
  readonly type: ShapeType;
  readonly traits: Traits;
  /** Structure, union, enum and intEnum members in model order (mixin members first). */
  readonly members?: readonly AstMember[];
  /** List / set member. */
  readonly member?: AstMember;
  readonly key?: AstMember;
  readonly value?: AstMember;
  /** Operation. */
  readonly input?: string;
  readonly output?: string;
  /** Operation and service errors. */
  readonly errors?: readonly string[];
  /** Service. */
  readonly version?: string;
  readonly operations?: readonly string[];
  readonly resources?: readonly string[];
  /** Service `rename`: shape id → name to use instead of the shape's own. */
  readonly rename?: Readonly<Record<string, string>>;
  /** Resource lifecycle operations by role (create, put, read, update, delete, list). */
  readonly lifecycle?: Readonly<Record<string, string>>;
  readonly collectionOperations?: readonly string[];
  /** Resource identifiers: name → target shape id. */
  readonly identifiers?: Readonly<Record<string, string>>;
  /** Whether this shape comes from the Smithy prelude. */
  readonly prelude: boolean;
}

/** A loaded model. @internal */
export interface LoadedModel {
  /** All shapes by absolute id, prelude included. */
  readonly shapes: ReadonlyMap<string, AstShape>;
  /** Model metadata, as written. */
  readonly metadata: Readonly<Record<string, unknown>>;
  /** Where the model came from (a path as given), for messages. */
  readonly source?: string;
}

/** `ns#Name` → `Name`; `ns#Name$member` → `Name$member`. @internal */
export function shapeName(id: string): string {
  const hash = id.indexOf("#");
  return hash < 0 ? id : id.slice(hash + 1);
}

/** `ns#Name` → `ns`. @internal */
export function shapeNamespace(id: string): string {
  const hash = id.indexOf("#");
  return hash < 0 ? "" : id.slice(0, hash);
}

/** Every member of a loaded shape, list/map members included. @internal */
export function allMembers(shape: AstShape): readonly AstMember[] {
  return [...(shape.members ?? []), ...[shape.member, shape.key, shape.value].filter((m) => m !== undefined)];
}
