/**
 * Loopback stand-ins for the AWS services the SDK's credential providers call, on one `node:http` server: the
 * IAM Identity Center portal (`GetRoleCredentials`), SSO OIDC (`CreateToken`, for token refresh), STS
 * (`AssumeRole`, `AssumeRoleWithWebIdentity`), the container credentials endpoint (ECS / EKS Pod Identity) and
 * instance metadata (IMDSv2). Every answer hands out keys the emulator is told to accept.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** One key set a fake hands out. */
export interface IssuedKeys {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken: string;
}

export interface FakeAws {
  readonly url: string;
  /** Requests seen, as `METHOD path` plus what identifies the caller (bearer token, action, authorization). */
  readonly seen: string[];
  /** Every key set any fake can hand out (for the emulator's accepted credentials). */
  readonly keys: readonly IssuedKeys[];
  close(): Promise<void>;
}

export const CONTAINER_TOKEN = "container-auth-token";
const EXPIRES = "2099-01-01T00:00:00Z";

/** Keys named after their source, so a test can tell which provider answered. */
export function keysFor(source: string): IssuedKeys {
  return { accessKeyId: `AKID${source.toUpperCase().replace(/[^A-Z0-9]/g, "")}`, secretAccessKey: `secret-${source}`, sessionToken: `token-${source}` };
}

/** The sources the fakes answer for (STS answers per role session name). */
export const FAKE_SOURCES = ["sso-session", "sso-legacy", "sso-refreshed", "role", "role-env", "wi-profile", "wi-env", "container", "imds"] as const;

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
  });
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { "content-type": type });
  res.end(body);
}

function stsAnswer(action: string, keys: IssuedKeys): string {
  return (
    `<${action}Response xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><${action}Result><Credentials>` +
    `<AccessKeyId>${keys.accessKeyId}</AccessKeyId><SecretAccessKey>${keys.secretAccessKey}</SecretAccessKey>` +
    `<SessionToken>${keys.sessionToken}</SessionToken><Expiration>${EXPIRES}</Expiration></Credentials>` +
    `<AssumedRoleUser><AssumedRoleId>AROA:x</AssumedRoleId><Arn>arn:aws:sts::111122223333:assumed-role/x/y</Arn></AssumedRoleUser>` +
    `</${action}Result></${action}Response>`
  );
}

/** Starts the fakes on 127.0.0.1. */
export async function startFakeAws(): Promise<FakeAws> {
  const seen: string[] = [];
  const server = createServer((req, res) => {
    void readBody(req).then((body) => {
      const url = new URL(req.url ?? "/", "http://fake");
      const path = url.pathname;
      // IAM Identity Center portal: the access token from the cache picks the keys.
      if (req.method === "GET" && path === "/federation/credentials") {
        const token = String(req.headers["x-amz-sso_bearer_token"] ?? "");
        seen.push(`sso GetRoleCredentials ${url.searchParams.get("account_id")}/${url.searchParams.get("role_name")} bearer=${token}`);
        const source = token === "refreshed-access-token" ? "sso-refreshed" : token.startsWith("legacy") ? "sso-legacy" : "sso-session";
        const keys = keysFor(source);
        return send(res, 200, "application/json", JSON.stringify({ roleCredentials: { ...keys, expiration: Date.parse(EXPIRES) } }));
      }
      // SSO OIDC CreateToken (refresh_token grant).
      if (req.method === "POST" && path === "/token") {
        const request = JSON.parse(body) as { grantType?: string; refreshToken?: string };
        seen.push(`oidc CreateToken ${request.grantType} ${request.refreshToken}`);
        return send(res, 200, "application/json", JSON.stringify({ accessToken: "refreshed-access-token", expiresIn: 3600, refreshToken: "refresh-2", tokenType: "Bearer" }));
      }
      // STS (query protocol): the role session name picks the keys.
      if (req.method === "POST" && path === "/") {
        const form = new URLSearchParams(body);
        const action = form.get("Action") ?? "";
        const session = form.get("RoleSessionName") ?? "";
        const signedWith = /Credential=([^/]+)\//.exec(String(req.headers["authorization"] ?? ""))?.[1] ?? "unsigned";
        seen.push(`sts ${action} ${form.get("RoleArn")} session=${session} signed=${signedWith}`);
        if (action !== "AssumeRole" && action !== "AssumeRoleWithWebIdentity") return send(res, 400, "text/xml", "<ErrorResponse><Error><Code>InvalidAction</Code></Error></ErrorResponse>");
        return send(res, 200, "text/xml", stsAnswer(action, keysFor(session)));
      }
      // Container credentials (ECS full URI / EKS Pod Identity): the token file's content is the authorization.
      if (req.method === "GET" && path === "/container-credentials") {
        seen.push(`container authorization=${req.headers["authorization"]}`);
        if (req.headers["authorization"] !== CONTAINER_TOKEN) return send(res, 401, "application/json", "{}");
        const keys = keysFor("container");
        return send(res, 200, "application/json", JSON.stringify({ AccessKeyId: keys.accessKeyId, SecretAccessKey: keys.secretAccessKey, Token: keys.sessionToken, Expiration: EXPIRES }));
      }
      // Instance metadata, IMDSv2.
      if (req.method === "PUT" && path === "/latest/api/token") {
        seen.push("imds token");
        return send(res, 200, "text/plain", "imds-session-token");
      }
      if (req.method === "GET" && path.startsWith("/latest/meta-data/iam/security-credentials")) {
        if (req.headers["x-aws-ec2-metadata-token"] !== "imds-session-token") return send(res, 401, "text/plain", "");
        if (path.endsWith("/security-credentials/") || path.endsWith("/security-credentials")) return send(res, 200, "text/plain", "imds-role");
        seen.push("imds credentials");
        const keys = keysFor("imds");
        return send(res, 200, "application/json", JSON.stringify({ Code: "Success", Type: "AWS-HMAC", AccessKeyId: keys.accessKeyId, SecretAccessKey: keys.secretAccessKey, Token: keys.sessionToken, Expiration: EXPIRES }));
      }
      seen.push(`unexpected ${req.method} ${req.url}`);
      send(res, 404, "text/plain", "not faked");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    keys: FAKE_SOURCES.map(keysFor),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
