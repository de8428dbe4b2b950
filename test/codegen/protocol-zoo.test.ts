/**
 * Every restJson1 binding on a small model (protocol-zoo-model.ts): labels (greedy too), query literals,
 * lists, timestamps and open query maps, headers with lists, timestamps, booleans, base64 media types and
 * prefixes, jsonName, the three timestamp formats, blobs, documents, unions, sparse lists, NaN/Infinity,
 * nested defaults, payloads, response codes, host prefixes, error members from headers and body; then the
 * same messages through the generated server side, and the validator rules the CreateOtaTask model lacks.
 */
import { HttpResponse, type HttpRequest } from "@smithy/protocol-http";
import { beforeAll, describe, expect, it } from "vitest";
import { RequestDeserializationError, type CollectedResponse, type ServerRequest } from "../../src/runtime/protocol/contract.js";
import { ZOO_MODEL } from "./protocol-zoo-model.js";
import { generateSerde } from "./serde-harness.js";

/* eslint-disable @typescript-eslint/no-explicit-any -- generated modules are imported dynamically */
let serde: any;
let server: any;
let validators: any;
let models: any;

beforeAll(async () => {
  const dir = await generateSerde("b-protocol-zoo", ZOO_MODEL);
  [serde, server, validators, models] = await Promise.all(["serde", "server", "validators", "models"].map((f) => import(`${dir}/${f}.ts`)));
});

const endpoint = { protocol: "https:", hostname: "zoo.example.com", path: "/" };
const context = { endpoint, generateIdempotencyToken: () => "00000000-0000-4000-8000-000000000000" };
const when = new Date(Date.UTC(2019, 11, 16, 23, 48, 18));
const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

function collected(statusCode: number, headers: Record<string, string>, body: string | Uint8Array): CollectedResponse {
  return Object.assign(new HttpResponse({ statusCode, headers }), { body: typeof body === "string" ? bytes(body) : body });
}

function toServer(request: HttpRequest): ServerRequest {
  const query = new Map<string, string[]>();
  for (const [key, value] of Object.entries(request.query ?? {})) query.set(key, value == null ? [""] : Array.isArray(value) ? value : [value]);
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) headers[name.toLowerCase()] = value;
  const body = request.body === undefined ? new Uint8Array() : typeof request.body === "string" ? bytes(request.body) : request.body;
  return { method: request.method, path: request.path, query, headers, body };
}

function serverRead(spec: any, request: ServerRequest): any {
  const labels = spec.matchPath(request.path);
  expect(labels).toBeDefined();
  return spec.deserializeRequest(request, labels);
}

const widget = {
  Id: "a b/c",
  Path: "dir one/file.txt",
  Count: 3,
  Tags: ["x", "y z"],
  When: when,
  Extra: { extra: "e", count: "ignored" },
  Ratio: -Infinity,
  Names: ["plain", "with, comma", 'quo"te'],
  Dates: [when, new Date(when.getTime() + 86_400_000)],
  Enabled: false,
  Json: '{"a":1}',
  Meta: { Owner: "me" },
  Renamed: "r",
  Created: new Date(when.getTime() + 520),
  Iso: when,
  Http: when,
  Data: bytes("value"),
  Doc: { any: ["json", 1, null, { deep: true }] },
  Choice: { When: when },
  Sparse: ["a", null, "b"],
  Floats: [1.5, NaN, Infinity],
  Nested: { Name: "n" },
  Level: 9,
  Big: 9007199254740991,
};

