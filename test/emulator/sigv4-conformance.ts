/**
 * Checks of the emulator's SigV4 verifier against one case of the official suite, each returning the list of
 * failures (empty when the case passes). Shared by the vitest suite and the conformance runner
 * (`npm run conformance -- --sigv4 <suite.json>`).
 *
 * - {@link checkCanonical}: canonical request, string to sign and signature, header and presigned forms.
 * - {@link checkVerifies}: the signed request (both forms) is accepted.
 * - {@link checkTampering}: any single changed byte of a signed header value, the path, the query or the body
 *   is refused (a path change that names the same resource after normalisation must still verify).
 */
import {
  canonicalPath,
  canonicalRequest,
  sha256Hex,
  signString,
  signingKey,
  stringToSign,
  type RawHeader,
} from "../../src/emulator/sigv4/canonical.js";
import { SigV4Verifier, type VerifiableRequest } from "../../src/emulator/sigv4/verify.js";
import { parseRawRequest, type Suite, type SuiteCase } from "./sigv4-suite.js";

export function signedHeadersOf(authorization: string): string[] {
  const m = /SignedHeaders=([^,\s]+)/.exec(authorization);
  return m === null ? [] : m[1]!.split(";");
}

/** A verifier configured as the suite signs: its key (and session token), region, service and clock. */
export function verifierFor(s: Suite, c: SuiteCase): SigV4Verifier {
  const token = c.context.session_token;
  return new SigV4Verifier({
    credentials: [{ ...s.credentials, ...(token !== undefined ? { sessionToken: token } : {}) }],
    region: s.region,
    service: s.service,
    now: () => new Date(s.timestamp),
    normalizePath: c.context.normalize,
  });
}

export function toVerifiable(text: string): VerifiableRequest {
  const p = parseRawRequest(text);
  return { method: p.method, path: p.path, query: p.query, headers: p.headers, body: Buffer.from(p.body, "utf8") };
}

/** Replaces the character at `i` with another printable one. */
function flip(text: string, i: number): string {
  const replacement = text[i] === "x" ? "y" : "x";
  return text.slice(0, i) + replacement + text.slice(i + 1);
}

function differs(what: string, got: string, want: string): string[] {
  return got === want ? [] : [`${what} differs:\n--- got\n${got}\n--- want\n${want}`];
}

export function checkCanonical(s: Suite, c: SuiteCase): string[] {
  const failures: string[] = [];
  const date = s.date.slice(0, 8);
  const scope = `${date}/${s.region}/${s.service}/aws4_request`;
  const key = signingKey(s.credentials.secretAccessKey, date, s.region, s.service);

  const p = parseRawRequest(c.signedRequest);
  const canonical = canonicalRequest(
    { method: p.method, path: p.path, query: p.query, headers: p.headers, payloadHash: sha256Hex(p.body) },
    signedHeadersOf(c.authorization),
    { normalizePath: c.context.normalize },
  );
  failures.push(...differs("canonical request", canonical, c.canonicalRequest));
  const sts = stringToSign(s.date, scope, canonical);
  failures.push(...differs("string to sign", sts, c.stringToSign));
  failures.push(...differs("signature", signString(key, sts), c.signature));

  const q = parseRawRequest(c.presigned.signedRequest);
  const signed = decodeURIComponent(/X-Amz-SignedHeaders=([^&]+)/.exec(q.query)?.[1] ?? "").split(";");
  const excluded = c.context.omit_session_token ? ["X-Amz-Signature", "X-Amz-Security-Token"] : ["X-Amz-Signature"];
  const presignedCanonical = canonicalRequest(
    { method: q.method, path: q.path, query: q.query, headers: q.headers, payloadHash: sha256Hex(q.body) },
    signed,
    { normalizePath: c.context.normalize, excludeQuery: new Set(excluded) },
  );
  failures.push(...differs("presigned canonical request", presignedCanonical, c.presigned.canonicalRequest));
  const presignedSts = stringToSign(s.date, scope, presignedCanonical);
  failures.push(...differs("presigned string to sign", presignedSts, c.presigned.stringToSign));
  failures.push(...differs("presigned signature", signString(key, presignedSts), c.presigned.signature));
  return failures;
}

export function checkVerifies(s: Suite, c: SuiteCase): string[] {
  const v = verifierFor(s, c);
  const failures: string[] = [];
  for (const [form, text] of [["header", c.signedRequest], ["presigned", c.presigned.signedRequest]] as const) {
    const result = v.verify(toVerifiable(text));
    if (!result.ok) failures.push(`${form}-signed request refused: ${result.code}: ${result.message}`);
  }
  return failures;
}

/** Returns failures and how many tampered variants were tried. */
export function checkTampering(s: Suite, c: SuiteCase): { failures: string[]; attempts: number } {
  const v = verifierFor(s, c);
  const base = toVerifiable(c.signedRequest);
  const signed = new Set(signedHeadersOf(c.authorization));
  const failures: string[] = [];
  let attempts = 0;
  const mustRefuse = (request: VerifiableRequest, what: string): void => {
    attempts++;
    if (v.verify(request).ok) failures.push(`accepted with a changed ${what}`);
  };
  base.headers.forEach(([name, value], index) => {
    if (!signed.has(name.toLowerCase())) return;
    for (let i = 0; i < value.length; i++) {
      const headers: RawHeader[] = base.headers.map((h, j) => (j === index ? [name, flip(value, i)] : h));
      mustRefuse({ ...base, headers }, `${name} value (byte ${i})`);
    }
  });
  for (let i = 0; i < base.path.length; i++) {
    const tampered = flip(base.path, i);
    if (canonicalPath(tampered, c.context.normalize) === canonicalPath(base.path, c.context.normalize)) {
      // e.g. `/example/..` → `/xxample/..`: with normalisation both name `/`, the resource that was signed.
      attempts++;
      if (!c.context.normalize) failures.push(`path byte ${i}: unnormalised paths must never be equivalent`);
      else if (!v.verify({ ...base, path: tampered }).ok) failures.push(`path byte ${i}: an equivalent path was refused`);
      continue;
    }
    mustRefuse({ ...base, path: tampered }, `path (byte ${i})`);
  }
  for (let i = 0; i < base.query.length; i++) mustRefuse({ ...base, query: flip(base.query, i) }, `query (byte ${i})`);
  for (let i = 0; i < base.body.length; i++) {
    const body = Buffer.from(base.body);
    body[i] = body[i]! ^ 0x01;
    mustRefuse({ ...base, body }, `body (byte ${i})`);
  }
  return { failures, attempts };
}
