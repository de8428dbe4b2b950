/**
 * The intermediate representation between a loaded Smithy model and the emitters.
 *
 * Everything an emitter needs is decided here: references are resolved, member constraints merged with
 * their target's, wire names and HTTP bindings computed, documentation converted to plain text. Emitters
 * read only these records, never raw `smithy.api#…` traits.
 */
import type { PaginationIR, ResourceIR } from "./resources.js";

/** Constraint traits that apply to a value, merged from the member and its target (member wins). */
export interface Constraints {
  /** `smithy.api#length`: characters for strings, bytes for blobs, entries for lists and maps. */
  readonly length?: { readonly min?: number; readonly max?: number };
  /**
   * `smithy.api#pattern`, translated from the model's (Java-flavoured) regular expression to an exact JavaScript
   * one (codegen/ir/pattern.ts); not anchored unless the model anchors it. Absent when it has no exact
   * translation (the builder then warns, and the check is skipped).
   */
  readonly pattern?: { readonly source: string; readonly flags: string };
  /** `smithy.api#range`: numeric bounds (decimal strings are parsed to numbers). */
  readonly range?: { readonly min?: number; readonly max?: number };
  /** `smithy.api#uniqueItems` on lists. */
  readonly uniqueItems?: boolean;
}

/** Fields every shape record carries. */
interface ShapeBase {
  /** Absolute shape id, e.g. `com.amazonaws.iotmanagedintegrations#OtaType`, or `smithy.api#String`. */
  readonly id: string;
  /** The shape name (id without namespace); unique among the shapes an emitter sees. */
  readonly name: string;
  /** Plain-text documentation (HTML converted), if any. */
  readonly documentation?: string;
  /** `smithy.api#sensitive` on the shape. */
  readonly sensitive: boolean;
  /** `smithy.api#deprecated` message or `true`. */
  readonly deprecated?: string | true;
  readonly constraints: Constraints;
}

export type NumberKind = "byte" | "short" | "integer" | "long" | "float" | "double" | "bigInteger" | "bigDecimal";
export type TimestampFormat = "date-time" | "epoch-seconds" | "http-date";

export interface StringShape extends ShapeBase {
  readonly kind: "string";
  /** `smithy.api#mediaType` (a JSON media type means the value is a JSON text). */
  readonly mediaType?: string;
}
export interface EnumShape extends ShapeBase {
  readonly kind: "enum";
  /** In model order. `name` is the member name, `value` the wire value (`smithy.api#enumValue`, else the name). */
  readonly values: readonly { readonly name: string; readonly value: string; readonly documentation?: string }[];
}
export interface IntEnumShape extends ShapeBase {
  readonly kind: "intEnum";
  readonly values: readonly { readonly name: string; readonly value: number; readonly documentation?: string }[];
}
export interface NumberShape extends ShapeBase {
  readonly kind: NumberKind;
}
export interface BooleanShape extends ShapeBase {
  readonly kind: "boolean";
}
export interface BlobShape extends ShapeBase {
  readonly kind: "blob";
  readonly mediaType?: string;
  /**
   * `smithy.api#streaming`. Supported as an `@httpPayload` only (Smithy allows nothing else): the client buffers
   * it, so it travels and is typed like any blob payload (bytes in, `Uint8Array` out). `smithy.api#requiresLength`
   * needs nothing more, since a buffered body always has a known `Content-Length`.
   */
  readonly streaming: boolean;
}
export interface TimestampShape extends ShapeBase {
  readonly kind: "timestamp";
  /** `smithy.api#timestampFormat` on the shape, if any. */
  readonly format?: TimestampFormat;
}
export interface DocumentShape extends ShapeBase {
  readonly kind: "document";
}
export interface ListShape extends ShapeBase {
  readonly kind: "list";
  readonly member: MemberIR;
  /** `smithy.api#sparse`: nulls are kept. */
  readonly sparse: boolean;
}
export interface MapShape extends ShapeBase {
  readonly kind: "map";
  readonly key: MemberIR;
  readonly value: MemberIR;
  readonly sparse: boolean;
}
export interface StructureShape extends ShapeBase {
  readonly kind: "structure";
  /** In model order. */
  readonly members: readonly MemberIR[];
  /** Present on error shapes (`smithy.api#error`). */
  readonly error?: ErrorInfo;
  /** `smithy.api#input` / `smithy.api#output`. */
  readonly role?: "input" | "output";
  /** `smithy.test#httpResponseTests` declared on an error structure, kept as written. (Added by the IR builder.) */
  readonly responseTests?: readonly HttpMessageTest[];
}
export interface UnionShape extends ShapeBase {
  readonly kind: "union";
  readonly members: readonly MemberIR[];
}

