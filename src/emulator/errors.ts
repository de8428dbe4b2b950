/**
 * Error responses shaped as the real service shapes them: the HTTP status, an `X-Amzn-ErrorType` header and a
 * JSON body with `message`. Modelled errors go through the operation's generated serialiser; errors the
 * service framework raises before an operation runs (authentication, routing, media type, parsing) are
 * written here, with the `:http://internal.amazon.com/coral/...` suffix AWS front ends add to the type.
 *
 * @packageDocumentation
 */
import type { ServerOperationSpec, ServerResponse } from "../runtime/index.js";

/** Suffix AWS appends to framework error types; clients must cut it at the first `:`. */
const CORAL_SUFFIX = ":http://internal.amazon.com/coral/com.amazon.coral.service/";

/**
 * A framework-level error, not modelled by the operation.
 * @internal
 */
export function frameworkError(status: number, code: string, message: string, headers: Record<string, string> = {}): ServerResponse {
  return {
    statusCode: status,
    headers: { "content-type": "application/json", "x-amzn-errortype": code + CORAL_SUFFIX, ...headers },
    body: JSON.stringify({ message }),
  };
}

/**
 * A modelled error of `spec` by shape name, falling back to a framework error with the same name and
 * `fallbackStatus` when the operation does not model it (e.g. `ServiceUnavailableException` on an
 * operation that lists no 503).
 * @internal
 */
export function modelledError(
  spec: ServerOperationSpec<object, object>,
  name: string,
  fallbackStatus: number,
  message: string,
  headers: Record<string, string> = {},
): ServerResponse {
  const error = spec.errors[name];
  if (error === undefined) return frameworkError(fallbackStatus, name, message, headers);
  const response = spec.serializeError(error, message);
  const merged: Record<string, string> = { ...response.headers, ...headers };
  // The generated serialiser should set the type header; make sure a client can always read the code.
  if (!Object.keys(merged).some((h) => h.toLowerCase() === "x-amzn-errortype")) merged["x-amzn-errortype"] = name;
  return { statusCode: response.statusCode, headers: merged, body: response.body };
}
