/**
 * A small Smithy JSON AST using every restJson1 binding and shape kind the serde emitters support; the
 * protocol*.test.ts suites generate it and check the wire format case by case.
 */
const ns = "example.zoo";
const id = (name: string): string => `${ns}#${name}`;
const ref = (name: string): { target: string } => ({ target: name.includes("#") ? name : id(name) });

/** @internal */
export const ZOO_MODEL = {
  smithy: "2.0",
  shapes: {
    [id("Zoo")]: {
      type: "service",
      version: "2024-01-01",
      operations: [ref("PutWidget"), ref("GetBlob"), ref("PutText"), ref("HostOp"), ref("Check")],
      traits: {
        "aws.api#service": { sdkId: "Zoo", endpointPrefix: "zoo" },
        "aws.auth#sigv4": { name: "zoo" },
        "aws.protocols#restJson1": {},
      },
    },
    [id("PutWidget")]: {
      type: "operation",
      input: ref("PutWidgetInput"),
      output: ref("PutWidgetOutput"),
      errors: [ref("WidgetError")],
      traits: { "smithy.api#http": { method: "PUT", uri: "/widgets/{Id}/files/{Path+}?fixed=1&flag", code: 200 } },
    },
    [id("PutWidgetInput")]: {
      type: "structure",
      members: {
        Id: { target: "smithy.api#String", traits: { "smithy.api#required": {}, "smithy.api#httpLabel": {} } },
        Path: { target: "smithy.api#String", traits: { "smithy.api#required": {}, "smithy.api#httpLabel": {} } },
        Count: { target: "smithy.api#Integer", traits: { "smithy.api#httpQuery": "count" } },
        Tags: { target: id("StringList"), traits: { "smithy.api#httpQuery": "tag" } },
        When: { target: "smithy.api#Timestamp", traits: { "smithy.api#httpQuery": "when" } },
        Extra: { target: id("StringMap"), traits: { "smithy.api#httpQueryParams": {} } },
        Ratio: { target: "smithy.api#Double", traits: { "smithy.api#httpHeader": "X-Ratio" } },
        Names: { target: id("StringList"), traits: { "smithy.api#httpHeader": "X-Names" } },
        Dates: { target: id("TimestampList"), traits: { "smithy.api#httpHeader": "X-Dates" } },
        Enabled: { target: "smithy.api#Boolean", traits: { "smithy.api#httpHeader": "X-Enabled" } },
        Json: { target: id("JsonText"), traits: { "smithy.api#httpHeader": "X-Json" } },
        Meta: { target: id("StringMap"), traits: { "smithy.api#httpPrefixHeaders": "X-Meta-" } },
        Token: { target: "smithy.api#String", traits: { "smithy.api#idempotencyToken": {} } },
        Renamed: { target: "smithy.api#String", traits: { "smithy.api#jsonName": "renamed_member" } },
        Created: { target: "smithy.api#Timestamp" },
        Iso: { target: "smithy.api#Timestamp", traits: { "smithy.api#timestampFormat": "date-time" } },
        Http: { target: "smithy.api#Timestamp", traits: { "smithy.api#timestampFormat": "http-date" } },
        Data: { target: "smithy.api#Blob" },
        Doc: { target: "smithy.api#Document" },
        Choice: { target: id("Choice") },
        Sparse: { target: id("SparseList") },
        Floats: { target: id("FloatList") },
        Nested: { target: id("Nested") },
        Level: { target: id("Level") },
        Big: { target: "smithy.api#Long" },
      },
      traits: { "smithy.api#input": {} },
    },
    [id("PutWidgetOutput")]: {
      type: "structure",
      members: {
        Status: { target: "smithy.api#Integer", traits: { "smithy.api#httpResponseCode": {} } },
        Etag: { target: "smithy.api#String", traits: { "smithy.api#httpHeader": "ETag" } },
        Names: { target: id("StringList"), traits: { "smithy.api#httpHeader": "X-Names" } },
        Dates: { target: id("TimestampList"), traits: { "smithy.api#httpHeader": "X-Dates" } },
        Meta: { target: id("StringMap"), traits: { "smithy.api#httpPrefixHeaders": "X-Meta-" } },
        Renamed: { target: "smithy.api#String", traits: { "smithy.api#jsonName": "renamed_member" } },
        Created: { target: "smithy.api#Timestamp" },
        Iso: { target: "smithy.api#Timestamp", traits: { "smithy.api#timestampFormat": "date-time" } },
        Data: { target: "smithy.api#Blob" },
        Doc: { target: "smithy.api#Document" },
        Choice: { target: id("Choice") },
        Sparse: { target: id("SparseList") },
        Floats: { target: id("FloatList") },
        Nested: { target: id("Nested") },
        Level: { target: id("Level") },
      },
      traits: { "smithy.api#output": {} },
    },
    [id("WidgetError")]: {
      type: "structure",
      members: {
        message: { target: "smithy.api#String" },
        Reason: { target: "smithy.api#String", traits: { "smithy.api#httpHeader": "X-Reason" } },
        Code: { target: "smithy.api#Integer", traits: { "smithy.api#jsonName": "code_number" } },
      },
      traits: { "smithy.api#error": "client", "smithy.api#httpError": 422 },
    },
    [id("GetBlob")]: {
      type: "operation",
      input: ref("GetBlobInput"),
      output: ref("GetBlobOutput"),
      traits: { "smithy.api#http": { method: "GET", uri: "/blobs/{Id}" }, "smithy.api#readonly": {} },
    },
    [id("GetBlobInput")]: {
      type: "structure",
      members: { Id: { target: "smithy.api#Integer", traits: { "smithy.api#required": {}, "smithy.api#httpLabel": {} } } },
      traits: { "smithy.api#input": {} },
    },
    [id("GetBlobOutput")]: {
      type: "structure",
      members: {
        Content: { target: id("Png"), traits: { "smithy.api#httpPayload": {} } },
        ContentType: { target: "smithy.api#String", traits: { "smithy.api#httpHeader": "Content-Type" } },
      },
      traits: { "smithy.api#output": {} },
    },
    [id("PutText")]: {
      type: "operation",
      input: ref("PutTextInput"),
      output: { target: "smithy.api#Unit" },
      traits: { "smithy.api#http": { method: "POST", uri: "/text", code: 204 } },
    },
    [id("PutTextInput")]: {
      type: "structure",
      members: { Text: { target: "smithy.api#String", traits: { "smithy.api#httpPayload": {} } } },
      traits: { "smithy.api#input": {} },
    },
    [id("HostOp")]: {
      type: "operation",
      input: ref("HostOpInput"),
      output: { target: "smithy.api#Unit" },
      traits: { "smithy.api#http": { method: "POST", uri: "/host" }, "smithy.api#endpoint": { hostPrefix: "{Tenant}.api." } },
    },
    [id("HostOpInput")]: {
      type: "structure",
      members: { Tenant: { target: "smithy.api#String", traits: { "smithy.api#required": {}, "smithy.api#hostLabel": {} } } },
      traits: { "smithy.api#input": {} },
    },
    [id("Check")]: {
      type: "operation",
      input: ref("CheckInput"),
      output: { target: "smithy.api#Unit" },
      traits: { "smithy.api#http": { method: "POST", uri: "/check" } },
    },
    [id("CheckInput")]: {
      type: "structure",
      members: {
        Digits: { target: id("HasDigit") },
        Unique: { target: id("UniqueList") },
        Bytes: { target: id("SmallBlob") },
        Level: { target: id("Level") },
        Choice: { target: id("Choice") },
        Secret: { target: id("Secret") },
        Ratio: { target: id("Ratio") },
      },
      traits: { "smithy.api#input": {} },
    },
    [id("StringList")]: { type: "list", member: { target: "smithy.api#String" } },
    [id("TimestampList")]: { type: "list", member: { target: "smithy.api#Timestamp" } },
    [id("SparseList")]: { type: "list", member: { target: "smithy.api#String" }, traits: { "smithy.api#sparse": {} } },
    [id("FloatList")]: { type: "list", member: { target: "smithy.api#Float" } },
    [id("UniqueList")]: { type: "list", member: { target: id("Nested") }, traits: { "smithy.api#uniqueItems": {} } },
    [id("StringMap")]: { type: "map", key: { target: "smithy.api#String" }, value: { target: "smithy.api#String" } },
    [id("JsonText")]: { type: "string", traits: { "smithy.api#mediaType": "application/json" } },
    [id("Png")]: { type: "blob", traits: { "smithy.api#mediaType": "image/png" } },
    [id("HasDigit")]: { type: "string", traits: { "smithy.api#pattern": "[0-9]" } },
    [id("SmallBlob")]: { type: "blob", traits: { "smithy.api#length": { max: 3 } } },
    [id("Secret")]: { type: "string", traits: { "smithy.api#sensitive": {}, "smithy.api#length": { min: 8 } } },
    [id("Ratio")]: { type: "float", traits: { "smithy.api#range": { min: 0, max: 1 } } },
    [id("Level")]: { type: "intEnum", members: { LOW: { target: "smithy.api#Unit", traits: { "smithy.api#enumValue": 1 } }, HIGH: { target: "smithy.api#Unit", traits: { "smithy.api#enumValue": 9 } } } },
    [id("Choice")]: {
      type: "union",
      members: { Text: { target: "smithy.api#String" }, Number: { target: "smithy.api#Integer" }, When: { target: "smithy.api#Timestamp" } },
    },
    [id("Nested")]: {
      type: "structure",
      members: {
        Name: { target: "smithy.api#String" },
        Size: { target: "smithy.api#Integer", traits: { "smithy.api#default": 3 } },
        Secret: { target: id("Secret") },
      },
    },
  },
};
