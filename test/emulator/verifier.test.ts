// Unit tests of the SigV4 verifier's decisions that the suite does not reach: scope checks, the Date header,
// presigned expiry, malformed headers, and the error each one maps to. Requests are signed by
// @smithy/signature-v4, independent of the verifier.
import { Sha256 } from "@aws-crypto/sha256-js";
import { HttpRequest } from "@smithy/protocol-http";
import { SignatureV4 } from "@smithy/signature-v4";
import { describe, expect, it } from "vitest";
import { isLoopback } from "../../src/emulator/pipeline.js";
import { canonicalPath, canonicalQuery } from "../../src/emulator/sigv4/canonical.js";
import { SigV4Verifier, formatAmzDate, parseAmzDate, type VerifiableRequest } from "../../src/emulator/sigv4/verify.js";
import { DOC_KEY } from "./helpers.js";

const NOW = new Date("2026-05-05T05:05:05Z");
const verifier = new SigV4Verifier({ credentials: [DOC_KEY], region: "us-east-1", service: "iotmanagedintegrations", now: () => NOW });

async function signed(options: { presign?: number; date?: Date; body?: string; path?: string; query?: Record<string, string> } = {}): Promise<VerifiableRequest> {
  const body = options.body ?? '{"S3Url":"s3://b/f","OtaType":"ONE_TIME"}';
  const request = new HttpRequest({
    method: "POST",
    protocol: "http:",
    hostname: "127.0.0.1",
    port: 4566,
    path: options.path ?? "/ota-tasks",
    query: options.query ?? {},
    headers: { host: "127.0.0.1:4566", "content-type": "application/json" },
    body,
  });
  const signer = new SignatureV4({ credentials: DOC_KEY, region: "us-east-1", service: "iotmanagedintegrations", sha256: Sha256 });
  const date = options.date ?? NOW;
  const out =
    options.presign !== undefined
      ? await signer.presign(request, { signingDate: date, expiresIn: options.presign })
      : await signer.sign(request, { signingDate: date });
  const query = Object.entries(out.query ?? {})
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
    .join("&");
  return { method: out.method, path: out.path, query, headers: Object.entries(out.headers), body: Buffer.from(body) };
}

