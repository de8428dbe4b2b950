// Authentication before the body: a request refused on its headers is answered at once, without waiting for its
// body; bodies of requests whose signature is still unproven are read only a bounded number at a time.
import { Sha256 } from "@aws-crypto/sha256-js";
import { HttpRequest } from "@smithy/protocol-http";
import { SignatureV4 } from "@smithy/signature-v4";
import { connect, type Socket } from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Emulator } from "../../src/emulator/index.js";
import { DOC_KEY, send, start } from "./helpers.js";

let emulator: Emulator;
const sockets: Socket[] = [];
beforeEach(async () => {
  emulator = await start({ maxUnverifiedBodies: 4 });
});
afterEach(async () => {
  for (const s of sockets.splice(0)) s.destroy();
  await emulator.close();
});

/** Sends `head` and the first bytes of a body it announces as longer; resolves with whatever the server answers. */
async function stalled(head: string): Promise<{ socket: Socket; answer: Promise<string> }> {
  const url = new URL(emulator.url);
  const socket = connect(Number(url.port), url.hostname);
  sockets.push(socket);
  socket.on("error", () => undefined);
  await new Promise<void>((resolve) => socket.once("connect", () => resolve()));
  let text = "";
  const answer = new Promise<string>((resolve) => {
    socket.on("data", (d: Buffer) => {
      text += d.toString();
      if (/\r\n\r\n/.test(text)) resolve(text);
    });
    socket.on("close", () => resolve(text));
  });
  socket.write(head);
  socket.write('{"S3Url":"s3://b');
  return { socket, answer };
}

/**
 * Headers of a signed CreateOtaTask whose body is `body` (of which only a prefix may be sent); `contentHash` signs
 * an `x-amz-content-sha256` with the body's hash, `secret` signs with another key's secret.
 */
async function signedHead(body: string, opts: { contentHash?: boolean; secret?: string } = {}): Promise<string> {
  const url = new URL(emulator.url);
  const request = new HttpRequest({
    method: "POST",
    protocol: "http:",
    hostname: url.hostname,
    port: Number(url.port),
    path: "/ota-tasks",
    headers: {
      host: url.host,
      "content-type": "application/json",
      "content-length": String(Buffer.byteLength(body)),
    },
    body,
  });
  const credentials = opts.secret === undefined ? DOC_KEY : { ...DOC_KEY, secretAccessKey: opts.secret };
  // The SDK's signer adds and signs x-amz-content-sha256 unless told not to (botocore, the AWS CLI's, does not).
  const signer = new SignatureV4({ credentials, region: "us-east-1", service: "iotmanagedintegrations", sha256: Sha256, applyChecksum: opts.contentHash === true });
  const signed = await signer.sign(request);
  return `POST /ota-tasks HTTP/1.1\r\n${Object.entries(signed.headers).map(([k, v]) => `${k}: ${v}`).join("\r\n")}\r\n\r\n`;
}

const within = <T>(p: Promise<T>, ms: number): Promise<T | "timeout"> => Promise.race([p, new Promise<"timeout">((r) => setTimeout(() => r("timeout"), ms))]);

describe("authentication before the body", () => {
  it("refuses a request without a signature at once, without waiting for its body", async () => {
    const { answer } = await stalled("POST /ota-tasks HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n");
    const text = await within(answer, 3000);
    expect(text).not.toBe("timeout");
    expect(text).toMatch(/^HTTP\/1\.1 403 /);
    expect(text).toContain("MissingAuthenticationTokenException");
  });

  it("refuses an expired signature at once, without waiting for its body", async () => {
    const auth = "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20200101/us-east-1/iotmanagedintegrations/aws4_request, SignedHeaders=host;x-amz-date, Signature=00";
    const { answer } = await stalled(`POST /ota-tasks HTTP/1.1\r\nHost: x\r\nX-Amz-Date: 20200101T000000Z\r\nAuthorization: ${auth}\r\nContent-Length: 100000\r\n\r\n`);
    const text = await within(answer, 3000);
    expect(text).toMatch(/^HTTP\/1\.1 403 /);
    expect(text).toContain("Signature expired");
  });

  it("reads at most the configured number of unproven bodies at once; the rest get 503", async () => {
    const body = JSON.stringify({ S3Url: "s3://b/a-long-enough-url-to-stall.bin", OtaType: "ONE_TIME" });
    const head = await signedHead(body);
    const first = await Promise.all(Array.from({ length: 4 }, () => stalled(head)));
    await new Promise((resolve) => setTimeout(resolve, 200));
    const extra = await stalled(head);
    const text = await within(extra.answer, 3000);
    expect(text).toMatch(/^HTTP\/1\.1 503 /);
    // The four stalled uploads are still waiting for their bodies, not answered.
    for (const f of first) expect(await within(f.answer, 50)).toBe("timeout");
    // Finishing them frees the slots: a complete signed request goes through.
    for (const f of first) f.socket.destroy();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await send(emulator)).status).toBe(201);
  });

  describe("with a signed x-amz-content-sha256", () => {
    const body = JSON.stringify({ S3Url: "s3://b/a-long-enough-url-to-stall.bin", OtaType: "ONE_TIME" });

    it("checks the whole signature on the headers: a forged one is refused before the body", async () => {
      const { answer } = await stalled(await signedHead(body, { contentHash: true, secret: "not-the-secret" }));
      const text = await within(answer, 3000);
      expect(text).toMatch(/^HTTP\/1\.1 403 /);
      expect(text).toContain("InvalidSignatureException");
    });

    it("reads a proven request's body even when the unproven slots are full, and creates the task", async () => {
      const unproven = await Promise.all(Array.from({ length: 4 }, async () => stalled(await signedHead(body))));
      await new Promise((resolve) => setTimeout(resolve, 200));
      const proven = await stalled(await signedHead(body, { contentHash: true }));
      expect(await within(proven.answer, 300)).toBe("timeout");
      // The rest of the body (stalled() sent its first 16 bytes).
      proven.socket.write(body.slice(16));
      const text = await within(proven.answer, 3000);
      expect(text).toMatch(/^HTTP\/1\.1 201 /);
      for (const u of unproven) expect(await within(u.answer, 50)).toBe("timeout");
    });

    it("refuses a body that does not hash to the signed value", async () => {
      const proven = await stalled(await signedHead(body, { contentHash: true }));
      proven.socket.write(body.slice(16).replace("long", "LONG"));
      const text = await within(proven.answer, 3000);
      expect(text).toMatch(/^HTTP\/1\.1 403 /);
      expect(text).toContain("The request signature we calculated does not match");
      expect(emulator.records().length).toBe(0);
    });
  });
});
