/**
 * Reading restJson1 error responses: where the error code is (`X-Amzn-ErrorType` header, else body `code` in
 * any case, else body `__type`), how it is cleaned up, where the message is, and the response metadata every
 * service exception carries. Generated deserializers pick the exception class; these helpers do the rest.
 */
import type { HttpResponse } from "@smithy/protocol-http";
import type { ServiceException, ServiceExceptionOptions } from "@smithy/smithy-client";
import type { ResponseMetadata } from "@smithy/types";

/**
 * Cleans an error code up: cut at the first `,` and the first `:`, keep what follows a `#` (namespace).
 * `aws.protocoltests.restjson#FooError:http://internal.amazon.com/coral/…` becomes `FooError`.
 * @internal
 */
export function sanitizeErrorCode(raw: string): string {
  let code = raw;
  const comma = code.indexOf(",");
  if (comma >= 0) code = code.slice(0, comma);
  const colon = code.indexOf(":");
  if (colon >= 0) code = code.slice(0, colon);
  const hash = code.indexOf("#");
  if (hash >= 0) code = code.slice(hash + 1);
  return code.trim();
}

function asRecord(body: unknown): Record<string, unknown> | undefined {
  return typeof body === "object" && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : undefined;
}

/**
 * The sanitised error code of a response, or undefined when it names none.
 * @param headers - response headers with lower-case names
 * @param body - the parsed JSON body (anything when it was not JSON)
 * @internal
 */
export function errorCode(headers: Readonly<Record<string, string>>, body: unknown): string | undefined {
  // A source that names nothing once cleaned up (blank, or only a namespace) gives way to the next one.
  const header = usable(headers["x-amzn-errortype"]);
  if (header !== undefined) return header;
  const record = asRecord(body);
  if (record === undefined) return undefined;
  const codeKey = Object.keys(record).find((key) => key.toLowerCase() === "code");
  return usable(codeKey === undefined ? undefined : record[codeKey]) ?? usable(record["__type"]);
}

function usable(raw: unknown): string | undefined {
  if (typeof raw !== "string") return undefined;
  const code = sanitizeErrorCode(raw);
  return code === "" ? undefined : code;
}

/**
 * The error message of a JSON error body: `message`, else `Message`.
 * @internal
 */
export function errorMessage(body: unknown): string | undefined {
  const record = asRecord(body);
  if (record === undefined) return undefined;
  const message = record["message"] ?? record["Message"];
  return typeof message === "string" ? message : undefined;
}

/**
 * The metadata the response itself provides (the runtime adds attempts and retry delay).
 * @param headers - response headers with lower-case names
 * @internal
 */
export function responseMetadata(statusCode: number, headers: Readonly<Record<string, string>>): ResponseMetadata {
  const metadata: ResponseMetadata = { httpStatusCode: statusCode };
  const requestId = headers["x-amzn-requestid"] ?? headers["x-amzn-request-id"] ?? headers["x-amz-request-id"];
  if (requestId !== undefined) metadata.requestId = requestId;
  const extendedRequestId = headers["x-amz-id-2"];
  if (extendedRequestId !== undefined) metadata.extendedRequestId = extendedRequestId;
  const cfId = headers["x-amz-cf-id"];
  if (cfId !== undefined) metadata.cfId = cfId;
  return metadata;
}

/**
 * `client` below 500, `server` from 500: the fault of an error code the model does not know.
 * @internal
 */
export function faultOfStatus(statusCode: number): "client" | "server" {
  return statusCode >= 500 ? "server" : "client";
}

/**
 * Finishes a service exception: keeps the raw response reachable and copies body members the model does
 * not describe onto it (never overwriting a modelled one), as the AWS SDK does.
 * @param known - JSON names the generated deserializer already read
 * @internal
 */
export function finishServiceError<E extends ServiceException>(
  error: E,
  response: HttpResponse,
  body: unknown,
  known: readonly string[],
): E {
  error.$response = response;
  const record = asRecord(body);
  if (record !== undefined) {
    const target = error as unknown as Record<string, unknown>;
    for (const [key, value] of Object.entries(record)) {
      if (value === undefined || key === "message" || key === "Message" || known.includes(key)) continue;
      if (key === "__proto__" || key === "constructor" || key === "prototype") continue;
      if (target[key] === undefined || target[key] === "") target[key] = value;
    }
  }
  return error;
}

/**
 * Builds a modelled exception of a generated deserializer: the message from the body, the members `read`
 * copies from the parsed body (or the headers) onto the options, then {@link finishServiceError}. A malformed
 * member must not hide the error itself, so a failing `read` keeps what it read before the failure.
 * @param known - JSON names of the body members `read` handles
 * @internal
 */
export function modelledError<O extends { $metadata: ResponseMetadata; message: string }, E extends ServiceException>(
  ErrorClass: new (options: O) => E,
  response: HttpResponse,
  body: unknown,
  $metadata: ResponseMetadata,
  known: readonly string[],
  read?: (options: O, body: unknown) => void,
): E {
  const options = { $metadata, message: errorMessage(body) ?? "UnknownError" } as O;
  if (read !== undefined) {
    try {
      read(options, body);
    } catch {
      // keep what was read
    }
  }
  return finishServiceError(new ErrorClass(options), response, body, known);
}

/**
 * The service's base exception for an error code the model does not know (or no code at all): named after the
 * code, its fault taken from the status.
 * @internal
 */
export function unmodelledError<E extends ServiceException>(
  BaseClass: new (options: ServiceExceptionOptions) => E,
  code: string | undefined,
  response: HttpResponse,
  body: unknown,
  $metadata: ResponseMetadata,
): E {
  const error = new BaseClass({
    name: code ?? "Unknown",
    $fault: faultOfStatus(response.statusCode),
    $metadata,
    message: errorMessage(body) ?? "UnknownError",
  });
  return finishServiceError(error, response, body, []);
}

/**
 * Parses an error body as JSON when it is JSON; anything else (HTML from a proxy, empty) gives undefined so
 * the error still carries the status and code.
 * @internal
 */
export function parseErrorBody(text: string): unknown {
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
