/**
 * The generated restJson1 client serde of our own model (CreateOtaTask): exact request bytes in model order,
 * idempotency tokens, response reading, error responses as wire-notes.md describes them, and redaction.
 */
import { HttpRequest, HttpResponse } from "@smithy/protocol-http";
import { beforeAll, describe, expect, it } from "vitest";
import type { CollectedResponse, SerializeContext } from "../../src/runtime/protocol/contract.js";
import { generateSerde, OUR_MODEL } from "./serde-harness.js";

/* eslint-disable @typescript-eslint/no-explicit-any -- generated modules are imported dynamically */
let serde: any;
let models: any;
let operations: any;

beforeAll(async () => {
  const dir = await generateSerde("b-serde-ota", OUR_MODEL);
  serde = await import(`${dir}/serde.ts`);
  models = await import(`${dir}/models.ts`);
  operations = await import(`${dir}/operations.ts`);
});

const TOKEN = "00000000-0000-4000-8000-000000000000";

function context(overrides: Partial<SerializeContext["endpoint"]> = {}): SerializeContext & { tokens: number } {
  const ctx = {
    tokens: 0,
    endpoint: { protocol: "https:", hostname: "api.iotmanagedintegrations.us-east-1.api.aws", path: "/", ...overrides },
    generateIdempotencyToken: () => {
      ctx.tokens++;
      return TOKEN;
    },
  };
  return ctx;
}

function response(statusCode: number, body: string, headers: Record<string, string> = {}): CollectedResponse {
  return Object.assign(new HttpResponse({ statusCode, headers, body: undefined }), { body: new TextEncoder().encode(body) });
}

/** Every member set, given in an order unlike the model's at every level. */
const fullInput = {
  Tags: { env: "prod", team: "fw", a: "1" },
  OtaTaskExecutionRetryConfig: { RetryConfigCriteria: [{ MinNumberOfRetries: 3, FailureType: "FAILED" }] },
  OtaSchedulingConfig: {
    StartTime: "2025-01-01T00:00:00Z",
    MaintenanceWindows: [{ StartTime: "cron(0 2 * * ? *)", DurationInMinutes: 120 }],
    EndTime: "2025-02-01T00:00:00Z",
    EndBehavior: "CANCEL",
  },
  ClientToken: "tok-1",
  OtaTargetQueryString: "attributes.model:x1",
  OtaType: "ONE_TIME",
  OtaMechanism: "PUSH",
  TaskConfigurationId: "cfg1",
  Target: ["arn:a", "arn:b"],
  Protocol: "HTTP",
  S3Url: "s3://bucket/firmware.bin",
  Description: "Spring rollout",
};

const fullBody =
  '{"S3Url":"s3://bucket/firmware.bin","OtaType":"ONE_TIME","Description":"Spring rollout","Protocol":"HTTP","Target":["arn:a","arn:b"],' +
  '"TaskConfigurationId":"cfg1","OtaMechanism":"PUSH","OtaTargetQueryString":"attributes.model:x1",' +
  '"ClientToken":"tok-1","OtaSchedulingConfig":{"EndBehavior":"CANCEL","EndTime":"2025-02-01T00:00:00Z",' +
  '"MaintenanceWindows":[{"DurationInMinutes":120,"StartTime":"cron(0 2 * * ? *)"}],"StartTime":"2025-01-01T00:00:00Z"},' +
  '"OtaTaskExecutionRetryConfig":{"RetryConfigCriteria":[{"FailureType":"FAILED","MinNumberOfRetries":3}]},' +
  '"Tags":{"env":"prod","team":"fw","a":"1"}}';

