/**
 * The contract between generated code and the hand-written runtime.
 *
 * Generated code describes one service and its operations with these types; the runtime (client side) and
 * the emulator (server side) consume them without knowing which service they serve. Nothing here names a
 * service, an operation or a member.
 *
 * @packageDocumentation
 */
import type { HttpRequest, HttpResponse } from "@smithy/protocol-http";
import type { ParameterObject, RuleSetObject } from "@smithy/types";
import type { BearerSignerFactory } from "../client/bearer.js";
import type { EndpointRuleResult } from "../client/endpoint-functions.js";

/**
 * A `smithy.rules#endpointRuleSet` as models write it: `RuleSetObject`, whose parameter types predate the
 * rules spec's `stringArray`.
 * @public
 */
export type EndpointRuleSet = Omit<RuleSetObject, "parameters"> & {
  readonly parameters: Readonly<Record<string, Omit<ParameterObject, "type"> & { readonly type: ParameterObject["type"] | "stringArray" }>>;
};

/**
 * One broken constraint found by a generated validator.
 * @public
 */
export interface Violation {
  /** Member path from the input root, e.g. `OtaSchedulingConfig.MaintenanceWindows[0].DurationInMinutes`. */
  readonly path: string;
  /** The constraint that failed. */
  readonly rule: "required" | "type" | "enum" | "length" | "pattern" | "range" | "uniqueItems" | "unknown-member";
  /** A sentence that names the path, the limit and what was given, e.g. `Tags["env"]: length must be between 0 and 256 characters; got 300`. */
  readonly message: string;
  /** The offending value; `"***SensitiveInformation***"` when the member is marked `@sensitive`. */
  readonly value?: unknown;
}

/**
 * Service-level facts the runtime needs to reach any restJson1 + SigV4 service.
 * @public
 */
export interface ServiceSpec {
  /** `aws.api#service` sdkId, e.g. `IoT Managed Integrations`. */
  readonly sdkId: string;
  /** The service shape's `version`. */
  readonly apiVersion: string;
  /** `aws.auth#sigv4` name. */
  readonly signingName: string;
  /** Auth schemes in the model's order (`smithy.api#auth`); absent means SigV4 only. */
  readonly auth?: readonly ("sigv4" | "bearer")[];
  /**
   * The runtime's bearer-token signer, set by the generator only for services whose `auth` offers bearer, so
   * that clients of SigV4-only services do not bundle it.
   */
  readonly bearer?: BearerSignerFactory;
  /** `aws.api#service` endpointPrefix. */
  readonly endpointPrefix: string;
  /**
   * The model's `smithy.rules#endpointRuleSet`, compiled by the generator: the endpoint for the rule set's
   * parameters (by their names in the model), or a `ConfigurationError` with the rule set's own message.
   */
  endpointRules(parameters: EndpointParameters): EndpointRuleResult;
  /**
   * `smithy.rules#clientContextParams`: rule-set parameter name → the client option that sets it (e.g.
   * `DisableAccessPoints` → `disableAccessPoints`). Absent when the service has none.
   */
  readonly clientContextParams?: Readonly<Record<string, string>>;
}

/**
 * Values of endpoint rule-set parameters by parameter name: the plain object an endpoint evaluator consumes.
 * @public
 */
export type EndpointParameters = Readonly<Record<string, string | boolean | readonly string[] | undefined>>;

/**
 * What a serializer needs besides the input.
 * @public
 */
export interface SerializeContext {
  /** The resolved endpoint; the serializer joins its path with the operation's URI. */
  readonly endpoint: { readonly protocol: string; readonly hostname: string; readonly port?: number; readonly path: string };
  /** Returns a fresh idempotency token (UUID v4 by default; fixed in protocol tests). */
  readonly generateIdempotencyToken: () => string;
  /** The client's `disableHostPrefix`: operations with `@endpoint` keep the endpoint's host as it is. */
  readonly disableHostPrefix?: boolean | undefined;
}

/**
 * A response whose body has already been read in full.
 * @public
 */
export type CollectedResponse = HttpResponse & { body: Uint8Array };

/**
 * Everything the runtime needs to run one operation on the client side.
 * @public
 */
