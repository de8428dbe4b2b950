/**
 * The AWS CLI's sentence for a service error: `An error occurred (<Code>) when calling the <Operation>
 * operation[ (reached max retries: N)]: <Message>`, with code and message read from the raw response as
 * botocore's restJson1 parser reads them (the HTTP status stands in for a missing code, a body that is not
 * JSON is the message, an absent message is empty), and the retry note whenever the last attempt was the
 * last one allowed (botocore marks that even for errors it would not retry).
 *
 * @packageDocumentation
 */

/** The parts of a failed call the sentence needs. @internal */
export interface FailedCall {
  readonly operation: string;
  /** The SDK error's name and message: used when the raw response is not at hand. */
  readonly name: string;
  readonly message: string;
  readonly status?: number | undefined;
  readonly headers?: Readonly<Record<string, string>> | undefined;
  readonly body?: Uint8Array | string | undefined;
  readonly attempts: number;
  readonly maxAttempts?: number | undefined;
}

function headerValue(headers: Readonly<Record<string, string>> | undefined, name: string): string | undefined {
  if (headers === undefined) return undefined;
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  return key === undefined ? undefined : headers[key];
}

/** Python's `str()` of a JSON value, enough for codes and messages. */
function text(value: unknown): string {
  return typeof value === "string" ? value : value === null || value === undefined ? "" : JSON.stringify(value);
}

/**
 * Python's reason phrases of the 5xx statuses (`http.client.responses`), which botocore gives as the message of
 * a bare 5xx; a status Python has no phrase for gets an empty message.
 */
const REASON_PHRASES: Readonly<Record<number, string>> = {
  500: "Internal Server Error",
  501: "Not Implemented",
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout",
  505: "HTTP Version Not Supported",
  506: "Variant Also Negotiates",
  507: "Insufficient Storage",
  508: "Loop Detected",
  510: "Not Extended",
  511: "Network Authentication Required",
};

/**
 * Code and message as botocore reads them. A bare 5xx (empty body, or one starting with `<html>`, as a proxy or
 * load balancer sends) is its generic error: the status as the code and the reason phrase as the message, before
 * any error-type header is looked at.
 */
function parse(call: FailedCall): { code: string; message: string } | undefined {
  if (call.status === undefined || call.body === undefined) return undefined;
  const raw = typeof call.body === "string" ? call.body : new TextDecoder().decode(call.body);
  const trimmed = raw.trim();
  if (call.status >= 500 && (trimmed === "" || trimmed.startsWith("<html>"))) {
    return { code: String(call.status), message: REASON_PHRASES[call.status] ?? "" };
  }
  let body: Record<string, unknown> = {};
  if (raw !== "") {
    try {
      const parsed = JSON.parse(raw) as unknown;
      body = typeof parsed === "object" && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
    } catch {
      body = { message: raw };
    }
  }
  const message = text(Object.hasOwn(body, "message") ? body["message"] : Object.hasOwn(body, "Message") ? body["Message"] : "");
  let code = Object.hasOwn(body, "__type") ? text(body["__type"]) : String(call.status);
  if (code.includes("#")) code = code.slice(code.lastIndexOf("#") + 1);
  const header = headerValue(call.headers, "x-amzn-errortype");
  if (header !== undefined) code = header.split(":")[0]!;
  else if (Object.hasOwn(body, "code") || Object.hasOwn(body, "Code")) code = text(Object.hasOwn(body, "code") ? body["code"] : body["Code"]);
  return { code, message };
}

/** The sentence the AWS CLI prints for a failed call. @internal */
export function serviceErrorSentence(call: FailedCall): string {
  const parsed = parse(call) ?? { code: call.name, message: call.message };
  const retries = call.maxAttempts !== undefined && call.attempts >= call.maxAttempts ? ` (reached max retries: ${call.attempts - 1})` : "";
  return `An error occurred (${parsed.code}) when calling the ${call.operation} operation${retries}: ${parsed.message}`;
}