describe("serializeCreateOtaTaskRequest", () => {
  // Required members first, then the others, each in model order (the SDK v3's schema order).
  it("sends POST /ota-tasks with a compact JSON body in the SDK v3's member order at every level", () => {
    const ctx = context();
    const request: HttpRequest = serde.serializeCreateOtaTaskRequest(fullInput, ctx);
    expect(request).toBeInstanceOf(HttpRequest);
    expect(request.method).toBe("POST");
    expect(request.protocol).toBe("https:");
    expect(request.hostname).toBe("api.iotmanagedintegrations.us-east-1.api.aws");
    expect(request.path).toBe("/ota-tasks");
    expect(request.query).toEqual({});
    expect(request.headers).toEqual({ "content-type": "application/json", "content-length": String(Buffer.byteLength(fullBody)) });
    expect(request.body).toBe(fullBody);
    expect(ctx.tokens).toBe(0);
  });

  it("fills an absent idempotency token exactly once and leaves the caller's input alone", () => {
    const ctx = context();
    const input = { S3Url: "s3://b/f", OtaType: "CONTINUOUS" };
    const request = serde.serializeCreateOtaTaskRequest(input, ctx);
    expect(ctx.tokens).toBe(1);
    expect(request.body).toBe(`{"S3Url":"s3://b/f","OtaType":"CONTINUOUS","ClientToken":"${TOKEN}"}`);
    expect(input).toEqual({ S3Url: "s3://b/f", OtaType: "CONTINUOUS" });
  });

  it("omits undefined and null members and keeps map insertion order", () => {
    const request = serde.serializeCreateOtaTaskRequest(
      { S3Url: "u", OtaType: "ONE_TIME", ClientToken: "t", Description: undefined, Target: null, Tags: { z: "1", b: "2", y: "3" } },
      context(),
    );
    expect(request.body).toBe('{"S3Url":"u","OtaType":"ONE_TIME","ClientToken":"t","Tags":{"z":"1","b":"2","y":"3"}}');
  });

  it("counts content-length in UTF-8 bytes", () => {
    const request = serde.serializeCreateOtaTaskRequest({ S3Url: "s3://b/ünï😀", OtaType: "ONE_TIME", ClientToken: "t" }, context());
    expect(request.headers["content-length"]).toBe(String(new TextEncoder().encode(request.body).byteLength));
  });

  it("joins a custom endpoint's path and port", () => {
    const request = serde.serializeCreateOtaTaskRequest({ S3Url: "u", OtaType: "ONE_TIME" }, context({ protocol: "http:", hostname: "127.0.0.1", port: 8080, path: "/prefix/" }));
    expect(request.path).toBe("/prefix/ota-tasks");
    expect(request.port).toBe(8080);
    expect(request.protocol).toBe("http:");
  });
});

describe("deserializeCreateOtaTaskResponse", () => {
  it("reads the output members and ignores unknown ones", () => {
    const output = serde.deserializeCreateOtaTaskResponse(
      response(201, '{"TaskId":"abc123","TaskArn":"arn:aws:iotmanagedintegrations:us-east-1:123:ota-task/abc123","Description":"d","NewField":{"x":1}}'),
    );
    expect(output).toEqual({ TaskId: "abc123", TaskArn: "arn:aws:iotmanagedintegrations:us-east-1:123:ota-task/abc123", Description: "d" });
  });

  it("accepts an empty body and null members", () => {
    expect(serde.deserializeCreateOtaTaskResponse(response(201, ""))).toEqual({});
    expect(serde.deserializeCreateOtaTaskResponse(response(201, '{"TaskId":null}'))).toEqual({});
  });

  it("rejects a member of the wrong type with its name", () => {
    expect(() => serde.deserializeCreateOtaTaskResponse(response(201, '{"TaskId":5}'))).toThrow("TaskId: expected a string, got number");
  });
});