export interface OperationSpec<Input extends object, Output extends object> {
  /** Operation name, e.g. `CreateOtaTask`. */
  readonly name: string;
  /** Runs every constraint of the input shape; returns all violations, empty when valid. */
  readonly validate: (input: Input) => Violation[];
  /** Builds the HTTP request. Fills absent idempotency tokens once per call (never per attempt). */
  readonly serialize: (input: Input, context: SerializeContext) => HttpRequest;
  /**
   * Turns a 2xx response into the output (without `$metadata`, which the runtime adds), or throws the
   * service's exception for an error response (the runtime completes its `$metadata`).
   */
  readonly deserialize: (response: CollectedResponse) => Output;
  /** A copy of the input safe to log: members marked `@sensitive` replaced by `***SensitiveInformation***`. */
  readonly redactInput: (input: Input) => unknown;
  /** Same for the output. */
  readonly redactOutput: (output: Output) => unknown;
  /**
   * The endpoint rule-set parameters this operation binds from its input (`staticContextParams`, `contextParam`,
   * `operationContextParams`); absent when it binds none.
   */
  readonly endpointParams?: (input: Input) => EndpointParameters;
  /** `smithy.api#httpChecksumRequired`: the runtime adds a `Content-MD5` of the body it sends. */
  readonly httpChecksumRequired?: boolean;
  /**
   * `smithy.api#requestCompression` encodings in the model's order; the runtime compresses bodies of at least
   * the client's minimum size with the first encoding it supports (`gzip`) and appends it to `Content-Encoding`.
   */
  readonly requestCompression?: readonly string[];
}

/**
 * A request as the emulator read it off the socket.
 * @public
 */
