/**
 * The generated server side of CreateOtaTask (what the emulator runs), and round trips through both sides:
 * client serializer → server deserializer, server response writer → client deserializer.
 */
import fc from "fast-check";
import type { HttpRequest } from "@smithy/protocol-http";
import { HttpResponse } from "@smithy/protocol-http";
import { beforeAll, describe, expect, it } from "vitest";
import { RequestDeserializationError, type ServerRequest } from "../../src/runtime/protocol/contract.js";
import { generateSerde, OUR_MODEL } from "./serde-harness.js";

/* eslint-disable @typescript-eslint/no-explicit-any -- generated modules are imported dynamically */
let server: any;
let serde: any;

beforeAll(async () => {
  const dir = await generateSerde("b-server-ota", OUR_MODEL);
  server = await import(`${dir}/server.ts`);
  serde = await import(`${dir}/serde.ts`);
});

function serverRequest(body: string, path = "/ota-tasks"): ServerRequest {
  return { method: "POST", path, query: new Map(), headers: { "content-type": "application/json" }, body: new TextEncoder().encode(body) };
}

/** What the emulator would receive for a client request. */
function toServerRequest(request: HttpRequest): ServerRequest {
  const query = new Map<string, string[]>();
  for (const [key, value] of Object.entries(request.query ?? {})) {
    query.set(key, value == null ? [""] : Array.isArray(value) ? value : [value]);
  }
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) headers[name.toLowerCase()] = value;
  const body = typeof request.body === "string" ? new TextEncoder().encode(request.body) : (request.body ?? new Uint8Array());
  return { method: request.method, path: request.path, query, headers, body };
}

function deserialize(request: ServerRequest): unknown {
  const spec = server.CreateOtaTaskServerSpec;
  const labels = spec.matchPath(request.path);
  if (!labels) throw new Error("no match");
  return spec.deserializeRequest(request, labels);
}

function deserializationError(body: string): RequestDeserializationError {
  try {
    deserialize(serverRequest(body));
  } catch (error) {
    expect(error).toBeInstanceOf(RequestDeserializationError);
    return error as RequestDeserializationError;
  }
  throw new Error("accepted");
}

