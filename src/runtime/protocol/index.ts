/**
 * Service-agnostic restJson1 support for generated serializers, deserializers and validators. Generated code
 * imports these through the runtime's index; nothing here names a service, an operation or a member.
 */
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
} from "./errors.js";
export { joinHeaderList, lowerCaseHeaders, prefixedHeaders, splitHeaderList } from "./headers.js";
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
} from "./read.js";
export {
  formatDateTime,
  formatEpochSeconds,
  formatHttpDate,
  formatTimestamp,
  parseTimestamp,
  splitTimestampList,
  type TimestampFormat,
} from "./timestamps.js";
export { jsonErrorResponse, queryValues, toRequestError } from "./server.js";
export { decodeLabel, encodeLabel, joinPath, requireLabel } from "./uri.js";
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
} from "./validate.js";
export {
  blobBytes,
  bodyText,
  byteLength,
  decodeBase64,
  decodeBase64Text,
  describeType,
  encodeBase64,
  encodeBase64Text,
  numberText,
  parseFloatValue,
  parseJsonBody,
  serializeFloat,
  setEntry,
  utf8Bytes,
} from "./values.js";
