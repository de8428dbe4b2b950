/**
 * The runtime helpers generated error deserializers and validators call to stay compact: `modelledError` and
 * `unmodelledError` (what every error response goes through) and `checkString` (type, length and pattern of a
 * string member in one call, with the same violations as the separate checks).
 */
import { HttpResponse } from "@smithy/protocol-http";
import { ServiceException, type ExceptionOptionType } from "@smithy/smithy-client";
import { describe, expect, it } from "vitest";
import type { Violation } from "../../src/runtime/protocol/contract.js";
import { modelledError, unmodelledError } from "../../src/runtime/protocol/errors.js";
import { readString } from "../../src/runtime/protocol/read.js";
import { checkLength, checkPattern, checkString, checkType, codePointLength } from "../../src/runtime/protocol/validate.js";

class BaseError extends ServiceException {}

class Conflict extends BaseError {
  declare readonly name: "Conflict";
  declare readonly $fault: "client";
  declare Resource?: string | undefined;
  declare Reason?: string | undefined;

  constructor(opts: ExceptionOptionType<Conflict, BaseError>) {
    super({ name: "Conflict", $fault: "client", ...opts });
    this.Resource = opts.Resource;
    this.Reason = opts.Reason;
  }
}

const metadata = { httpStatusCode: 409, requestId: "r-1" };

describe("modelledError", () => {
  it("builds the modelled class with the message, the members read and the unmodelled body members", () => {
    const response = new HttpResponse({ statusCode: 409, headers: {}, body: undefined });
    const body = { message: "in use", Resource: "thing-1", Extra: 7 };
    const error = modelledError(Conflict, response, body, metadata, ["Resource"], (opts) => {
      opts.Resource = readString(body.Resource, "", "Resource");
    });
    expect(error).toBeInstanceOf(Conflict);
    expect(error).toBeInstanceOf(BaseError);
    expect(error.name).toBe("Conflict");
    expect(error.$fault).toBe("client");
    expect(error.message).toBe("in use");
    expect(error.Resource).toBe("thing-1");
    expect(error.$metadata).toEqual(metadata);
    expect(error.$response).toBe(response);
    expect((error as unknown as { Extra?: number }).Extra).toBe(7);
  });

  it("keeps the members read before a malformed one and still returns the error", () => {
    const response = new HttpResponse({ statusCode: 409, headers: {}, body: undefined });
    const body: Record<string, unknown> = { Message: "in use", Resource: "thing-1", Reason: 42 };
    const error = modelledError(Conflict, response, body, metadata, ["Resource", "Reason"], (opts) => {
      opts.Resource = readString(body["Resource"], "", "Resource");
      opts.Reason = readString(body["Reason"], "", "Reason");
    });
    expect(error).toBeInstanceOf(Conflict);
    expect(error.message).toBe("in use");
    expect(error.Resource).toBe("thing-1");
    expect(error.Reason).toBeUndefined();
  });

  it("says UnknownError when the body has no message, and works without a reader", () => {
    const response = new HttpResponse({ statusCode: 409, headers: {}, body: undefined });
    const error = modelledError(Conflict, response, undefined, metadata, []);
    expect(error.message).toBe("UnknownError");
    expect(error.Resource).toBeUndefined();
  });
});

describe("unmodelledError", () => {
  it("names the base exception after the code and takes the fault from the status", () => {
    const server = unmodelledError(BaseError, "Overloaded", new HttpResponse({ statusCode: 503, headers: {}, body: undefined }), { Message: "busy" }, metadata);
    expect(server).toBeInstanceOf(BaseError);
    expect(server.name).toBe("Overloaded");
    expect(server.$fault).toBe("server");
    expect(server.message).toBe("busy");
    const client = unmodelledError(BaseError, undefined, new HttpResponse({ statusCode: 418, headers: {}, body: undefined }), "<html>", metadata);
    expect(client.name).toBe("Unknown");
    expect(client.$fault).toBe("client");
    expect(client.message).toBe("UnknownError");
  });
});

describe("checkString", () => {
  const PATTERN = /^[a-z]+$/u;

  /** What the separate checks report for the same value. */
  function separate(value: unknown, sensitive: boolean, min?: number, max?: number, pattern?: RegExp): Violation[] {
    const out: Violation[] = [];
    if (!checkType(out, "A.B", value, "string", sensitive)) return out;
    if (min !== undefined || max !== undefined) checkLength(out, "A.B", codePointLength(value as string), "characters", min, max, value, sensitive);
    if (pattern !== undefined) checkPattern(out, "A.B", value as string, pattern, sensitive);
    return out;
  }

  const cases: [unknown, boolean, number | undefined, number | undefined, RegExp | undefined][] = [
    ["abc", false, 1, 3, PATTERN],
    ["abcd", false, 1, 3, PATTERN],
    ["ab1", false, 1, 3, PATTERN],
    ["ABCDE", false, 1, 3, PATTERN],
    ["ABCDE", true, 1, 3, PATTERN],
    ["", false, 1, undefined, undefined],
    ["😀😀", false, undefined, 2, undefined],
    ["x", false, undefined, undefined, PATTERN],
    [42, false, 1, 3, PATTERN],
    [42, true, undefined, undefined, undefined],
    [null, false, undefined, undefined, undefined],
  ];
  it.each(cases)("reports for %j (sensitive %s) exactly what checkType, checkLength and checkPattern report", (value, sensitive, min, max, pattern) => {
    const out: Violation[] = [];
    const ok = checkString(out, "A.B", value, sensitive, min, max, pattern);
    expect(out).toEqual(separate(value, sensitive, min, max, pattern));
    expect(ok).toBe(typeof value === "string");
  });
});