export interface ServerRequest {
  readonly method: string;
  /** The path exactly as received, still percent-encoded, without the query string. */
  readonly path: string;
  /** Decoded query parameters; repeated keys keep every value in order. */
  readonly query: ReadonlyMap<string, readonly string[]>;
  /** Header names lower-cased; repeated headers joined with `, `. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Uint8Array;
}

/**
 * A response for the emulator to write.
 * @public
 */
export interface ServerResponse {
  readonly statusCode: number;
  readonly headers: Record<string, string>;
  readonly body: Uint8Array | string;
}

/**
 * Thrown by a generated request deserializer when the request cannot be read (malformed JSON, a value of
 * the wrong type, a bad header or label). The emulator answers it as a 400 `SerializationException`.
 * @public
 */
export class RequestDeserializationError extends Error {
  override readonly name = "RequestDeserializationError";
  constructor(
    message: string,
    /** Member path, when the problem is tied to one member. */
    readonly path?: string,
  ) {
    super(message);
  }
}

/**
 * A modelled error the server-side handler may raise.
 * @public
 */
export interface ServerErrorSpec {
  /** Shape name, sent as `X-Amzn-ErrorType`. */
  readonly name: string;
  /** From `smithy.api#httpError`. */
  readonly httpStatus: number;
  readonly fault: "client" | "server";
}

/**
 * Everything the emulator needs to serve one operation.
 * @public
 */
export interface ServerOperationSpec<Input extends object, Output extends object> {
  readonly name: string;
  readonly method: string;
  /** The `smithy.api#http` URI pattern, e.g. `/ota-tasks` or `/things/{Id}`. */
  readonly uri: string;
  /** The `smithy.api#http` code of a success. */
  readonly successCode: number;
  /** The input member that carries the idempotency token, if the input has one. */
  readonly idempotencyTokenMember?: string;
  /** Tries to match a request path against `uri`; returns the decoded labels, or undefined. */
  readonly matchPath: (path: string) => Record<string, string> | undefined;
  /** Reads the input from the request (labels from `matchPath`). Throws {@link RequestDeserializationError}. */
  readonly deserializeRequest: (request: ServerRequest, labels: Record<string, string>) => Input;
  /** The same validator the client runs. */
  readonly validate: (input: Input) => Violation[];
  /** Writes a success response. */
  readonly serializeResponse: (output: Output) => ServerResponse;
  /** The operation's modelled errors, by shape name. */
  readonly errors: Readonly<Record<string, ServerErrorSpec>>;
  /** Writes a modelled error (members other than the message are copied into the body). */
  readonly serializeError: (error: ServerErrorSpec, message: string, members?: Record<string, unknown>) => ServerResponse;
}

/**
 * A flat description of one input shape for tools that work from data rather than code: the CLI's option
 * table and shorthand parser, skeleton generation, interactive prompting.
 * @public
 */
// Recursive shapes are represented by shared (possibly cyclic) object references, never by copies.
// `min` is the lower bound of `@length` (strings in characters, blobs in bytes, lists and maps in entries) or of
// `@range` (numbers): the bound the AWS CLI checks before sending (the generated validators check every bound).
export type ShapeSchema =
  | { readonly kind: "string"; readonly enum?: readonly string[]; readonly sensitive?: boolean; readonly min?: number }
  | { readonly kind: "boolean" }
  | { readonly kind: "integer" | "long" | "short" | "byte" | "float" | "double" | "bigInteger" | "bigDecimal"; readonly min?: number }
  | { readonly kind: "timestamp"; readonly format?: "date-time" | "epoch-seconds" | "http-date" }
  | { readonly kind: "blob"; readonly min?: number }
  | { readonly kind: "document" }
  | { readonly kind: "list"; readonly member: ShapeSchema; readonly sparse?: boolean; readonly min?: number }
  | { readonly kind: "map"; readonly key: ShapeSchema; readonly value: ShapeSchema; readonly sensitive?: boolean; readonly min?: number }
  | {
      readonly kind: "structure" | "union";
      /** Shape name, e.g. `OtaTaskSchedulingConfig`. */
      readonly name: string;
      /** Members in model order. */
      readonly members: readonly MemberSchema[];
    };

/**
 * One member of a structure or union schema.
 * @public
 */
export interface MemberSchema {
  readonly name: string;
  readonly required: boolean;
  readonly idempotencyToken?: boolean;
  /** Plain-text documentation (HTML removed). */
  readonly documentation?: string;
  readonly schema: ShapeSchema;
}

/**
 * The data-only description of one operation, generated for tools (CLI, skeletons, prompting).
 * @public
 */
export interface OperationSchemaEntry {
  /** Operation name, e.g. `CreateOtaTask`. */
  readonly name: string;
  /** Plain-text documentation (HTML removed). */
  readonly documentation?: string;
  /** `smithy.api#http` method and URI. */
  readonly http: { readonly method: string; readonly uri: string; readonly code: number };
  /** The input structure (members in model order). */
  readonly input: ShapeSchema & { readonly kind: "structure" };
  /** The output structure. */
  readonly output: ShapeSchema & { readonly kind: "structure" };
  /** Names of the modelled error shapes. */
  readonly errors: readonly string[];
}

/**
 * The `smithy.api#paginated` members of an operation, with the service's defaults merged in.
 * @public
 */
export interface PaginationSpec {
  readonly inputToken: string;
  readonly outputToken: string;
  readonly pageSize?: string;
  /** Path of the items list in the output (dots for nested members). */
  readonly items?: string;
}

/**
 * The part an operation plays for its resource: a lifecycle role, or `instance` / `collection` for its other
 * operations.
 * @public
 */
export type ResourceRole = "create" | "put" | "read" | "update" | "delete" | "list" | "instance" | "collection";

/**
 * One resource the model declares.
 * @public
 */
export interface ResourceDescriptor {
  /** Shape name, e.g. `OtaTaskResource`. */
  readonly name: string;
  /** Identifier names (the labels of its instance operations). */
  readonly identifiers: readonly string[];
  /** `aws.api#arn`: the template after `arn:<partition>:<namespace>:<region>:<account>:`. */
  readonly arn?: { readonly template: string; readonly absolute: boolean; readonly noRegion: boolean; readonly noAccount: boolean };
  /** The member of the create (else read) output that carries the identifier, e.g. `TaskId`. */
  readonly idMember?: string;
  /** The member of the create (else read) output that carries the ARN. */
  readonly arnMember?: string;
  /** Operation names by lifecycle role. */
  readonly lifecycle: Readonly<Partial<Record<Exclude<ResourceRole, "instance" | "collection">, string>>>;
}

/**
 * One operation as the service descriptor lists it.
 * @public
 */
export interface OperationDescriptor {
  /** Operation name, e.g. `CreateOtaTask`. */
  readonly name: string;
  /** Its data-only description (members, HTTP binding, errors, documentation). */
  readonly schema: OperationSchemaEntry;
  /** The input member carrying the idempotency token, if any. */
  readonly idempotencyTokenMember?: string;
  /** Present when the operation is `@paginated`. */
  readonly pagination?: PaginationSpec;
  /** The resource it belongs to and its role there. */
  readonly resource?: { readonly name: string; readonly role: ResourceRole };
}

/**
 * The client side of a service: its client class and, per operation, the command class and the spec the
 * runtime runs it with.
 * @public
 */
export interface ClientSide {
  readonly Client: new (...config: any[]) => { send(command: any, options?: any): Promise<any>; destroy(): void };
  readonly commands: Readonly<Record<string, new (input: any) => object>>;
  readonly specs: Readonly<Record<string, OperationSpec<any, any>>>;
}

/**
 * The server side of a service: every operation's request/response serde for the emulator.
 * @public
 */
export interface ServerSide {
  readonly operations: readonly ServerOperationSpec<any, any>[];
}

/**
 * Everything that names a service, generated from its model: the one place the CLI, the emulator and the
 * package index learn the service from. The two sides of the wire load on demand, so a client bundle never
 * carries the server serde and the CLI starts without the client.
 * @public
 */
export interface ServiceDescriptor {
  /** Identifier stem of generated names, e.g. `IoTManagedIntegrations`. */
  readonly name: string;
  /** The AWS CLI's command for the service, e.g. `iot-managed-integrations`. */
  readonly cliName: string;
  /** `aws.api#service` arnNamespace. */
  readonly arnNamespace: string;
  readonly service: ServiceSpec;
  /** Every operation, sorted by name. */
  readonly operations: readonly OperationDescriptor[];
  /** Every resource, in model order. */
  readonly resources: readonly ResourceDescriptor[];
  readonly loadClient: () => Promise<ClientSide>;
  readonly loadServer: () => Promise<ServerSide>;
}