export type ShapeIR =
  | StringShape
  | EnumShape
  | IntEnumShape
  | NumberShape
  | BooleanShape
  | BlobShape
  | TimestampShape
  | DocumentShape
  | ListShape
  | MapShape
  | StructureShape
  | UnionShape;

export interface ErrorInfo {
  readonly fault: "client" | "server";
  /** `smithy.api#httpError`, else 400 for client and 500 for server faults. */
  readonly httpStatus: number;
  /** `smithy.api#retryable`. */
  readonly retryable?: { readonly throttling: boolean };
}

/** Where a top-level input/output/error member travels in the HTTP message. */
export type HttpBinding =
  | { readonly location: "label"; readonly greedy: boolean }
  | { readonly location: "query"; readonly name: string }
  | { readonly location: "queryParams" }
  | { readonly location: "header"; readonly name: string }
  | { readonly location: "prefixHeaders"; readonly prefix: string }
  | { readonly location: "payload" }
  | { readonly location: "responseCode" }
  | { readonly location: "hostLabel" }
  | { readonly location: "body" };

export interface MemberIR {
  /** Member name as in the model (and in the TypeScript types). */
  readonly name: string;
  /** Name on the JSON wire (`smithy.api#jsonName`, else `name`). */
  readonly jsonName: string;
  /** The resolved target; recursive models produce cycles through this reference. */
  readonly target: ShapeIR;
  /** `smithy.api#required` (and not made optional by `smithy.api#clientOptional` / input rules). */
  readonly required: boolean;
  /**
   * The member has `smithy.api#clientOptional`: the client type leaves it optional and the client never fills in
   * its `@default`. (Added by the IR builder.)
   */
  readonly clientOptional?: boolean;
  /**
   * `smithy.api#required` as the model writes it, also when `clientOptional` makes `required` false: a server
   * still insists on the member. Present only when true. (Added by the IR builder.)
   */
  readonly modelRequired?: boolean;
  /** `smithy.api#default` value, if any. */
  readonly default?: unknown;
  /** `smithy.api#idempotencyToken`. */
  readonly idempotencyToken: boolean;
  /** Sensitive on the member or its target. */
  readonly sensitive: boolean;
  /** Member constraints merged over the target's. */
  readonly constraints: Constraints;
  /** `smithy.api#timestampFormat` on the member, else the target's. */
  readonly timestampFormat?: TimestampFormat;
  /** Only on members of operation inputs, outputs and errors; `body` when unbound. */
  readonly binding?: HttpBinding;
  readonly documentation?: string;
  readonly deprecated?: string | true;
}

/** A parsed `smithy.api#http` URI: `/things/{Id}/parts/{Rest+}?fixed=1`. */
export interface UriPattern {
  readonly segments: readonly (
    | { readonly kind: "literal"; readonly value: string }
    | { readonly kind: "label"; readonly name: string; readonly greedy: boolean }
  )[];
  /** Literal query pairs from the URI (value `""` when the literal has no `=`). */
  readonly queryLiterals: readonly { readonly name: string; readonly value: string }[];
  /** The URI text as written in the model. */
  readonly text: string;
}

export interface HttpTrait {
  readonly method: string;
  readonly uri: UriPattern;
  readonly code: number;
}

/** `smithy.test#httpRequestTests` / `httpResponseTests` entries, kept as the model writes them. */
export interface HttpMessageTest {
  readonly id: string;
  readonly protocol: string;
  readonly appliesTo?: "client" | "server";
  readonly documentation?: string;
  readonly params?: unknown;
  readonly method?: string;
  readonly uri?: string;
  readonly host?: string;
  readonly resolvedHost?: string;
  readonly code?: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly forbidHeaders?: readonly string[];
  readonly requireHeaders?: readonly string[];
  readonly queryParams?: readonly string[];
  readonly forbidQueryParams?: readonly string[];
  readonly requireQueryParams?: readonly string[];
  readonly body?: string;
  readonly bodyMediaType?: string;
  readonly tags?: readonly string[];
  readonly vendorParams?: unknown;
}

/**
 * Where one endpoint rule-set parameter of an operation comes from (Smithy rules: `staticContextParams`,
 * `contextParam` on an input member, `operationContextParams` with a JMESPath `path` into the input).
 */
export type EndpointParamSource =
  | { readonly kind: "static"; readonly value: string | boolean | readonly string[] }
  | { readonly kind: "member"; readonly member: string }
  | { readonly kind: "path"; readonly path: string };

/** A `smithy.rules#clientContextParams` entry: a client option that feeds the endpoint rule set. */
export interface ClientContextParam {
  /** Rule-set parameter name, e.g. `DisableMultiRegionAccessPoints`. */
  readonly name: string;
  /** The client option (the parameter name with a lower-case first letter, as the SDK v3 names it). */
  readonly option: string;
  readonly type: "string" | "boolean" | "stringArray";
  readonly documentation?: string;
}

