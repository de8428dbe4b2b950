/**
 * Role credentials from STS: `AssumeRole` for a profile's `role_arn` with credentials from its source
 * (`source_profile` or `credential_source`), and `AssumeRoleWithWebIdentity` for an OIDC token file. Loaded
 * only when needed. The STS endpoint is `AWS_ENDPOINT_URL_STS`, else `AWS_ENDPOINT_URL`, else the regional
 * endpoint of the profile's region (else AWS_REGION, else us-east-1).
 */
import { readFile } from "node:fs/promises";
import { partition } from "@aws-sdk/util-endpoints";
import { Sha256 } from "@aws-crypto/sha256-js";
import { CredentialsProviderError, type Profile } from "@smithy/core/config";
import { HttpRequest } from "@smithy/protocol-http";
import { SignatureV4 } from "@smithy/signature-v4";
import type { AwsCredentialIdentity } from "@smithy/types";
import { collectBody } from "./body.js";
import { NodeHttpRequestHandler } from "./http-handler.js";
import { LIBRARY_NAME } from "./version.js";

/** @internal */
export async function assumeRole(profile: Profile, name: string, source: AwsCredentialIdentity, now: () => number): Promise<AwsCredentialIdentity> {
  const roleArn = profile["role_arn"] as string;
  if (profile["mfa_serial"] !== undefined) {
    throw new CredentialsProviderError(`Profile "${name}" needs an MFA code (mfa_serial), which this client cannot prompt for; pass credentials from @aws-sdk/credential-providers (fromIni with mfaCodeProvider).`, { tryNextLink: false });
  }
  const params: Record<string, string> = {
    Action: "AssumeRole",
    Version: "2011-06-15",
    RoleArn: roleArn,
    RoleSessionName: profile["role_session_name"] ?? `${LIBRARY_NAME}-session-${now()}`,
  };
  if (profile["duration_seconds"] !== undefined) params["DurationSeconds"] = profile["duration_seconds"];
  if (profile["external_id"] !== undefined) params["ExternalId"] = profile["external_id"];
  return callSts(params, stsRegion(profile["region"]), source, now, `Profile "${name}": AssumeRole of ${roleArn}`);
}

/**
 * Exchanges an OIDC token file for role credentials (`AssumeRoleWithWebIdentity`, unsigned), as on EKS.
 * @internal
 */
export async function assumeRoleWithWebIdentity(
  tokenFile: string,
  roleArn: string,
  sessionName: string | undefined,
  region: string | undefined,
  now: () => number,
  what: string,
): Promise<AwsCredentialIdentity> {
  let token: string;
  try {
    token = (await readFile(tokenFile, "utf8")).trim();
  } catch (error) {
    throw new CredentialsProviderError(`${what}: cannot read the web identity token file ${tokenFile}: ${error instanceof Error ? error.message : String(error)}`, { tryNextLink: false });
  }
  const params = {
    Action: "AssumeRoleWithWebIdentity",
    Version: "2011-06-15",
    RoleArn: roleArn,
    RoleSessionName: sessionName ?? `${LIBRARY_NAME}-session-${now()}`,
    WebIdentityToken: token,
  };
  return callSts(params, stsRegion(region), undefined, now, `${what}: AssumeRoleWithWebIdentity of ${roleArn}`);
}

function stsRegion(profileRegion: string | undefined): string {
  return profileRegion ?? process.env["AWS_REGION"] ?? process.env["AWS_DEFAULT_REGION"] ?? "us-east-1";
}

/** One STS query-protocol call; signed with `source` when given. */
async function callSts(params: Record<string, string>, region: string, source: AwsCredentialIdentity | undefined, now: () => number, what: string): Promise<AwsCredentialIdentity> {
  const url = new URL(process.env["AWS_ENDPOINT_URL_STS"] ?? process.env["AWS_ENDPOINT_URL"] ?? `https://sts.${region}.${partition(region).dnsSuffix}`);
  const body = new URLSearchParams(params).toString();
  let request = new HttpRequest({
    protocol: url.protocol,
    hostname: url.hostname,
    ...(url.port === "" ? {} : { port: Number(url.port) }),
    method: "POST",
    path: url.pathname,
    headers: {
      host: url.host,
      "content-type": "application/x-www-form-urlencoded; charset=utf-8",
      "content-length": String(Buffer.byteLength(body)),
    },
    body,
  });
  if (source !== undefined) {
    const signer = new SignatureV4({ credentials: source, region, service: "sts", sha256: Sha256 });
    request = (await signer.sign(request, { signingDate: new Date(now()) })) as HttpRequest;
  }
  const handler = new NodeHttpRequestHandler({ connectionTimeout: 5000, requestTimeout: 10_000, keepAlive: false });
  let text: string;
  let status: number;
  try {
    const { response } = await handler.handle(request);
    status = response.statusCode;
    text = Buffer.from(await collectBody(response.body)).toString("utf8");
  } finally {
    handler.destroy();
  }
  if (status < 200 || status >= 300) {
    const code = xmlValue(text, "Code") ?? `HTTP ${status}`;
    const message = xmlValue(text, "Message") ?? "";
    throw new CredentialsProviderError(`${what} failed: ${code}${message ? `: ${message}` : ""}`, { tryNextLink: false });
  }
  const accessKeyId = xmlValue(text, "AccessKeyId");
  const secretAccessKey = xmlValue(text, "SecretAccessKey");
  const sessionToken = xmlValue(text, "SessionToken");
  const expiration = xmlValue(text, "Expiration");
  if (accessKeyId === undefined || secretAccessKey === undefined || sessionToken === undefined) {
    throw new CredentialsProviderError(`${what} answered without credentials.`, { tryNextLink: false });
  }
  return { accessKeyId, secretAccessKey, sessionToken, ...(expiration === undefined ? {} : { expiration: new Date(expiration) }) };
}

/** The text of the first `<tag>` element; STS answers are small and flat enough for this. */
function xmlValue(xml: string, tag: string): string | undefined {
  const match = new RegExp(`<${tag}>([^<]*)</${tag}>`).exec(xml);
  if (match === null) return undefined;
  return (match[1] as string)
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, "&");
}
