/**
 * The hand-written `credential_process` reader: the JSON document it accepts, what it refuses, and that its
 * errors never repeat the command's output (which may hold secrets). End-to-end use through a profile is in
 * credentials.test.ts.
 */
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { fromCredentialProcess, parseProcessOutput } from "../../src/runtime/credential-process.js";

const NOW = Date.parse("2030-01-01T00:00:00Z");
const now = (): number => NOW;
const doc = (fields: Record<string, unknown>): string => JSON.stringify({ Version: 1, AccessKeyId: "K", SecretAccessKey: "S", ...fields });

describe("parseProcessOutput", () => {
  it("reads keys, token, expiration, scope and account id", () => {
    const out = parseProcessOutput(doc({ SessionToken: "T", Expiration: "2031-01-01T00:00:00Z", CredentialScope: "us-east-1", AccountId: "123456789012" }), {}, "p", now);
    expect(out).toEqual({
      accessKeyId: "K",
      secretAccessKey: "S",
      sessionToken: "T",
      expiration: new Date("2031-01-01T00:00:00Z"),
      credentialScope: "us-east-1",
      accountId: "123456789012",
    });
  });

  it("takes the account id from the profile when the document has none", () => {
    expect(parseProcessOutput(doc({}), { aws_account_id: "210987654321" }, "p", now).accountId).toBe("210987654321");
  });

  it.each([
    ["not JSON", "AccessKeyId=K", /is not JSON/],
    ["another version", doc({ Version: 2 }), /Version 2/],
    ["no secret key", JSON.stringify({ Version: 1, AccessKeyId: "K" }), /lacks AccessKeyId or SecretAccessKey/],
    ["expired credentials", doc({ Expiration: "2029-12-31T23:59:59Z" }), /expired/],
    ["an unreadable expiration", doc({ Expiration: "soon" }), /unreadable Expiration/],
  ])("refuses %s", (_label, text, message) => {
    expect(() => parseProcessOutput(text, {}, "p", now)).toThrow(message);
  });

  it("never repeats the output in its errors", () => {
    let caught: unknown;
    try {
      parseProcessOutput(doc({ Version: 3, SecretAccessKey: "TOP-SECRET-VALUE" }), {}, "p", now);
    } catch (error) {
      caught = error;
    }
    expect(String((caught as Error).message)).not.toContain("TOP-SECRET-VALUE");
  });
});

describe("fromCredentialProcess", () => {
  const dir = mkdtempSync(join(tmpdir(), "runtime-process-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("reports a failing command by exit code only", async () => {
    const script = join(dir, "fail.cjs");
    writeFileSync(script, `process.stdout.write("SECRET-IN-OUTPUT"); process.exit(3);`);
    chmodSync(script, 0o755);
    const error = await fromCredentialProcess({ credential_process: `"${process.execPath}" "${script}"` }, "p", now).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/exit code 3/);
    expect((error as Error).message).not.toContain("SECRET-IN-OUTPUT");
  });
});