describe("client request serialization", () => {
  it("binds every member where the model says", () => {
    const request: HttpRequest = serde.serializePutWidgetRequest(widget, context);
    expect(request.method).toBe("PUT");
    expect(request.path).toBe("/widgets/a%20b%2Fc/files/dir%20one/file.txt");
    expect(request.query).toEqual({ extra: "e", count: "3", fixed: "1", flag: null, tag: ["x", "y z"], when: "2019-12-16T23:48:18Z" });
    const { "content-length": length, ...headers } = request.headers;
    expect(headers).toEqual({
      "X-Meta-Owner": "me",
      "X-Ratio": "-Infinity",
      "X-Names": 'plain, "with, comma", "quo\\"te"',
      "X-Dates": "Mon, 16 Dec 2019 23:48:18 GMT, Tue, 17 Dec 2019 23:48:18 GMT",
      "X-Enabled": "false",
      "X-Json": "eyJhIjoxfQ==",
      "content-type": "application/json",
    });
    expect(length).toBe(String(bytes(request.body).byteLength));
    expect(JSON.parse(request.body)).toEqual({
      Token: "00000000-0000-4000-8000-000000000000",
      renamed_member: "r",
      Created: 1576540098.52,
      Iso: "2019-12-16T23:48:18Z",
      Http: "Mon, 16 Dec 2019 23:48:18 GMT",
      Data: "dmFsdWU=",
      Doc: { any: ["json", 1, null, { deep: true }] },
      Choice: { When: 1576540098 },
      Sparse: ["a", null, "b"],
      Floats: [1.5, "NaN", "Infinity"],
      // The caller did not set Size: its @default is not sent (the service applies it).
      Nested: { Name: "n" },
      Level: 9,
      Big: 9007199254740991,
    });
    // Model order at the top level too.
    expect(Object.keys(JSON.parse(request.body))[0]).toBe("Token");
  });

  it("joins a custom base path and refuses missing or empty labels", () => {
    const request = serde.serializeGetBlobRequest({ Id: 7 }, { ...context, endpoint: { ...endpoint, path: "/base" } });
    expect(request.path).toBe("/base/blobs/7");
    expect(request.body).toBeUndefined();
    expect(request.headers).toEqual({});
    expect(() => serde.serializePutWidgetRequest({ Id: "", Path: "p" }, context)).toThrow(/Id/);
    expect(() => serde.serializePutWidgetRequest({ Path: "p" }, context)).toThrow(/Id/);
  });

  it("prefixes the host with host labels and still sends them in the body", () => {
    const request = serde.serializeHostOpRequest({ Tenant: "acme" }, context);
    expect(request.hostname).toBe("acme.api.zoo.example.com");
    expect(request.body).toBe('{"Tenant":"acme"}');
    // The client option disableHostPrefix: the endpoint's host as it is, the label still in the body.
    const unprefixed = serde.serializeHostOpRequest({ Tenant: "acme" }, { ...context, disableHostPrefix: true });
    expect(unprefixed.hostname).toBe("zoo.example.com");
    expect(unprefixed.body).toBe('{"Tenant":"acme"}');
  });

  it("sends a string payload as text/plain, and no body (still with its content type, as the SDK v3) when it is absent", () => {
    const request = serde.serializePutTextRequest({ Text: "héllo" }, context);
    expect(request.body).toBe("héllo");
    expect(request.headers).toEqual({ "content-type": "text/plain", "content-length": "6" });
    const empty = serde.serializePutTextRequest({}, context);
    expect(empty.body).toBeUndefined();
    expect(empty.headers).toEqual({ "content-type": "text/plain" });
  });
});

