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

/** Code and message as botocore reads them; undefined for a bare 5xx (empty or HTML body). */
function parse(call: FailedCall): { code: string; message: string } | undefined {
  if (call.status === undefined || call.body === undefined) return undefined;
  const raw = typeof call.body === "string" ? call.body : new TextDecoder().decode(call.body);
  const trimmed = raw.trim();
  if (call.status >= 500 && (trimmed === "" || trimmed.startsWith("<html>"))) return undefined;
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
