import { describe, expect, it } from "vitest";
import { HttpResponse } from "@smithy/protocol-http";
import { ServiceException } from "@smithy/smithy-client";
import {
  errorCode,
  errorMessage,
  faultOfStatus,
  finishServiceError,
  parseErrorBody,
  responseMetadata,
  sanitizeErrorCode,
} from "../../src/runtime/protocol/errors.js";
import { readFloat, readInteger, readObject, readTimestamp, subPath, textToNumber, textToTimestamp, WireFormatError } from "../../src/runtime/protocol/read.js";
import { byteLength, utf8Length, decodeBase64, encodeBase64, numberText, parseNumberText, serializeFloat } from "../../src/runtime/protocol/values.js";

describe("error codes (wire-notes: header, else body code in any case, else __type; sanitised)", () => {
  it.each([
    ["FooError", "FooError"],
    ["FooError:http://internal.amazon.com/coral/com.amazon.coral.validate/", "FooError"],
    ["aws.protocoltests.restjson#FooError", "FooError"],
    ["aws.protocoltests.restjson#FooError:http://internal.amazon.com/coral/com.amazon.coral.validate/", "FooError"],
    ["FooError,BarError", "FooError"],
  ])("sanitises %s", (raw, code) => {
    expect(sanitizeErrorCode(raw)).toBe(code);
  });

  it("prefers the X-Amzn-ErrorType header", () => {
    expect(errorCode({ "x-amzn-errortype": "ConflictException:x" }, { code: "Other", __type: "Third" })).toBe("ConflictException");
  });

  it("falls back to a body code in any case, then __type", () => {
    expect(errorCode({}, { Code: "ns#ValidationException" })).toBe("ValidationException");
    expect(errorCode({}, { code: "ValidationException" })).toBe("ValidationException");
    expect(errorCode({}, { __type: "ns#ThrottlingException:http://x" })).toBe("ThrottlingException");
    expect(errorCode({}, { message: "no code" })).toBeUndefined();
    expect(errorCode({}, undefined)).toBeUndefined();
  });

  it("takes the message from message, else Message", () => {
    expect(errorMessage({ message: "a", Message: "b" })).toBe("a");
    expect(errorMessage({ Message: "b" })).toBe("b");
    expect(errorMessage("text")).toBeUndefined();
  });

  it("parses error bodies leniently", () => {
    expect(parseErrorBody('{"a":1}')).toEqual({ a: 1 });
    expect(parseErrorBody("<html>")).toBeUndefined();
    expect(parseErrorBody("")).toBeUndefined();
  });

  it("reads metadata and the fault of unknown codes", () => {
    expect(responseMetadata(404, { "x-amzn-requestid": "r1", "x-amz-id-2": "e" })).toEqual({
      httpStatusCode: 404,
      requestId: "r1",
      extendedRequestId: "e",
    });
    expect(faultOfStatus(499)).toBe("client");
    expect(faultOfStatus(503)).toBe("server");
  });

  it("copies unmodelled body members onto the error without overwriting", () => {
    const error = new ServiceException({ name: "X", $fault: "client", $metadata: {}, message: "m" });
    const response = new HttpResponse({ statusCode: 400, headers: {} });
    finishServiceError(error, response, { message: "m", Extra: 1, name: "ignored", __proto__x: 2 }, []);
    expect((error as unknown as Record<string, unknown>)["Extra"]).toBe(1);
    expect(error.name).toBe("X");
    expect(error.$response).toBe(response);
  });
});

describe("numbers and blobs", () => {
  it("writes NaN and the infinities as strings", () => {
    expect([NaN, Infinity, -Infinity, 1.5].map(serializeFloat)).toEqual(["NaN", "Infinity", "-Infinity", 1.5]);
    expect(numberText(-Infinity)).toBe("-Infinity");
  });

  it("reads them back", () => {
    expect(readFloat("NaN", "")).toBeNaN();
    expect(readFloat("-Infinity", "")).toBe(-Infinity);
    expect(() => readFloat("1.5", "", "X")).toThrow(WireFormatError);
    expect(parseNumberText("1e3", false)).toBe(1000);
    expect(() => parseNumberText("1.5", true)).toThrow(TypeError);
  });

  it("counts body bytes as UTF-8 without encoding", () => {
    for (const text of ["", "abc", "é", "€", "😀", "a\ud800b", '{"k":"ünïcödé 😀"}']) {
      expect(byteLength(text)).toBe(new TextEncoder().encode(text).byteLength);
      expect(utf8Length(text)).toBe(new TextEncoder().encode(text).byteLength);
    }
    expect(byteLength(new Uint8Array(7))).toBe(7);
  });

  it("round-trips base64 and rejects what is not base64", () => {
    expect(encodeBase64("value")).toBe("dmFsdWU=");
    expect(new TextDecoder().decode(decodeBase64("dmFsdWU="))).toBe("value");
    expect(() => decodeBase64("not base64!")).toThrow(TypeError);
  });
});

describe("readers name the member path", () => {
  it("builds paths only for the failing member", () => {
    expect(subPath("", "A")).toBe("A");
    expect(subPath("A", "B")).toBe("A.B");
    expect(subPath("A.B", 3)).toBe("A.B[3]");
    expect(() => readInteger(1.5, "A.B", 0)).toThrow("A.B[0]: expected an integer, got number");
    expect(() => readObject([], "", "Config")).toThrow(expect.objectContaining({ path: "Config" }));
    expect(() => readTimestamp("x", "", "When", "date-time")).toThrow("When: expected a date-time timestamp, got string");
  });

  it("checks integer widths and timestamp forms strictly where asked", () => {
    expect(readInteger(127, "", "B", "byte")).toBe(127);
    expect(() => readInteger(128, "", "B", "byte")).toThrow("B: expected a byte, got number");
    expect(() => readInteger(2 ** 31, "", "I", "integer")).toThrow("I: expected an integer, got number");
    expect(readInteger(2 ** 40, "", "L")).toBe(2 ** 40);
    expect(() => readInteger(1.8e20, "", "L")).toThrow(WireFormatError);
    expect(() => textToNumber("40000", "S", "short")).toThrow('S: expected a short, got "40000"');
    expect(textToNumber("-128", "B", "byte")).toBe(-128);
    // Epoch seconds in JSON must be numbers; servers also refuse date-times with an offset.
    expect(() => readTimestamp("1515531081", "", "T", "epoch-seconds")).toThrow(WireFormatError);
    expect(readTimestamp("1996-12-19T16:39:57-08:00", "", "T", "date-time").toISOString()).toBe("1996-12-20T00:39:57.000Z");
    expect(() => readTimestamp("1996-12-19T16:39:57-08:00", "", "T", "date-time", true)).toThrow(WireFormatError);
    expect(() => textToTimestamp("1996-12-19T16:39:57-08:00", "T", "date-time", true)).toThrow(WireFormatError);
    expect(textToTimestamp("1996-12-20T00:39:57Z", "T", "date-time", true).getTime()).toBe(Date.UTC(1996, 11, 20, 0, 39, 57));
  });
});
