// The canonical request and string to sign that `--debug` prints are the ones the signature was computed
// from: signing the printed string to sign with the secret key gives the signature that was sent.
import { createHmac } from "node:crypto";
import { Sha256 } from "@aws-crypto/sha256-js";
import { SignatureV4 } from "@smithy/signature-v4";
import { HttpRequest } from "@smithy/protocol-http";
import { describe, expect, it } from "vitest";
import { signingLog } from "../../src/cli/debug-signing.js";

const SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

async function signed(request: HttpRequest, sessionToken?: string): Promise<HttpRequest> {
  const signer = new SignatureV4({
    credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: SECRET, ...(sessionToken === undefined ? {} : { sessionToken }) },
    region: "us-east-1",
    service: "iotmanagedintegrations",
    sha256: Sha256,
    uriEscapePath: true,
  });
  return (await signer.sign(request, { signingDate: new Date("2026-01-02T03:04:05Z") })) as HttpRequest;
}

function hmac(key: string | Buffer, data: string): Buffer {
  return createHmac("sha256", key).update(data).digest();
}

describe("--debug signing log", () => {
  it.each([
    ["POST with a body", new HttpRequest({ method: "POST", hostname: "127.0.0.1", port: 8080, path: "/ota-tasks", headers: { "content-type": "application/json", host: "127.0.0.1:8080" }, body: '{"S3Url":"x"}' })],
    ["GET with a query and an escaped label", new HttpRequest({ method: "GET", hostname: "h", path: "/ota-tasks/a%20b%2Fc", query: { NextToken: "n/2", MaxResults: "1" }, headers: { host: "h" } })],
  ])("%s: the printed string to sign yields the signature sent", async (_name, request) => {
    const sent = await signed(request);
    const log = signingLog(sent)!;
    const lines = log.stringToSign.split("\n");
    expect(lines[0]).toBe("AWS4-HMAC-SHA256");
    expect(lines[2]).toBe("20260102/us-east-1/iotmanagedintegrations/aws4_request");
    const key = ["20260102", "us-east-1", "iotmanagedintegrations", "aws4_request"].reduce<string | Buffer>((k, part) => hmac(k, part), `AWS4${SECRET}`);
    const signature = hmac(key, log.stringToSign).toString("hex");
    expect(sent.headers["authorization"]).toContain(`Signature=${signature}`);
    expect(log.canonicalRequest.split("\n")[0]).toBe(request.method);
  });

  it("redacts a session token", async () => {
    const sent = await signed(new HttpRequest({ method: "GET", hostname: "h", path: "/", headers: { host: "h" } }), "SECRET-TOKEN");
    const log = signingLog(sent)!;
    expect(log.canonicalRequest).toContain("x-amz-security-token:***SensitiveInformation***");
    expect(log.canonicalRequest).not.toContain("SECRET-TOKEN");
  });

  it("says nothing for an unsigned request", () => {
    expect(signingLog(new HttpRequest({ method: "GET", hostname: "h", path: "/", headers: {} }))).toBeUndefined();
  });
});