/** One acceptor of a waiter, as `smithy.waiters#waitable` writes it (checked by the IR builder). */
export interface WaiterAcceptorIR {
  readonly state: "success" | "failure" | "retry";
  readonly matcher:
    | { readonly output: WaiterPathIR }
    | { readonly inputOutput: WaiterPathIR }
    | { readonly success: boolean }
    | { readonly errorType: string };
}

export interface WaiterPathIR {
  readonly path: string;
  readonly expected: string;
  readonly comparator: "stringEquals" | "booleanEquals" | "allStringEquals" | "anyStringEquals";
}

/** A `smithy.waiters#waitable` waiter of an operation. */
export interface WaiterIR {
  /** Waiter name, e.g. `ClusterActive` (the function is `waitUntilClusterActive`). */
  readonly name: string;
  readonly documentation?: string;
  readonly deprecated?: boolean;
  /** Seconds (spec defaults 2 and 120). */
  readonly minDelay: number;
  readonly maxDelay: number;
  readonly acceptors: readonly WaiterAcceptorIR[];
}

export interface OperationIR {
  readonly id: string;
  readonly name: string;
  readonly documentation?: string;
  readonly deprecated?: string | true;
  /** The input structure; a synthesized empty one when the model has `smithy.api#Unit`. */
  readonly input: StructureShape;
  readonly output: StructureShape;
  /** Operation errors followed by service-wide errors, without duplicates. */
  readonly errors: readonly StructureShape[];
  readonly http: HttpTrait;
  /** `smithy.api#endpoint` hostPrefix, e.g. `{Foo}.data.`. */
  readonly hostPrefix?: string;
  /**
   * Endpoint rule-set parameters this operation binds, by parameter name; precedence as in the SDK v3
   * (static over member over path). Absent when it binds none. (Added.)
   */
  readonly endpointParams?: Readonly<Record<string, EndpointParamSource>>;
  readonly idempotent: boolean;
  readonly readonly: boolean;
  readonly requestTests: readonly HttpMessageTest[];
  readonly responseTests: readonly HttpMessageTest[];
  /** `smithy.waiters#waitable` waiters, in model order; absent without the trait. (Added.) */
  readonly waiters?: readonly WaiterIR[];
  /** `smithy.api#httpChecksumRequired`: the request carries a `Content-MD5`. Present only when true. (Added.) */
  readonly httpChecksumRequired?: boolean;
  /** `smithy.api#requestCompression` `encodings`, in the model's order; absent without the trait. (Added.) */
  readonly requestCompression?: readonly string[];
  /** `smithy.api#paginated` with the service's defaults merged in; absent when not paginated. */
  readonly pagination?: PaginationIR;
}

export interface EndpointTestCase {
  readonly documentation?: string;
  readonly params: Readonly<Record<string, unknown>>;
  readonly expect: { readonly endpoint?: { readonly url: string; readonly headers?: unknown; readonly properties?: unknown }; readonly error?: string };
}

export interface ServiceIR {
  readonly id: string;
  /** Shape name of the service, e.g. `IotManagedIntegrations`. */
  readonly name: string;
  /** `aws.api#service` sdkId, e.g. `IoT Managed Integrations`. */
  readonly sdkId: string;
  /** Identifier stem for generated names: sdkId without spaces, e.g. `IoTManagedIntegrations`. */
  readonly clientName: string;
  readonly apiVersion: string;
  readonly signingName: string;
  readonly endpointPrefix: string;
  readonly title?: string;
  readonly documentation?: string;
  readonly protocol: "restJson1";
  /** `smithy.rules#endpointRuleSet`, as JSON. */
  readonly endpointRuleSet?: unknown;
  readonly endpointTests: readonly EndpointTestCase[];
  /** Auth schemes the client supports, in the model's order (`smithy.api#auth`, else by trait id). */
  readonly auth: readonly ("sigv4" | "bearer")[];
  /** `smithy.rules#clientContextParams`, in model order. */
  readonly clientContextParams: readonly ClientContextParam[];
  /** Sorted by name. */
  readonly operations: readonly OperationIR[];
  /** Every named, non-prelude shape reachable from the operations, sorted by name. */
  readonly shapes: readonly ShapeIR[];
  /** Error structures reachable from any operation, sorted by name. */
  readonly errorShapes: readonly StructureShape[];
  /** `aws.api#service` arnNamespace (the service part of its ARNs). */
  readonly arnNamespace: string;
  /** Resources bound by the service (nested ones too), in model order. */
  readonly resources: readonly ResourceIR[];
  /** Path of the source model as given to the generator (relative, for the do-not-edit header). */
  readonly sourceModel: string;
  /** What the generator accepted but could not honour exactly (shape id + message), for the user to read. */
  readonly warnings: readonly { readonly shapeId: string; readonly message: string }[];
}