describe("client response deserialization", () => {
  it("reads status, headers, prefixed headers and body members", () => {
    const body = JSON.stringify({
      renamed_member: "r",
      Created: 1576540098.52,
      Iso: "2019-12-16T23:48:18Z",
      Data: "dmFsdWU=",
      Doc: [1, "two"],
      Choice: { Number: 5 },
      Sparse: [null, "b"],
      Floats: ["-Infinity", 2],
      Nested: { Name: "n", Secret: "s" },
      Level: 1,
      Unknown: { ignored: true },
    });
    const output = serde.deserializePutWidgetResponse(
      collected(202, { ETag: '"abc"', "X-Names": 'a, "b,c"', "X-Dates": "Mon, 16 Dec 2019 23:48:18 GMT, Tue, 17 Dec 2019 23:48:18 GMT", "X-Meta-A": "1", "x-meta-b": "2" }, body),
    );
    expect(output).toEqual({
      Status: 202,
      Etag: '"abc"',
      Names: ["a", "b,c"],
      Dates: [when, new Date(when.getTime() + 86_400_000)],
      Meta: { a: "1", b: "2" },
      Renamed: "r",
      Created: new Date(when.getTime() + 520),
      Iso: when,
      Data: bytes("value"),
      Doc: [1, "two"],
      Choice: { Number: 5 },
      Sparse: [null, "b"],
      Floats: [-Infinity, 2],
      Nested: { Name: "n", Secret: "s", Size: 3 },
      Level: 1,
    });
  });

  it("keeps union members it does not know", () => {
    expect(serde.deserializePutWidgetResponse(collected(200, {}, '{"Choice":{"__type":"x","Shape":{"r":1}}}')).Choice).toEqual({ $unknown: ["Shape", { r: 1 }] });
  });

  it("reads a blob payload and its content type", () => {
    const png = new Uint8Array([137, 80, 78, 71]);
    expect(serde.deserializeGetBlobResponse(collected(200, { "Content-Type": "image/png" }, png))).toEqual({ Content: png, ContentType: "image/png" });
    expect(serde.deserializeGetBlobResponse(collected(200, {}, ""))).toEqual({});
  });

  it("builds modelled errors with members from headers and body", () => {
    let error: any;
    try {
      serde.deserializePutWidgetResponse(collected(422, { "X-Amzn-ErrorType": "example.zoo#WidgetError", "X-Reason": "why" }, '{"message":"bad widget","code_number":7,"other":1}'));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(models.WidgetError);
    expect(error).toMatchObject({ name: "WidgetError", message: "bad widget", Reason: "why", Code: 7, other: 1, $fault: "client" });
  });
});

describe("server side of the same messages", () => {
  it("reads back what the client sent", () => {
    const request = serde.serializePutWidgetRequest(widget, context);
    const input = serverRead(server.PutWidgetServerSpec, toServer(request));
    expect(input).toEqual({
      ...widget,
      // A server puts every query parameter in the open map, bound ones and literals included (first value).
      Extra: { extra: "e", count: "3", fixed: "1", flag: "", tag: "x", when: "2019-12-16T23:48:18Z" },
      Meta: { owner: "me" },
      Token: "00000000-0000-4000-8000-000000000000",
      Nested: { Name: "n", Size: 3 },
    });
  });

  it("matches labels, greedy ones included, and decodes them", () => {
    const { matchPath } = server.PutWidgetServerSpec;
    expect(matchPath("/widgets/a%20b/files/x/y/z")).toEqual({ Id: "a b", Path: "x/y/z" });
    expect(matchPath("/widgets/a/files/")).toBeUndefined();
    expect(matchPath("/widgets/a%ZZ/files/x")).toBeUndefined();
    expect(server.GetBlobServerSpec.matchPath("/blobs/12")).toEqual({ Id: "12" });
  });

  it("rejects malformed labels, query values and headers with the member named", () => {
    const read = (spec: any, request: Partial<ServerRequest> & { path: string }): RequestDeserializationError => {
      try {
        serverRead(spec, { method: "GET", query: new Map(), headers: {}, body: new Uint8Array(), ...request });
      } catch (error) {
        expect(error).toBeInstanceOf(RequestDeserializationError);
        return error as RequestDeserializationError;
      }
      throw new Error("accepted");
    };
    expect(read(server.GetBlobServerSpec, { path: "/blobs/seven" }).path).toBe("Id");
    expect(read(server.PutWidgetServerSpec, { path: "/widgets/a/files/b", query: new Map([["count", ["1.5"]]]) }).path).toBe("Count");
    expect(read(server.PutWidgetServerSpec, { path: "/widgets/a/files/b", headers: { "x-enabled": "yes" } }).path).toBe("Enabled");
    expect(read(server.PutWidgetServerSpec, { path: "/widgets/a/files/b", headers: { "x-dates": "yesterday" } }).path).toBe("Dates");
    expect(read(server.PutWidgetServerSpec, { path: "/widgets/a/files/b", body: bytes('{"Choice":{}}') }).path).toBe("Choice");
    expect(read(server.PutWidgetServerSpec, { path: "/widgets/a/files/b", body: bytes('{"Data":"%%%"}') }).path).toBe("Data");
    // Stricter than the client: no nulls in dense lists, exactly one known union member.
    expect(read(server.PutWidgetServerSpec, { path: "/widgets/a/files/b", body: bytes('{"Floats":[1,null]}') }).path).toBe("Floats[1]");
    const union = read(server.PutWidgetServerSpec, { path: "/widgets/a/files/b", body: bytes('{"Choice":{"Text":"a","Number":1}}') });
    expect([union.path, union.message]).toEqual(["Choice", "Choice: a union must set exactly one of Text, Number, When; got Text, Number"]);
    expect(read(server.PutWidgetServerSpec, { path: "/widgets/a/files/b", body: bytes('{"Choice":{"Shape":1}}') }).path).toBe("Choice");
  });

  it("writes responses the client reads back", () => {
    const output = {
      Status: 201,
      Etag: "e",
      Names: ["a", "b,c"],
      Dates: [when],
      Meta: { k: "v" },
      Renamed: "r",
      Created: when,
      Iso: when,
      Data: bytes("x"),
      Doc: { d: 1 },
      Choice: { Text: "t" },
      Sparse: [null],
      Floats: [NaN],
      Nested: { Name: "n", Size: 4 },
      Level: 1,
    };
    const written = server.PutWidgetServerSpec.serializeResponse(output);
    expect(written.statusCode).toBe(201);
    expect(serde.deserializePutWidgetResponse(collected(written.statusCode, written.headers, written.body))).toEqual(output);
    const blob = server.GetBlobServerSpec.serializeResponse({ Content: bytes("png"), ContentType: "image/png" });
    expect(blob).toEqual({ statusCode: 200, headers: { "content-type": "image/png" }, body: bytes("png") });
    expect(server.PutTextServerSpec.serializeResponse({})).toEqual({ statusCode: 204, headers: {}, body: "" });
  });

  it("writes error members in their JSON form", () => {
    const spec = server.PutWidgetServerSpec;
    const written = spec.serializeError(spec.errors.WidgetError, "bad", { Code: 7 });
    expect(written).toEqual({
      statusCode: 422,
      headers: { "content-type": "application/json", "x-amzn-errortype": "WidgetError" },
      body: '{"message":"bad","code_number":7}',
    });
  });
});

describe("validator rules beyond CreateOtaTask", () => {
  it("matches unanchored patterns anywhere", () => {
    expect(validators.validateCheckInput({ Digits: "abc1def" })).toEqual([]);
    expect(validators.validateCheckInput({ Digits: "abc" })[0]?.message).toBe('Digits: must match the pattern [0-9]; got "abc"');
  });

  it("checks uniqueItems, blob lengths in bytes, intEnum values, float ranges and unions", () => {
    const result = validators.validateCheckInput({
      Unique: [{ Name: "a" }, { Name: "b" }, { Name: "a" }],
      Bytes: bytes("four"),
      Level: 5,
      Ratio: 1.5,
      Choice: { Text: "t", Number: 1 },
    });
    expect(result.map((v: any) => [v.path, v.rule, v.message])).toEqual([
      ["Unique", "uniqueItems", "Unique: items must be unique; item [2] repeats item [0]"],
      ["Bytes", "length", "Bytes: length must be at most 3 bytes; got 4"],
      ["Level", "enum", "Level: must be one of 1, 9; got 5"],
      ["Choice", "type", "Choice: must set exactly one member of Choice; got Text, Number"],
      ["Ratio", "range", "Ratio: must be between 0 and 1; got 1.5"],
    ]);
  });

  it("hides sensitive members even when nested, and redacts them for logs", () => {
    const result = validators.validateCheckInput({ Secret: "short", Unique: [{ Secret: "tiny" }] });
    expect(result.map((v: any) => v.value)).toEqual(["***SensitiveInformation***", "***SensitiveInformation***"]);
    const redacted = serde.redactPutWidgetInput({ Id: "i", Path: "p", Nested: { Name: "n", Secret: "s3cret" } });
    expect(redacted).toEqual({ Id: "i", Path: "p", Nested: { Name: "n", Secret: "***SensitiveInformation***" } });
  });
});
