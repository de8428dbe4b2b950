/**
 * Body-level traits the runtime applies after serializing, as the AWS SDK's middleware does:
 * `smithy.api#requestCompression` (gzip bodies of at least the client's minimum size, appending the encoding to
 * `Content-Encoding`) and `smithy.api#httpChecksumRequired` (a `Content-MD5` of the body as sent). Loaded by
 * `handler.ts` only for operations with one of these traits.
 */
import { createHash } from "node:crypto";
import { promisify } from "node:util";
import { gzip } from "node:zlib";
import type { HttpRequest } from "@smithy/types";
import type { ResolvedClientConfig } from "./config.js";
import type { OperationSpec } from "../protocol/contract.js";

const gzipAsync = promisify(gzip);

/** Compresses and/or checksums the serialized body in place. @internal */
export async function applyBodyTraits(spec: OperationSpec<any, any>, request: HttpRequest, config: ResolvedClientConfig): Promise<void> {
  if (spec.requestCompression?.includes("gzip") === true) {
    const body = bodyBytes(request.body);
    const [disabled, minSize] = await Promise.all([config.disableRequestCompression(), config.requestMinCompressionSizeBytes()]);
    if (!disabled && body !== undefined && body.byteLength >= minSize) {
      const compressed = await gzipAsync(body);
      request.body = new Uint8Array(compressed.buffer, compressed.byteOffset, compressed.byteLength);
      const encodingKey = findHeader(request.headers, "content-encoding");
      const existing = encodingKey === undefined ? undefined : request.headers[encodingKey];
      request.headers[encodingKey ?? "content-encoding"] = existing ? `${existing}, gzip` : "gzip";
      request.headers[findHeader(request.headers, "content-length") ?? "content-length"] = String(compressed.byteLength);
    }
  }
  if (spec.httpChecksumRequired === true && findHeader(request.headers, "content-md5") === undefined && !hasChecksumHeader(request.headers)) {
    request.headers["content-md5"] = await md5Base64(bodyBytes(request.body) ?? new Uint8Array(0), config);
  }
}

async function md5Base64(body: Uint8Array, config: ResolvedClientConfig): Promise<string> {
  if (config.md5 === undefined) return createHash("md5").update(body).digest("base64");
  const hash = new config.md5();
  hash.update(body);
  return Buffer.from(await hash.digest()).toString("base64");
}

function bodyBytes(body: unknown): Uint8Array | undefined {
  if (typeof body === "string") return Buffer.from(body, "utf8");
  if (body instanceof Uint8Array) return body;
  return undefined;
}

function findHeader(headers: Record<string, string>, lowerName: string): string | undefined {
  for (const key of Object.keys(headers)) if (key.toLowerCase() === lowerName) return key;
  return undefined;
}

function hasChecksumHeader(headers: Record<string, string>): boolean {
  return Object.keys(headers).some((key) => key.toLowerCase().startsWith("x-amz-checksum-"));
}
