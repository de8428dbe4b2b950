/**
 * Reads a request off a Node `IncomingMessage` in the two shapes the emulator needs: the raw form SigV4 is
 * verified against (undecoded path, raw query, raw header list in arrival order) and the contract's
 * {@link ServerRequest} the generated deserialisers read.
 *
 * @packageDocumentation
 */
import type { IncomingMessage } from "node:http";
import type { ServerRequest } from "../runtime/index.js";
import { percentDecodeToBytes, type RawHeader } from "./sigv4/canonical.js";
import type { VerifiableRequest } from "./sigv4/verify.js";

/**
 * One request, fully read.
 * @internal
 */
export interface ReceivedRequest extends VerifiableRequest {
  /** The same request as the generated server code reads it. */
  readonly server: ServerRequest;
}

/**
 * Thrown when a body exceeds the limit; the emulator answers 413.
 * @internal
 */
export class BodyTooLargeError extends Error {
  override readonly name = "BodyTooLargeError";
}

/**
 * Splits `req.url` into the undecoded path and the raw query.
 * @internal
 */
export function splitTarget(url: string): { path: string; query: string } {
  const q = url.indexOf("?");
  return q === -1 ? { path: url, query: "" } : { path: url.slice(0, q), query: url.slice(q + 1) };
}

/**
 * Pairs up Node's flat `rawHeaders` list.
 * @internal
 */
export function pairRawHeaders(raw: readonly string[]): RawHeader[] {
  const headers: RawHeader[] = [];
  for (let i = 0; i + 1 < raw.length; i += 2) headers.push([raw[i]!, raw[i + 1]!]);
  return headers;
}

/**
 * Decodes a raw query string into the contract's map (repeated keys keep all values in order).
 * @internal
 */
export function decodeQuery(query: string): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const part of query.split("&")) {
    if (part === "") continue;
    const eq = part.indexOf("=");
    const key = Buffer.from(percentDecodeToBytes(eq === -1 ? part : part.slice(0, eq))).toString("utf8");
    const value = eq === -1 ? "" : Buffer.from(percentDecodeToBytes(part.slice(eq + 1))).toString("utf8");
    const values = map.get(key);
    if (values === undefined) map.set(key, [value]);
    else values.push(value);
  }
  return map;
}

/**
 * A request's method, target and headers: all that is known before its body is read.
 * @internal
 */
export interface RequestHead {
  readonly method: string;
  readonly path: string;
  readonly query: string;
  readonly headers: readonly RawHeader[];
}

/**
 * The head of a request, read without touching its body.
 * @internal
 */
export function readHead(req: IncomingMessage): RequestHead {
  const { path, query } = splitTarget(req.url ?? "/");
  return { method: req.method ?? "GET", path, query, headers: pairRawHeaders(req.rawHeaders) };
}

const NO_BODY = Buffer.alloc(0);

/**
 * Reads the body. Rejects with {@link BodyTooLargeError} past `maxBodyBytes`. A request that declares no body
 * (neither a non-zero `Content-Length` nor a `Transfer-Encoding`: HTTP/1.1 then has none) is answered at once,
 * without waiting for the stream's end: most GETs and DELETEs.
 * @internal
 */
export function readBody(req: IncomingMessage, maxBodyBytes: number): Buffer | Promise<Buffer> {
  const length = req.headers["content-length"];
  if ((length === undefined || length === "0") && req.headers["transfer-encoding"] === undefined) return NO_BODY;
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > maxBodyBytes) {
        done();
        // Stop reading the rest: the connection goes, as it would for any refused upload.
        req.destroy();
        reject(new BodyTooLargeError(`request body larger than ${maxBodyBytes} bytes`));
      } else chunks.push(chunk);
    };
    const onEnd = (): void => {
      done();
      resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size));
    };
    // A connection that drops mid-body: nothing to answer, the request ends here.
    const onClose = (): void => {
      done();
      reject(new Error("the client closed the connection before the request body ended"));
    };
    const onError = (error: Error): void => {
      done();
      reject(error);
    };
    const done = (): void => {
      req.off("data", onData).off("end", onEnd).off("close", onClose).off("error", onError);
    };
    req.on("data", onData).on("end", onEnd).on("close", onClose).on("error", onError);
  });
}

/**
 * The head and body as both the verifier and the generated server code read them.
 * @internal
 */
export function receivedRequest(head: RequestHead, body: Buffer): ReceivedRequest {
  // No prototype: a header named `__proto__` must stay a plain entry.
  const joined = Object.create(null) as Record<string, string>;
  for (const [name, value] of head.headers) {
    const lower = name.toLowerCase();
    joined[lower] = lower in joined ? `${joined[lower]!}, ${value}` : value;
  }
  const { method, path, query, headers } = head;
  return { method, path, query, headers, body, server: { method, path, query: query === "" ? new Map() : decodeQuery(query), headers: joined, body } };
}

/**
 * Reads the whole request. Rejects with {@link BodyTooLargeError} past `maxBodyBytes`.
 * @internal
 */
export async function readRequest(req: IncomingMessage, maxBodyBytes: number): Promise<ReceivedRequest> {
  const head = readHead(req);
  return receivedRequest(head, await readBody(req, maxBodyBytes));
}
