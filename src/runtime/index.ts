/**
 * The runtime's public surface: what generated clients and commands call, the options users pass, and the
 * error classes they can catch. Service-agnostic: every service fact comes from generated specs.
 *
 * @packageDocumentation
 */
export type {
  CollectedResponse,
  MemberSchema,
  OperationSchemaEntry,
  OperationSpec,
  SerializeContext,
  ServerErrorSpec,
  ServerOperationSpec,
  ServerRequest,
  ServerResponse,
  ServiceSpec,
  ShapeSchema,
  Violation,
} from "./contract.js";
export { RequestDeserializationError } from "./contract.js";
export type { HttpHandlerOptions } from "@smithy/types";
export { resolveClientConfig } from "./config.js";
export type { ClientConfig, ResolvedClientConfig, RuntimeHooks } from "./config.js";
export { resolveOperationHandler } from "./handler.js";
export { Command } from "./command.js";
export { evaluateEndpointRules } from "./endpoint.js";
export { NodeHttpRequestHandler } from "./http-handler.js";
export type { NodeHttpOptions } from "./http-handler.js";
export { AbortError, ConfigurationError, InputValidationError, NetworkError, RequestFailedError, TimeoutError } from "./errors.js";
// restJson1 helpers for generated serializers, deserializers and validators (maintained in protocol/).
export {
  asObject,
  blobBytes,
  bodyText,
  byteLength,
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
  decodeBase64,
  decodeBase64Text,
  decodeLabel,
  describeType,
  encodeBase64,
  encodeBase64Text,
  encodeLabel,
  errorCode,
  errorMessage,
  faultOfStatus,
  finishServiceError,
  formatDateTime,
  formatEpochSeconds,
  formatHttpDate,
  formatTimestamp,
  joinHeaderList,
  joinPath,
  jsonErrorResponse,
  keyPath,
  lowerCaseHeaders,
  missing,
  modelledError,
  numberText,
  parseErrorBody,
  parseFloatValue,
  parseJsonBody,
  parseTimestamp,
  prefixedHeaders,
  queryValues,
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
  requireLabel,
  responseMetadata,
  sanitizeErrorCode,
  SENSITIVE_STRING,
  serializeFloat,
  setEntry,
  splitHeaderList,
  splitTimestampList,
  subPath,
  textToBigInteger,
  textToBlob,
  textToBoolean,
  textToNumber,
  textToTimestamp,
  toRequestError,
  unmodelledError,
  utf8Bytes,
  WireFormatError,
} from "./protocol/index.js";
export type { TimestampFormat, ValueKind } from "./protocol/index.js";