describe("CreateOtaTaskServerSpec", () => {
  it("describes the operation", () => {
    const spec = server.CreateOtaTaskServerSpec;
    expect([spec.name, spec.method, spec.uri, spec.successCode, spec.idempotencyTokenMember]).toEqual(["CreateOtaTask", "POST", "/ota-tasks", 201, "ClientToken"]);
    expect(spec.errors.ThrottlingException).toEqual({ name: "ThrottlingException", httpStatus: 429, fault: "client" });
    expect(spec.errors.InternalServerException).toEqual({ name: "InternalServerException", httpStatus: 500, fault: "server" });
    expect(server.serverOperations).toContain(spec);
    expect(server.serverOperations.map((s: { name: string }) => s.name)).toContain("ListOtaTaskExecutions");
  });

  it("matches only its own path", () => {
    const { matchPath } = server.CreateOtaTaskServerSpec;
    expect(matchPath("/ota-tasks")).toEqual({});
    expect(matchPath("/ota-tasks/1")).toBeUndefined();
    expect(matchPath("/ota-tasksX")).toBeUndefined();
  });

  it("reads a JSON body and ignores unknown members", () => {
    expect(deserialize(serverRequest('{"OtaType":"ONE_TIME","S3Url":"u","Whatever":1,"Tags":{"a":"b"}}'))).toEqual({ S3Url: "u", OtaType: "ONE_TIME", Tags: { a: "b" } });
    expect(deserialize(serverRequest(""))).toEqual({});
  });

  it("rejects malformed JSON", () => {
    const error = deserializationError('{"S3Url":');
    expect(error.message).toMatch(/^malformed JSON body/);
    expect(error.path).toBeUndefined();
    expect(deserializationError("[1,2]").message).toBe("expected an object, got array");
  });

  it.each([
    ['{"S3Url":5}', "S3Url", "S3Url: expected a string, got number"],
    ['{"Target":"arn"}', "Target", "Target: expected an array, got string"],
    ['{"Target":["a",1]}', "Target[1]", "Target[1]: expected a string, got number"],
    ['{"Target":[null]}', "Target[0]", "Target[0]: null is not allowed here"],
    ['{"Tags":{"env":null}}', "Tags[***SensitiveInformation***]", "Tags[***SensitiveInformation***]: null is not allowed here"],
    ['{"OtaSchedulingConfig":{"MaintenanceWindows":[{"DurationInMinutes":"60"}]}}', "OtaSchedulingConfig.MaintenanceWindows[0].DurationInMinutes", "OtaSchedulingConfig.MaintenanceWindows[0].DurationInMinutes: expected an integer, got string"],
    ['{"OtaTaskExecutionRetryConfig":{"RetryConfigCriteria":[{"MinNumberOfRetries":1.5}]}}', "OtaTaskExecutionRetryConfig.RetryConfigCriteria[0].MinNumberOfRetries", "OtaTaskExecutionRetryConfig.RetryConfigCriteria[0].MinNumberOfRetries: expected an integer, got number"],
    ['{"Tags":{"env":true}}', "Tags[***SensitiveInformation***]", "Tags[***SensitiveInformation***]: expected a string, got boolean"],
  ])("rejects %s at %s", (body, path, message) => {
    const error = deserializationError(body);
    expect(error.path).toBe(path);
    expect(error.message).toBe(message);
  });

  it("writes a 201 JSON response in model order", () => {
    const response = server.CreateOtaTaskServerSpec.serializeResponse({ Description: "d", TaskArn: "arn", TaskId: "id" });
    expect(response).toEqual({ statusCode: 201, headers: { "content-type": "application/json" }, body: '{"TaskId":"id","TaskArn":"arn","Description":"d"}' });
  });

  it("writes modelled errors with status, X-Amzn-ErrorType and a message", () => {
    const spec = server.CreateOtaTaskServerSpec;
    expect(spec.serializeError(spec.errors.ConflictException, "exists")).toEqual({
      statusCode: 409,
      headers: { "content-type": "application/json", "x-amzn-errortype": "ConflictException" },
      body: '{"message":"exists"}',
    });
    expect(JSON.parse(spec.serializeError(spec.errors.ValidationException, "bad", { Message: "bad" }).body)).toEqual({ message: "bad", Message: "bad" });
  });

  it("produces errors the client reads back as their classes", () => {
    const spec = server.CreateOtaTaskServerSpec;
    for (const error of Object.values(spec.errors) as { name: string; httpStatus: number; fault: string }[]) {
      const written = spec.serializeError(error, "why");
      const collected = Object.assign(new HttpResponse({ statusCode: written.statusCode, headers: written.headers }), {
        body: new TextEncoder().encode(written.body),
      });
      let thrown: any;
      try {
        serde.deserializeCreateOtaTaskResponse(collected);
      } catch (e) {
        thrown = e;
      }
      expect(thrown?.name).toBe(error.name);
      expect(thrown?.$fault).toBe(error.fault);
      expect(thrown?.message).toBe("why");
    }
  });
});

describe("round trips", () => {
  const text = fc.string({ maxLength: 20, unit: "grapheme" });
  const maybe = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> => fc.option(arb, { nil: undefined });
  const window = fc.record({ DurationInMinutes: maybe(fc.integer({ min: 1, max: 1430 })), StartTime: maybe(text) }, { requiredKeys: [] });
  const input = fc.record(
    {
      Description: text,
      S3Url: text,
      Protocol: fc.constant("HTTP"),
      Target: fc.array(text, { maxLength: 3 }),
      TaskConfigurationId: text,
      OtaMechanism: fc.constant("PUSH"),
      OtaType: fc.constantFrom("ONE_TIME", "CONTINUOUS"),
      OtaTargetQueryString: text,
      ClientToken: text,
      OtaSchedulingConfig: fc.record(
        { EndBehavior: fc.constantFrom("STOP_ROLLOUT", "CANCEL", "FORCE_CANCEL"), EndTime: text, MaintenanceWindows: fc.array(window, { maxLength: 3 }), StartTime: text },
        { requiredKeys: [] },
      ),
      OtaTaskExecutionRetryConfig: fc.record(
        { RetryConfigCriteria: fc.array(fc.record({ FailureType: fc.constantFrom("FAILED", "TIMED_OUT", "ALL"), MinNumberOfRetries: fc.integer({ min: 0, max: 10 }) }, { requiredKeys: [] }), { maxLength: 3 }) },
        { requiredKeys: [] },
      ),
      Tags: fc.dictionary(text.filter((k) => k !== "__proto__"), text, { maxKeys: 4 }),
    },
    { requiredKeys: ["S3Url", "OtaType"] },
  );

  /** Drops undefined members, as the wire does. */
  function wire<T>(value: T): T {
    return JSON.parse(JSON.stringify(value)) as T;
  }

  it("client serializer → server deserializer gives the input back (token filled once)", () => {
    const endpoint = { protocol: "http:", hostname: "127.0.0.1", port: 1234, path: "/" };
    fc.assert(
      fc.property(input, (value) => {
        let tokens = 0;
        const request = serde.serializeCreateOtaTaskRequest(value, { endpoint, generateIdempotencyToken: () => `gen-${++tokens}` });
        const read = deserialize(toServerRequest(request));
        const expected = wire({ ...value, ClientToken: value.ClientToken ?? "gen-1" });
        expect(read).toEqual(expected);
        expect(tokens).toBe(value.ClientToken === undefined ? 1 : 0);
        // Model order survives whatever order the caller used.
        expect(Object.keys(read as object)).toEqual(Object.keys(expected).sort((a, b) => order.indexOf(a) - order.indexOf(b)));
      }),
      { numRuns: 300 },
    );
  });

  const order = ["Description", "S3Url", "Protocol", "Target", "TaskConfigurationId", "OtaMechanism", "OtaType", "OtaTargetQueryString", "ClientToken", "OtaSchedulingConfig", "OtaTaskExecutionRetryConfig", "Tags"];

  it("server response writer → client deserializer gives the output back", () => {
    const output = fc.record({ TaskId: text, TaskArn: text, Description: text }, { requiredKeys: [] });
    fc.assert(
      fc.property(output, (value) => {
        const written = server.CreateOtaTaskServerSpec.serializeResponse(value);
        const collected = Object.assign(new HttpResponse({ statusCode: written.statusCode, headers: written.headers }), {
          body: new TextEncoder().encode(written.body),
        });
        expect(serde.deserializeCreateOtaTaskResponse(collected)).toEqual(wire(value));
      }),
      { numRuns: 200 },
    );
  });
});

