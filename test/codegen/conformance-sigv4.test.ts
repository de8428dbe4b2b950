// The SigV4 part of the conformance runner: a case of our own whose expected values are computed here with
// node:crypto (an independent implementation of the SigV4 formulas), then the official suite when
// IOTMI_SIGV4_SUITE points at it.
import { spawnSync } from "node:child_process";
import { createHash, createHmac } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseRawRequest } from "../conformance/raw-http.js";
import { count } from "../conformance/report.js";
import { checkPresign, checkSign, checkTamper, checkVerify, runSigV4Suite, type SigV4Case, type SigV4Suite } from "../conformance/sigv4.js";

const sha = (s: string): string => createHash("sha256").update(s).digest("hex");
const hmac = (key: string | Buffer, s: string): Buffer => createHmac("sha256", key).update(s).digest();

/** Builds a suite with one signed PUT whose expectations follow from the SigV4 definition. */
function ownSuite(): SigV4Suite {
  const secret = "not-a-real-secret-key-for-tests-only";
  const date = "20200102T030405Z";
  const scope = "20200102/eu-west-1/svc/aws4_request";
  const body = "hello, body";
  const request = `PUT /dir/./sub/ HTTP/1.1\nHost:svc.example.test\nX-Thing: one\nX-Thing:two  three\nContent-Type:text/plain\n\n${body}`;
  const signedHeaders = "content-type;host;x-amz-content-sha256;x-amz-date;x-thing";
  const canonicalRequest = [
    "PUT",
    "/dir/sub/",
    "a=1&b=%20x",
    "content-type:text/plain",
    "host:svc.example.test",
    `x-amz-content-sha256:${sha(body)}`,
    `x-amz-date:${date}`,
    "x-thing:one,two three",
    "",
    signedHeaders,
    sha(body),
  ].join("\n");
  const stringToSign = `AWS4-HMAC-SHA256\n${date}\n${scope}\n${sha(canonicalRequest)}`;
  let key = hmac(`AWS4${secret}`, "20200102");
  for (const part of ["eu-west-1", "svc", "aws4_request"]) key = hmac(key, part);
  const signature = createHmac("sha256", key).update(stringToSign).digest("hex");
  const authorization = `AWS4-HMAC-SHA256 Credential=AKIDTEST/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
  const withQuery = request.replace("PUT /dir/./sub/ ", "PUT /dir/./sub/?b=%20x&a=1 ");
  const [head, tail] = withQuery.split("\n\n") as [string, string];
  const signedRequest = `${head}\nX-Amz-Date:${date}\nx-amz-content-sha256:${sha(body)}\nAuthorization:${authorization}\n\n${tail}`;
  const c: SigV4Case = {
    name: "own-put",
    context: { normalize: true, sign_body: true, omit_session_token: false, expiration_in_seconds: 60 },
    request: withQuery,
    canonicalRequest,
    stringToSign,
    signature,
    authorization,
    signedRequest,
  };
  return { credentials: { accessKeyId: "AKIDTEST", secretAccessKey: secret }, region: "eu-west-1", service: "svc", date, timestamp: "2020-01-02T03:04:05Z", cases: [c] };
}

describe("SigV4 checks on a case of our own", () => {
  const suite = ownSuite();
  const c = suite.cases[0]!;

  it("the client signer matches the canonical request, string to sign, Authorization and added headers, with either default hash", async () => {
    expect(await checkSign(suite, c, "sha256-js")).toBeUndefined();
    expect(await checkSign(suite, c, "node:crypto")).toBeUndefined();
    // Node's default hash as the client uses it: one-shot digests, nothing recorded, so only what the signer adds.
    expect(await checkSign(suite, c, "in place")).toBeUndefined();
  });

  it("follows the case's sign_body: without it, no x-amz-content-sha256 header (and a different signature)", async () => {
    const unsigned = { ...c, context: { ...c.context, sign_body: false } };
    expect(await checkSign(suite, unsigned, "in place")).toMatch(/Authorization: expected.*; header x-amz-content-sha256: expected "[0-9a-f]{64}", got none$/);
  });

  it("a wrong expectation is reported", async () => {
    expect(await checkSign(suite, { ...c, canonicalRequest: c.canonicalRequest.replace("a=1", "a=2") })).toMatch(/^canonical request: expected/);
    expect(await checkSign(suite, { ...c, authorization: c.authorization.replace("Signature=", "Signature=0") })).toMatch(/Authorization: expected/);
    expect(await checkSign(suite, { ...c, authorization: c.authorization.replace("Signature=", "Signature=0") }, "node:crypto")).toMatch(/Authorization: expected/);
    expect(await checkSign(suite, { ...c, authorization: c.authorization.replace("Signature=", "Signature=0") }, "in place")).toMatch(/^Authorization: expected/);
    expect(await checkPresign(suite, c)).toBe("the case has no presigned variant");
  });

  it("the verifier accepts the signed request and rejects every one-character change", () => {
    expect(checkVerify(suite, c, "header")).toBeUndefined();
    const tamper = checkTamper(suite, c);
    expect(tamper.problem).toBeUndefined();
    // Header values, path, query and body all contribute edits.
    expect(tamper.tried).toBeGreaterThan(60);
    expect(checkVerify({ ...suite, region: "us-east-1" }, c, "header")).toMatch(/^rejected: InvalidSignatureException/);
  });

  it("parses raw requests without normalising them", () => {
    const raw = parseRawRequest("GET /a b/../c?x=1 HTTP/1.1\nHost:h\nMy: v1\n  folded\nMy:v2\n");
    expect(raw).toEqual({ method: "GET", path: "/a b/../c", query: "x=1", headers: [["Host", "h"], ["My", "v1\n  folded"], ["My", "v2"]], body: "" });
  });
});

describe("--sigv4 on the command line", () => {
  it("prints per-suite counts and the total, and fails the run when a direction fails", () => {
    const dir = mkdtempSync(join(tmpdir(), "iotmi-sigv4-"));
    try {
      const file = join(dir, "suite.json");
      writeFileSync(file, JSON.stringify(ownSuite()));
      const root = fileURLToPath(new URL("../../", import.meta.url));
      const run = spawnSync(`${root}node_modules/.bin/tsx`, ["test/conformance/main.ts", "--sigv4", file], { cwd: root, encoding: "utf8" });
      const lines = run.stdout.trimEnd().split("\n");
      // Our case has no presigned variant, so those two directions fail and say why.
      expect(lines).toContain("FAIL [sigv4 presign] own-put: the case has no presigned variant");
      expect(lines).toContain("sigv4 sign: 1 passed, 0 failed, 0 skipped");
      expect(lines).toContain("sigv4 sign (node:crypto): 1 passed, 0 failed, 0 skipped");
      expect(lines).toContain("sigv4 sign (node:crypto, in place): 1 passed, 0 failed, 0 skipped");
      expect(lines).toContain("sigv4 tamper: 1 passed, 0 failed, 0 skipped");
      expect(lines.at(-1)).toBe("5 passed, 3 failed, 0 skipped");
      expect(run.status).toBe(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

const SUITE = process.env["IOTMI_SIGV4_SUITE"];

describe.skipIf(SUITE === undefined || !existsSync(SUITE))("official SigV4 suite (IOTMI_SIGV4_SUITE)", () => {
  it("passes all 38 cases in every direction, signing with either default hash", async () => {
    const suite = JSON.parse(readFileSync(SUITE!, "utf8")) as SigV4Suite;
    expect(suite.cases).toHaveLength(38);
    const results = await runSigV4Suite(suite);
    const failures = results.filter((r) => r.outcome.status !== "pass").map((r) => `${r.suite} ${r.id}: ${JSON.stringify(r.outcome)}`);
    expect(failures).toEqual([]);
    expect(count(results)).toEqual({ passed: 38 * 8, failed: 0, skipped: 0 });
  });
});

if (SUITE === undefined) console.log("official SigV4 suite skipped: set IOTMI_SIGV4_SUITE=<path to suite.json> to run it");
