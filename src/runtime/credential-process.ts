/**
 * `credential_process` of a profile: runs the command through the shell, as the AWS CLI and SDKs do, and reads the
 * JSON document (Version 1) it prints. Loaded lazily by the credential chain, only for profiles that use it.
 * Hand-written instead of `@aws-sdk/credential-provider-process`, which needs `@aws-sdk/core` for a few lines of
 * work; without it the credential chain does not depend on `@aws-sdk/core` at all.
 */
import { exec } from "node:child_process";
import { CredentialsProviderError, type Profile } from "@smithy/core/config";
import type { AwsCredentialIdentity } from "@smithy/types";

/** Runs the profile's `credential_process` and returns the credentials it prints. @internal */
export function fromCredentialProcess(profile: Profile, name: string, now: () => number): Promise<AwsCredentialIdentity> {
  const command = profile["credential_process"] ?? "";
  return new Promise((resolve, reject) => {
    exec(command, { encoding: "utf8", windowsHide: true }, (error, stdout) => {
      if (error !== null) {
        // The command's output may hold secrets; only the exit status is reported.
        reject(new CredentialsProviderError(`Profile "${name}": credential_process failed (exit code ${String(error.code ?? "unknown")}).`, { tryNextLink: false }));
        return;
      }
      try {
        resolve(parseProcessOutput(stdout, profile, name, now));
      } catch (parseError) {
        reject(parseError);
      }
    });
  });
}

/** Checks and converts the document a credential process prints. @internal */
export function parseProcessOutput(stdout: string, profile: Profile, name: string, now: () => number): AwsCredentialIdentity {
  const fail = (why: string): CredentialsProviderError =>
    new CredentialsProviderError(`Profile "${name}": credential_process output ${why}.`, { tryNextLink: false });
  let data: unknown;
  try {
    data = JSON.parse(stdout);
  } catch {
    throw fail("is not JSON");
  }
  if (typeof data !== "object" || data === null) throw fail("is not a JSON object");
  const doc = data as Record<string, unknown>;
  if (doc["Version"] !== 1) throw fail(`has Version ${JSON.stringify(doc["Version"])}; only 1 is supported`);
  const { AccessKeyId, SecretAccessKey, SessionToken, Expiration, CredentialScope, AccountId } = doc;
  if (typeof AccessKeyId !== "string" || typeof SecretAccessKey !== "string") throw fail("lacks AccessKeyId or SecretAccessKey");
  const credentials: { -readonly [K in keyof AwsCredentialIdentity]: AwsCredentialIdentity[K] } = { accessKeyId: AccessKeyId, secretAccessKey: SecretAccessKey };
  if (typeof SessionToken === "string") credentials.sessionToken = SessionToken;
  if (Expiration !== undefined) {
    const expiration = new Date(String(Expiration));
    if (Number.isNaN(expiration.getTime())) throw fail("has an unreadable Expiration");
    if (expiration.getTime() < now()) throw fail("holds expired credentials");
    credentials.expiration = expiration;
  }
  if (typeof CredentialScope === "string") credentials.credentialScope = CredentialScope;
  const accountId = typeof AccountId === "string" ? AccountId : profile["aws_account_id"];
  if (accountId !== undefined) credentials.accountId = accountId;
  return credentials;
}
