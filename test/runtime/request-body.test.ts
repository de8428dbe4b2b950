/**
 * Operation traits applied to the body on the wire: requestCompression (gzip at or above the client's minimum
 * size, appended to Content-Encoding) and httpChecksumRequired (Content-MD5 of the body as sent) — both
 * covered by the signature.
 */
import { createHash } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { gunzipSync } from "node:zlib";
import { Sha256 } from "@aws-crypto/sha256-js";
import { BatchClient } from "@aws-sdk/client-batch";
import type { Checksum, ChecksumAlgorithm } from "@smithy/types";
import { afterEach, describe, expect, it } from "vitest";
import { CreateWidgetSpec, WidgetClient, commandFor } from "./fixtures/widget-service.js";
import { verifySigV4 } from "./helpers.js";

const CREDS = { accessKeyId: "AKID", secretAccessKey: "SECRET" };

interface RawRequest {
  headers: Record<string, string>;
  body: Buffer;
}

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

/** A server that keeps the raw body bytes (the shared helper decodes bodies as text). */
async function rawServer(): Promise<{ url: string; requests: RawRequest[] }> {
  const requests: RawRequest[] = [];
  const server = createServer((req, res) => {
    res.sendDate = false;
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      requests.push({ headers: req.headers as Record<string, string>, body: Buffer.concat(chunks) });
      res.writeHead(201, { "content-type": "application/json" });
      res.end("{}");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  close = () => new Promise((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests };
}

const Compressed = commandFor({ ...CreateWidgetSpec, requestCompression: ["gzip"] });
const Checksummed = commandFor({ ...CreateWidgetSpec, httpChecksumRequired: true });
const Both = commandFor({
  ...CreateWidgetSpec,
  requestCompression: ["gzip"],
  httpChecksumRequired: true,
  serialize: (input, context) => {
    const request = CreateWidgetSpec.serialize(input, context);
    request.headers["Content-Encoding"] = "custom";
    return request;
  },
});
const bigTags = Object.fromEntries(Array.from({ length: 600 }, (_, i) => [`tag${i}`, `value-${i}`]));

describe("request body traits", () => {
  it("gzips a body at or above 10240 bytes and signs what it sends", async () => {
    const server = await rawServer();
    const client = new WidgetClient({ region: "us-east-1", endpoint: server.url, credentials: CREDS });
    await client.send(new Compressed({ Name: "big", Tags: bigTags }));
    const sent = server.requests[0]!;
    expect(sent.headers["content-encoding"]).toBe("gzip");
    expect(Number(sent.headers["content-length"])).toBe(sent.body.byteLength);
    const plain = JSON.parse(gunzipSync(sent.body).toString("utf8")) as { Tags: object };
    expect(plain.Tags).toEqual(bigTags);
    expect(sent.headers["x-amz-content-sha256"]).toBe(createHash("sha256").update(sent.body).digest("hex"));
    client.destroy();
  });

  it("leaves small bodies alone, honours the minimum size option and the off switch", async () => {
    const server = await rawServer();
    const small = new WidgetClient({ region: "us-east-1", endpoint: server.url, credentials: CREDS });
    await small.send(new Compressed({ Name: "small" }));
    const zero = new WidgetClient({ region: "us-east-1", endpoint: server.url, credentials: CREDS, requestMinCompressionSizeBytes: 0 });
    await zero.send(new Compressed({ Name: "small" }));
    const off = new WidgetClient({ region: "us-east-1", endpoint: server.url, credentials: CREDS, disableRequestCompression: true });
    await off.send(new Compressed({ Name: "big", Tags: bigTags }));
    expect(server.requests.map((r) => r.headers["content-encoding"])).toEqual([undefined, "gzip", undefined]);
    for (const c of [small, zero, off]) c.destroy();
  });

  it("adds Content-MD5 of the body as sent, after compression, and appends gzip to a given encoding", async () => {
    const server = await rawServer();
    const client = new WidgetClient({ region: "us-east-1", endpoint: server.url, credentials: CREDS });
    await client.send(new Checksummed({ Name: "md5" }));
    await client.send(new Both({ Name: "both", Tags: bigTags }));
    const [plain, both] = server.requests as [RawRequest, RawRequest];
    expect(plain.headers["content-md5"]).toBe(createHash("md5").update(plain.body).digest("base64"));
    expect(both.headers["content-encoding"]).toBe("custom, gzip");
    expect(both.headers["content-md5"]).toBe(createHash("md5").update(both.body).digest("base64"));
    const signed = verifySigV4(
      { method: "POST", path: "/widgets", headers: both.headers, body: both.body.toString("latin1") },
      { ...CREDS, region: "us-east-1", service: "widgets" },
      both.body,
    );
    expect(signed.signedHeaders).toEqual(expect.arrayContaining(["content-md5", "content-encoding"]));
    client.destroy();
  });

  it("takes the SHA-256 and MD5 from an extension's addChecksumAlgorithm, listing algorithms as the SDK v3 does", async () => {
    const server = await rawServer();
    const used: string[] = [];
    class CountingMd5 implements Checksum {
      private readonly hash = createHash("md5");
      update(data: Uint8Array): void {
        used.push("md5");
        this.hash.update(data);
      }
      digest(): Promise<Uint8Array> {
        return Promise.resolve(new Uint8Array(this.hash.digest()));
      }
      reset(): void {}
    }
    class CountingSha256 extends Sha256 {
      override update(data: Uint8Array): void {
        used.push("sha256");
        super.update(data);
      }
    }
    const seen = (ids: string[][]) => ({
      configure: (c: { checksumAlgorithms(): ChecksumAlgorithm[] }) => void ids.push(c.checksumAlgorithms().map((a) => a.algorithmId())),
    });
    const ours: string[][] = [];
    const sdk: string[][] = [];
    // The SDK v3 client lists its sha256 (always) and md5 (when configured); so does ours.
    new BatchClient({ region: "us-east-1", extensions: [seen(sdk)] });
    new BatchClient({ region: "us-east-1", md5: CountingMd5, extensions: [seen(sdk)] } as never);
    new WidgetClient({ region: "us-east-1", extensions: [seen(ours)] });
    new WidgetClient({ region: "us-east-1", md5: CountingMd5, extensions: [seen(ours)] });
    expect(ours).toEqual(sdk);
    expect(ours).toEqual([["sha256"], ["md5", "sha256"]]);

    const client = new WidgetClient({
      region: "us-east-1",
      endpoint: server.url,
      credentials: CREDS,
      extensions: [
        {
          configure: (c) => {
            c.addChecksumAlgorithm({ algorithmId: () => "sha256", checksumConstructor: () => CountingSha256 });
            c.addChecksumAlgorithm({ algorithmId: () => "md5", checksumConstructor: () => CountingMd5 });
          },
        },
      ],
    });
    await client.send(new Checksummed({ Name: "md5" }));
    const sent = server.requests[0]!;
    expect(sent.headers["content-md5"]).toBe(createHash("md5").update(sent.body).digest("base64"));
    verifySigV4({ method: "POST", path: "/widgets", headers: sent.headers, body: sent.body.toString("latin1") }, { ...CREDS, region: "us-east-1", service: "widgets" }, sent.body);
    expect(used).toContain("md5");
    expect(used).toContain("sha256");
    client.destroy();
  });
});
