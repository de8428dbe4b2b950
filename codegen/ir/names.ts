/**
 * Naming rules for generated TypeScript: which shape names must be changed so they do not shadow the
 * globals and keywords generated code relies on, and the stem used for client class names.
 */

/** Names a generated declaration must not take (TypeScript keywords and globals the output uses). */
const RESERVED: ReadonlySet<string> = new Set([
  "Array", "ArrayBuffer", "BigInt", "Boolean", "Date", "Error", "Function", "Infinity", "JSON", "Map", "Math",
  "NaN", "Number", "Object", "Promise", "Record", "RegExp", "Set", "String", "Symbol", "Uint8Array", "Partial",
  "Readonly", "Required", "Pick", "Omit", "Exclude", "Extract", "Awaited", "ReturnType", "undefined", "any",
  "unknown", "never", "object", "string", "number", "boolean", "symbol", "bigint", "void", "null", "this",
  "break", "case", "catch", "class", "const", "continue", "debugger", "default", "delete", "do", "else", "enum",
  "export", "extends", "false", "finally", "for", "function", "if", "import", "in", "instanceof", "new", "return",
  "super", "switch", "throw", "true", "try", "typeof", "var", "while", "with", "implements", "interface", "let",
  "package", "private", "protected", "public", "static", "yield", "await", "type",
  // Names the generated files import from @smithy packages, and every type or class the runtime exports
  // (test/codegen/names.test.ts keeps this list complete).
  "Client", "Command", "ServiceException", "ExceptionOptionType", "MetadataBearer", "HttpRequest", "HttpResponse",
  "Handler", "MiddlewareStack", "DocumentType", "ResponseMetadata", "Violation", "ServiceSpec", "OperationSpec",
  "OperationSchemaEntry", "ServerOperationSpec", "ServerErrorSpec", "ServerRequest", "ServerResponse", "ClientConfig",
  "ResolvedClientConfig", "HttpHandlerOptions", "SerializeContext", "CollectedResponse", "ShapeSchema", "MemberSchema",
  "EndpointParameters", "EndpointRuleSet", "RequestDeserializationError", "RuntimeHooks", "NodeHttpRequestHandler",
  "NodeHttpOptions", "AbortError", "ConfigurationError", "InputValidationError", "NetworkError", "RequestFailedError",
  "TimeoutError", "WireFormatError", "IntegerKind", "TimestampFormat", "ValueKind", "ClientExtensionConfiguration",
  "RuntimeExtension", "EndpointRuleResult", "PartitionData", "ParsedArn", "ParsedUrl",
  "PathMatcher", "WaiterMatcher", "WaiterSpec", "WaiterState", "WaiterConfiguration", "WaiterResult",
  "ClientSide", "ServerSide", "BearerSignerFactory",
  "OperationDescriptor", "ResourceDescriptor", "ResourceRole", "ServiceDescriptor", "PaginationSpec",
  "PaginationConfiguration", "PaginationMembers", "Paginator",
]);

/**
 * The TypeScript name of a shape: its Smithy name, with `_` prepended when it would shadow a keyword or a
 * global the generated code uses (the smithy-typescript convention).
 * @internal
 */
export function typeScriptName(name: string): string {
  return RESERVED.has(name) ? `_${name}` : name;
}

/** `IoT Managed Integrations` → `IoTManagedIntegrations`. @internal */
export function clientNameFromSdkId(sdkId: string): string {
  return sdkId
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w !== "")
    .map((w) => w[0]?.toUpperCase() + w.slice(1))
    .join("");
}
