/**
 * The runtime signs with the parts of @smithy/signature-v4 instead of its `SignatureV4` class (which bundles
 * presigning and event-stream signing no client call uses): every header, query and path it produces must be
 * what `SignatureV4.sign` produces for the same request, credentials, date, region and signing name.
 */
import { Sha256 } from "@aws-crypto/sha256-js";
import { HttpRequest } from "@smithy/protocol-http";
import { SignatureV4, SignatureV4Base } from "@smithy/signature-v4";
import { readFileSync } from "node:fs";
import type { AwsCredentialIdentity } from "@smithy/types";
import { describe, expect, it } from "vitest";
import { DefaultSha256, NodeSha256 } from "../../src/runtime/client/default-hash.node.js";
import { ConfigurationError } from "../../src/runtime/client/errors.js";
import { createSigner } from "../../src/runtime/client/signing.js";

const METHODS = ["GET", "POST", "PUT", "DELETE"];
const PATHS = ["/ota-tasks", "/a b/c%2F/./d", "/", "/ota-tasks/id:1/"];
const BODIES = [undefined, '{"a":1}', Buffer.from("bytes"), new Uint8Array([1, 2, 3]), ""];

/** Case `i` of a deterministic spread over methods, paths, queries, headers, bodies, tokens and dates. */
function variant(i: number): { request: () => HttpRequest; credentials: AwsCredentialIdentity; date: Date; region: string; name: string | undefined } {
  const headers: Record<string, string> = { "content-type": "application/json", "X-Custom": ` a  b ${i}` };
  if (i % 4 === 0) headers["x-amz-content-sha256"] = "UNSIGNED-PAYLOAD";
  if (i % 6 === 0) Object.assign(headers, { "user-agent": "ua", "x-amzn-trace-id": "trace", expect: "100-continue" });
  // Never signed by the SDK: proxy-* and sec-* names.
  if (i % 5 === 1) Object.assign(headers, { "Proxy-Authorization": "p", "sec-fetch-mode": "cors" });
  // Two names that differ only in case (the SDK keeps the one that sorts last), and values to clean up.
  if (i % 7 === 2) Object.assign(headers, { "X-Dup": "upper", "x-dup": "lower\tvalue " });
  if (i % 7 === 3) Object.assign(headers, { "x-dup": "lower", "X-DUP": " upper\r\n  value" });
  if (i % 8 === 3) Object.assign(headers, { "x-break": "a\r\nb\t\tc", "x-edge": "trailing ", "x-plain": "no cleaning needed" });
  if (i % 9 === 4) headers["x-absent"] = undefined as unknown as string;
  return {
    request: () =>
      new HttpRequest({
        method: METHODS[i % METHODS.length]!,
        protocol: "https:",
        hostname: "api.example.com",
        path: PATHS[i % PATHS.length]!,
        query: i % 2 === 1 ? { b: "1 2", a: ["y", "x"], "é": "ü", empty: "" } : {},
        headers: { ...headers },
        body: BODIES[i % BODIES.length],
      }),
    credentials: { accessKeyId: `AKID${i}`, secretAccessKey: `secret/${i % 7}`, ...(i % 3 === 0 ? {} : { sessionToken: `token${i}` }) },
    date: new Date(1_600_000_000_000 + i * 285_120_000),
    region: ["us-east-1", "eu-west-1", "cn-north-1"][i % 3]!,
    name: i % 5 === 0 ? "other-service" : undefined,
  };
}

