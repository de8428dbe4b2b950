/**
 * Server-side support for generated request deserializers and response writers (the emulator's side of the
 * wire): turning wire-format problems into the contract's `RequestDeserializationError`, matching paths, and
 * writing JSON error responses.
 */
import { RequestDeserializationError, type ServerResponse } from "../protocol/contract.js";
import { WireFormatError } from "../protocol/read.js";

/**
 * The error to throw for anything that went wrong while reading a request: wire-format problems keep their
 * member path; anything else becomes a generic deserialization error.
 * @internal
 */
export function toRequestError(error: unknown): RequestDeserializationError {
  if (error instanceof RequestDeserializationError) return error;
  if (error instanceof WireFormatError) return new RequestDeserializationError(error.message, error.path === "" ? undefined : error.path);
  return new RequestDeserializationError(error instanceof Error ? error.message : String(error));
}

/**
 * The first value of a query parameter, or undefined when absent.
 * @internal
 */
export function queryValues(query: ReadonlyMap<string, readonly string[]>, name: string): readonly string[] | undefined {
  const values = query.get(name);
  return values === undefined || values.length === 0 ? undefined : values;
}

/**
 * A JSON error response: status from `@httpError`, the error's shape name in `X-Amzn-ErrorType`, and a body
 * with `message` followed by the error's members.
 * @internal
 */
export function jsonErrorResponse(statusCode: number, name: string, message: string, members: Record<string, unknown>): ServerResponse {
  const body: Record<string, unknown> = { message, ...members };
  return {
    statusCode,
    headers: { "content-type": "application/json", "x-amzn-errortype": name },
    body: JSON.stringify(body),
  };
}