describe("SigV4Verifier", () => {
  it("accepts a header-signed request and a presigned URL", async () => {
    expect(verifier.verify(await signed())).toEqual({ ok: true, accessKeyId: "AKIDEXAMPLE" });
    expect(verifier.verify(await signed({ presign: 300 }))).toEqual({ ok: true, accessKeyId: "AKIDEXAMPLE" });
  });

  it("accepts labels and query strings the SDK escapes (double encoding of the path)", async () => {
    const request = await signed({ path: "/things/a%20b%2Fc", query: { "next token": "x/y z", a: "" } });
    expect(verifier.verify(request).ok).toBe(true);
  });

  it("refuses an expired presigned URL with a skew message", async () => {
    const request = await signed({ presign: 60, date: new Date(NOW.getTime() - 120_000) });
    const result = verifier.verify(request);
    expect(result).toMatchObject({ ok: false, code: "InvalidSignatureException" });
    expect(!result.ok && result.message).toMatch(/^Signature expired:/);
  });

  it("refuses a scope date different from X-Amz-Date", async () => {
    const request = await signed();
    const headers = request.headers.map(([n, v]) => (n.toLowerCase() === "authorization" ? ([n, v.replace("/20260505/", "/20260504/")] as const) : ([n, v] as const)));
    const result = verifier.verify({ ...request, headers });
    expect(result).toMatchObject({ ok: false, code: "InvalidSignatureException" });
    expect(!result.ok && result.message).toContain("Date in Credential scope does not match");
  });

  it("refuses a request without a date, or with two Authorization headers, as incomplete", async () => {
    const request = await signed();
    const noDate = verifier.verify({ ...request, headers: request.headers.filter(([n]) => n.toLowerCase() !== "x-amz-date") });
    expect(noDate).toMatchObject({ ok: false, code: "IncompleteSignatureException" });
    const auth = request.headers.find(([n]) => n.toLowerCase() === "authorization")!;
    expect(verifier.verify({ ...request, headers: [...request.headers, auth] })).toMatchObject({ ok: false, code: "IncompleteSignatureException" });
  });

  it("refuses an unsupported algorithm and a payload the client declared unsigned", async () => {
    const request = await signed();
    const v4a = request.headers.map(([n, v]) => (n.toLowerCase() === "authorization" ? ([n, v.replace("AWS4-HMAC-SHA256", "AWS4-ECDSA-P256-SHA256")] as const) : ([n, v] as const)));
    expect(verifier.verify({ ...request, headers: v4a })).toMatchObject({ ok: false, code: "IncompleteSignatureException" });
    // The payload hash always comes from the received body: an UNSIGNED-PAYLOAD signature cannot match.
    const unsignedRequest = new HttpRequest({
      method: "POST",
      hostname: "127.0.0.1",
      path: "/ota-tasks",
      headers: { host: "127.0.0.1", "x-amz-content-sha256": "UNSIGNED-PAYLOAD" },
      body: "{}",
    });
    const signer = new SignatureV4({ credentials: DOC_KEY, region: "us-east-1", service: "iotmanagedintegrations", sha256: Sha256, applyChecksum: false });
    const out = await signer.sign(unsignedRequest, { signingDate: NOW });
    expect(verifier.verify({ method: "POST", path: "/ota-tasks", query: "", headers: Object.entries(out.headers), body: Buffer.from("{}") })).toMatchObject({
      ok: false,
      code: "InvalidSignatureException",
    });
  });

  it("accepts a request dated by the Date header instead of X-Amz-Date", () => {
    // Built by hand: the SDK signer always uses X-Amz-Date. Same algorithm, the timestamp taken from Date.
    const date = "Tue, 05 May 2026 05:05:05 GMT";
    const base = { method: "GET", path: "/", query: "", body: Buffer.alloc(0) };
    const headers: [string, string][] = [
      ["Host", "127.0.0.1"],
      ["Date", date],
    ];
    const wrong = verifier.verify({ ...base, headers: [...headers, ["Authorization", "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260505/us-east-1/iotmanagedintegrations/aws4_request, SignedHeaders=date;host, Signature=00"]] });
    // The date was read (no "requires existence of a date" error); only the signature is wrong.
    expect(wrong).toMatchObject({ ok: false, code: "InvalidSignatureException" });
    expect(!wrong.ok && wrong.message).toMatch(/^The request signature we calculated/);
  });
});

describe("canonicalisation details", () => {
  it("encodes the path as received (a client's %20 is signed as %2520) and resolves dot segments", () => {
    expect(canonicalPath("/a%20b/./c/../d", true)).toBe("/a%2520b/d");
    expect(canonicalPath("/a%20b/./c/../d", false)).toBe("/a%2520b/./c/../d");
    expect(canonicalPath("", true)).toBe("/");
  });

  it("sorts query parameters by encoded key then value and keeps empty values", () => {
    expect(canonicalQuery("b=2&a=2&a=1&c&%7e=x+y")).toBe("a=1&a=2&b=2&c=&~=x%2By");
    expect(canonicalQuery("X-Amz-Signature=abc&a=1", new Set(["X-Amz-Signature"]))).toBe("a=1");
  });

  it("parses and formats the ISO-8601 basic timestamp, refusing impossible dates", () => {
    expect(parseAmzDate("20150830T123600Z")?.toISOString()).toBe("2015-08-30T12:36:00.000Z");
    expect(parseAmzDate("20150231T000000Z")).toBeUndefined();
    expect(parseAmzDate("2015-08-30T12:36:00Z")).toBeUndefined();
    expect(formatAmzDate(new Date("2015-08-30T12:36:00.123Z"))).toBe("20150830T123600Z");
  });

  it("treats only loopback peers as loopback", () => {
    for (const a of ["127.0.0.1", "127.1.2.3", "::1", "::ffff:127.0.0.1"]) expect(isLoopback(a), a).toBe(true);
    for (const a of ["10.0.0.1", "::ffff:10.0.0.1", "fe80::1", "128.0.0.1", undefined]) expect(isLoopback(a), String(a)).toBe(false);
  });
});