describe("createSigner", () => {
  // NodeSha256 (the Node default) has synchronous static digests the signer uses; sha256-js has none.
  for (const [label, sha256] of [["node:crypto, synchronous digests", DefaultSha256], ["@aws-crypto/sha256-js, digests awaited", Sha256]] as const) {
    it(`signs 500 varied requests exactly as SignatureV4.sign does (${label})`, async () => {
      for (let i = 0; i < 500; i++) {
        const v = variant(i);
        const reference = new SignatureV4({ credentials: v.credentials, region: "us-east-1", service: "iotmanagedintegrations", sha256, uriEscapePath: true, applyChecksum: true });
        const expected = await reference.sign(v.request(), { signingDate: v.date, signingRegion: v.region, ...(v.name === undefined ? {} : { signingService: v.name }) });
        const actual = await createSigner(async () => v.credentials, "iotmanagedintegrations", sha256).sign(v.request(), v.date, v.region, v.name);
        expect({ case: i, headers: actual.headers, query: actual.query, path: actual.path }).toEqual({ case: i, headers: expected.headers, query: expected.query, path: expected.path });
      }
    });
  }

  it("digests in place with the Node default (no Hash object), and through the constructor for a subclass of it", async () => {
    const made: string[] = [];
    class Counting extends NodeSha256 {
      constructor(secret?: ConstructorParameters<typeof NodeSha256>[0]) {
        super(secret);
        made.push(secret === undefined ? "hash" : "hmac");
      }
    }
    const v = variant(1);
    // Shadows Hash.prototype.digest for NodeSha256 alone while it signs.
    Object.defineProperty(NodeSha256.prototype, "digest", { configurable: true, value: () => Promise.reject(new Error("the default hash was used through its constructor")) });
    try {
      await createSigner(async () => v.credentials, "iotmanagedintegrations", NodeSha256).sign(v.request(), v.date, v.region, v.name);
    } finally {
      delete (NodeSha256.prototype as { digest?: unknown }).digest;
    }
    await createSigner(async () => v.credentials, "iotmanagedintegrations", Counting).sign(v.request(), v.date, v.region, v.name);
    expect(made).toContain("hash");
    expect(made).toContain("hmac");
  });

  it("keeps signing right when one credentials object is reused across scopes and its secret changes in place", async () => {
    const credentials: { accessKeyId: string; secretAccessKey: string } = { accessKeyId: "AKIDSAME", secretAccessKey: "first" };
    const signer = createSigner(async () => credentials, "iotmanagedintegrations", DefaultSha256);
    // 60 dates (more scopes than the cache keeps), then each again, latest first (still cached), after the secret
    // changed in place.
    const days = Array.from({ length: 60 }, (_, day) => day);
    for (const [secret, order] of [["first", days], ["second", [...days].reverse()]] as const) {
      credentials.secretAccessKey = secret;
      for (const day of order) {
        const v = variant(day);
        const date = new Date(1_600_000_000_000 + day * 86_400_000);
        const reference = new SignatureV4({ credentials: { ...credentials }, region: "eu-west-1", service: "iotmanagedintegrations", sha256: Sha256, uriEscapePath: true, applyChecksum: true });
        const expected = await reference.sign(v.request(), { signingDate: date });
        const actual = await signer.sign(v.request(), date, "eu-west-1", undefined);
        expect({ secret, day, authorization: actual.headers["authorization"] }).toEqual({ secret, day, authorization: expected.headers["authorization"] });
      }
    }
  });

  it("rejects a credential object without keys with SignatureV4's error", async () => {
    const provider = async (): Promise<AwsCredentialIdentity> => ({}) as AwsCredentialIdentity;
    const reference = new SignatureV4({ credentials: provider, region: "us-east-1", service: "svc", sha256: DefaultSha256 });
    const request = variant(1).request;
    const expected: unknown = await reference.sign(request(), { signingDate: new Date(0) }).then(
      () => "signed",
      (e: Error) => e.message,
    );
    expect(expected).toBe("Resolved credential object is not valid");
    await expect(createSigner(provider, "svc", DefaultSha256).sign(request(), new Date(0), "us-east-1", undefined)).rejects.toThrow("Resolved credential object is not valid");
  });

  it("is built on @internal parts, so the package pins @smithy/signature-v4 to one exact version", () => {
    const manifest = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { dependencies: Record<string, string> };
    const installed = JSON.parse(readFileSync(new URL("../../node_modules/@smithy/signature-v4/package.json", import.meta.url), "utf8")) as { version: string };
    expect(manifest.dependencies["@smithy/signature-v4"]).toMatch(/^\d+\.\d+\.\d+$/);
    expect(manifest.dependencies["@smithy/signature-v4"]).toBe(installed.version);
  });

  it("refuses, with a ConfigurationError naming the part, a @smithy/signature-v4 that lacks one of them", () => {
    const proto = SignatureV4Base.prototype as unknown as Record<string, unknown>;
    const saved = proto["getCanonicalPath"];
    delete proto["getCanonicalPath"];
    try {
      expect(() => createSigner(async () => variant(0).credentials, "svc", DefaultSha256)).toThrow(ConfigurationError);
      expect(() => createSigner(async () => variant(0).credentials, "svc", DefaultSha256)).toThrow(/SignatureV4Base\.getCanonicalPath/);
    } finally {
      proto["getCanonicalPath"] = saved;
    }
    expect(() => createSigner(async () => variant(0).credentials, "svc", DefaultSha256)).not.toThrow();
  });
});
