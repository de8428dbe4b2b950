/**
 * The runtime's public surface: what generated clients and commands call, the options users pass, and the
 * error classes they can catch. Service-agnostic: every service fact comes from generated specs.
 *
 * @packageDocumentation
 */
export type {
  ClientSide,
  CollectedResponse,
  EndpointParameters,
  EndpointRuleSet,
  MemberSchema,
  OperationDescriptor,
  OperationSchemaEntry,
  OperationSpec,
  PaginationSpec,
  ResourceDescriptor,
  ResourceRole,
  SerializeContext,
  ServerSide,
  ServiceDescriptor,
  ServerErrorSpec,
  ServerOperationSpec,
  ServerRequest,
  ServerResponse,
  ServiceSpec,
  ShapeSchema,
  Violation,
} from "./protocol/contract.js";
export { RequestDeserializationError } from "./protocol/contract.js";
export type { HttpHandlerOptions } from "@smithy/types";
// What generated code uses from the @smithy packages, re-exported so that a generated client imports
// `iotmi/runtime` alone and type-checks under strict package layouts (pnpm, Yarn Plug'n'Play).
export { Client, ServiceException } from "@smithy/smithy-client";
export type { ExceptionOptionType } from "@smithy/smithy-client";
export { HttpRequest } from "@smithy/protocol-http";
export type { DocumentType, Handler, MetadataBearer, MiddlewareStack, ResponseMetadata } from "@smithy/types";
export { resolveClientConfig } from "./client/config.js";
export type { ClientConfig, ClientExtensionConfiguration, ResolvedClientConfig, RuntimeExtension, RuntimeHooks } from "./client/config.js";
export { resolveOperationHandler } from "./client/handler.js";
export { installClientMiddleware } from "./client/sdk-middleware.js";
export { bearerSigner, type BearerSignerFactory } from "./client/bearer.js";
export { Command } from "./client/command.js";
export { createPaginator } from "./client/paginate.js";
export type { PaginationConfiguration, PaginationMembers, Paginator } from "./client/paginate.js";
export { evaluateEndpointRules } from "./client/endpoint.js";
export {
  awsPartition,
  endpointRuleError,
  isVirtualHostableS3Bucket,
  parseArn,
  parseURL,
  split,
  substring,
  uriEncode,
  validHostLabel,
} from "./client/endpoint-functions.js";
export type { EndpointRuleResult, ParsedArn, ParsedUrl, PartitionData } from "./client/endpoint-functions.js";
export { waitUntil } from "./client/waiter.js";
export type { PathMatcher, WaiterMatcher, WaiterSpec } from "./client/waiter.js";
export { WaiterState } from "@smithy/core/client";
export type { WaiterConfiguration, WaiterResult } from "@smithy/core/client";
export { NodeHttpRequestHandler } from "./client/http-handler.js";
export type { NodeHttpOptions } from "./client/http-handler.js";
export { AbortError, ConfigurationError, InputValidationError, MAX_LISTED_VIOLATIONS, NetworkError, RequestFailedError, TimeoutError } from "./client/errors.js";
// restJson1 helpers for generated serializers, deserializers and validators (service-agnostic; maintained in
// protocol/ with the generator that calls them).
export {
  errorCode,
  errorMessage,
  faultOfStatus,
  finishServiceError,
  modelledError,
  parseErrorBody,
  responseMetadata,
  sanitizeErrorCode,
  unmodelledError,
} from "./protocol/errors.js";
export { joinHeaderList, lowerCaseHeaders, prefixedHeaders, splitHeaderList } from "./protocol/headers.js";
export {
  WireFormatError,
  type IntegerKind,
  asObject,
  keyPath,
  readArray,
  readBigDecimal,
  readBigInteger,
  readBlob,
  readBoolean,
  readFloat,
  readInteger,
  readJsonText,
  readObject,
  readString,
  readTimestamp,
  subPath,
  textToBigInteger,
  textToBlob,
  textToBoolean,
  textToNumber,
  textToTimestamp,
} from "./protocol/read.js";
export {
  formatDateTime,
  formatEpochSeconds,
  formatHttpDate,
  formatTimestamp,
  parseTimestamp,
  splitTimestampList,
  type TimestampFormat,
} from "./protocol/timestamps.js";
export { jsonErrorResponse, queryValues, toRequestError } from "./server/rest-json.js";
export { endpointParamValue, pathField, pathFlatten, pathKeys, pathMultiSelect, pathProject } from "./protocol/context-path.js";
export { decodeLabel, encodeLabel, joinPath, prefixedHost, requireLabel } from "./protocol/uri.js";
export {
  SENSITIVE_STRING,
  checkEnum,
  checkLength,
  checkPattern,
  checkRange,
  checkString,
  checkType,
  checkUnion,
  checkUniqueItems,
  checkUnknownMembers,
  codePointLength,
  missing,
  type ValueKind,
} from "./protocol/validate.js";
export {
  blobBytes,
  bodyText,
  byteLength,
  decodeBase64,
  decodeBase64Text,
  denseList,
  denseMap,
  describeType,
  encodeBase64,
  encodeBase64Text,
  numberText,
  parseFloatValue,
  parseJsonBody,
  serializeFloat,
  setEntry,
  utf8Bytes,
} from "./protocol/values.js";