describe("robustness on arbitrary input", () => {
  const jsonText = fc.oneof(
    fc.json(),
    fc.jsonValue().map((v) => JSON.stringify({ S3Url: v, OtaType: v, Target: [v], Tags: { k: v }, OtaSchedulingConfig: { MaintenanceWindows: [v, { DurationInMinutes: v }] } })),
    fc.string(),
  );

  it("the server reads or throws RequestDeserializationError, nothing else", () => {
    fc.assert(
      fc.property(jsonText, (body) => {
        try {
          deserialize(serverRequest(body));
        } catch (error) {
          expect(error).toBeInstanceOf(RequestDeserializationError);
        }
      }),
      { numRuns: 500 },
    );
  });

  it("passes over an error-type header that names nothing once cleaned up (found by the property below)", () => {
    const thrown = (headers: Record<string, string>, body: object): any => {
      const collected = Object.assign(new HttpResponse({ statusCode: 400, headers }), { body: new TextEncoder().encode(JSON.stringify(body)) });
      try {
        serde.deserializeCreateOtaTaskResponse(collected);
      } catch (error) {
        return error;
      }
      return undefined;
    };
    expect(thrown({ "x-amzn-errortype": " " }, { name: 0, code: "ThrottlingException" })).toMatchObject({ name: "ThrottlingException" });
    expect(thrown({ "x-amzn-errortype": "aws.protocols#" }, { name: 0 })).toMatchObject({ name: "Unknown", $fault: "client" });
  });

  it("the client turns any error response into a service exception", () => {
    fc.assert(
      fc.property(fc.integer({ min: 300, max: 599 }), jsonText, fc.option(fc.string(), { nil: undefined }), (status, body, type) => {
        const headers: Record<string, string> = type === undefined ? {} : { "x-amzn-errortype": type };
        const collected = Object.assign(new HttpResponse({ statusCode: status, headers }), { body: new TextEncoder().encode(body) });
        let thrown: any;
        try {
          serde.deserializeCreateOtaTaskResponse(collected);
        } catch (error) {
          thrown = error;
        }
        expect(thrown?.$metadata?.httpStatusCode).toBe(status);
        expect(typeof thrown?.name).toBe("string");
        expect(thrown?.$fault).toMatch(/^(client|server)$/);
      }),
      { numRuns: 500 },
    );
  });

  it("the validator never throws and reports only known rules", () => {
    const validateCreateOtaTaskRequest = server.CreateOtaTaskServerSpec.validate;
    fc.assert(
      fc.property(fc.oneof(fc.anything(), fc.dictionary(fc.constantFrom("S3Url", "OtaType", "Tags", "Target", "OtaSchedulingConfig", "x"), fc.anything())), (input) => {
        const violations = validateCreateOtaTaskRequest(input);
        for (const v of violations) expect(["required", "type", "enum", "length", "pattern", "range", "uniqueItems", "unknown-member"]).toContain(v.rule);
      }),
      { numRuns: 500 },
    );
  });
});
