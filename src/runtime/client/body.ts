/**
 * Reads a response body of any shape a smithy request handler may return (bytes, string, Node stream, web
 * stream, Blob) into one `Uint8Array`.
 */
import type { Readable } from "node:stream";

const EMPTY = new Uint8Array(0);

/** @internal */
export async function collectBody(body: unknown): Promise<Uint8Array> {
  if (body === undefined || body === null) return EMPTY;
  if (body instanceof Uint8Array) return body;
  if (typeof body === "string") return Buffer.from(body, "utf8");
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  if (typeof Blob !== "undefined" && body instanceof Blob) return new Uint8Array(await body.arrayBuffer());
  if (typeof (body as ReadableStream).getReader === "function") {
    return new Uint8Array(await new Response(body as ReadableStream).arrayBuffer());
  }
  if (typeof (body as Readable)[Symbol.asyncIterator] === "function") {
    const chunks: Buffer[] = [];
    for await (const chunk of body as AsyncIterable<Buffer | string>) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : chunk);
    const all = Buffer.concat(chunks);
    return new Uint8Array(all.buffer, all.byteOffset, all.byteLength);
  }
  throw new TypeError(`Cannot read a response body of type ${Object.prototype.toString.call(body)}`);
}