describe("error responses (wire-notes.md)", () => {
  function fail(status: number, body: string, headers: Record<string, string> = {}): any {
    try {
      serde.deserializeCreateOtaTaskResponse(response(status, body, headers));
    } catch (error) {
      return error;
    }
    throw new Error("no error thrown");
  }

  it("maps the X-Amzn-ErrorType header to the modelled class, sanitised", () => {
    const error = fail(409, '{"message":"already exists"}', {
      "X-Amzn-ErrorType": "ConflictException:http://internal.amazon.com/coral/com.amazon.coral.validate/",
      "x-amzn-RequestId": "req-1",
    });
    expect(error).toBeInstanceOf(models.ConflictException);
    expect(error).toBeInstanceOf(models.IoTManagedIntegrationsServiceException);
    expect(error.name).toBe("ConflictException");
    expect(error.$fault).toBe("client");
    expect(error.message).toBe("already exists");
    expect(error.$metadata).toEqual({ httpStatusCode: 409, requestId: "req-1" });
    expect(error.$response.statusCode).toBe(409);
  });

  it("falls back to a body code in any case, then __type with a namespace", () => {
    expect(fail(400, '{"Code":"ValidationException","Message":"bad"}')).toBeInstanceOf(models.ValidationException);
    const throttled = fail(429, '{"__type":"com.amazonaws.iotmanagedintegrations#ThrottlingException","message":"slow down"}');
    expect(throttled).toBeInstanceOf(models.ThrottlingException);
    expect(throttled.message).toBe("slow down");
    expect(fail(500, '{"code":"InternalServerException"}').$fault).toBe("server");
  });

  it("takes the message from Message when message is absent and keeps the modelled member", () => {
    const error = fail(403, '{"Message":"denied"}', { "x-amzn-errortype": "AccessDeniedException" });
    expect(error).toBeInstanceOf(models.AccessDeniedException);
    expect(error.message).toBe("denied");
    expect(error.Message).toBe("denied");
  });

  it("copies other body members onto the error", () => {
    const error = fail(400, '{"message":"m","reason":"FIELD","fieldList":[{"name":"S3Url"}]}', { "x-amzn-errortype": "ValidationException" });
    expect(error.reason).toBe("FIELD");
    expect(error.fieldList).toEqual([{ name: "S3Url" }]);
  });

  it("turns an unknown code into the base exception named after the code, fault from the status", () => {
    const error = fail(503, '{"message":"try later"}', { "x-amzn-errortype": "ServiceUnavailableException" });
    expect(error.constructor).toBe(models.IoTManagedIntegrationsServiceException);
    expect(error.name).toBe("ServiceUnavailableException");
    expect(error.$fault).toBe("server");
    expect(error.message).toBe("try later");
    expect(fail(418, "{}", { "x-amzn-errortype": "Teapot" }).$fault).toBe("client");
  });

  it("gives name Unknown and message UnknownError when there is no code", () => {
    for (const body of ["", "{}", "<html>Bad Gateway</html>"]) {
      const error = fail(502, body);
      expect(error).toBeInstanceOf(models.IoTManagedIntegrationsServiceException);
      expect(error.name).toBe("Unknown");
      expect(error.message).toBe("UnknownError");
      expect(error.$fault).toBe("server");
      expect(error.$metadata.httpStatusCode).toBe(502);
    }
  });
});

describe("redaction", () => {
  it("replaces the sensitive Tags map and copies the rest", () => {
    const redacted = serde.redactCreateOtaTaskRequest(fullInput);
    expect(redacted.Tags).toBe("***SensitiveInformation***");
    expect(redacted.S3Url).toBe(fullInput.S3Url);
    expect(JSON.stringify(redacted)).not.toContain("prod");
    expect(fullInput.Tags.env).toBe("prod");
    expect(serde.redactCreateOtaTaskRequest({ S3Url: "u", OtaType: "ONE_TIME" })).toEqual({ S3Url: "u", OtaType: "ONE_TIME" });
    expect(serde.redactCreateOtaTaskResponse({ TaskId: "t" })).toEqual({ TaskId: "t" });
  });
});

describe("CreateOtaTaskSpec", () => {
  it("wires the generated functions together", () => {
    const spec = operations.CreateOtaTaskSpec;
    expect(spec.name).toBe("CreateOtaTask");
    expect(spec.serialize).toBe(serde.serializeCreateOtaTaskRequest);
    expect(spec.deserialize).toBe(serde.deserializeCreateOtaTaskResponse);
    expect(spec.redactInput).toBe(serde.redactCreateOtaTaskRequest);
    expect(spec.redactOutput).toBe(serde.redactCreateOtaTaskResponse);
    expect(spec.validate({ S3Url: "u", OtaType: "ONE_TIME" })).toEqual([]);
  });
});
