/**
 * Where credentials and region come from: environment, shared config/credentials files in a temporary HOME,
 * credential_process, container metadata over loopback, user-supplied providers, and refresh of expiring ones.
 */
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { memoizeCredentials } from "../../src/runtime/client/credentials.js";
import { CreateWidgetCommand, WidgetClient } from "./fixtures/widget-service.js";
import { fakeTime, startServer, verifySigV4, type TestServer } from "./helpers.js";

const saved = { ...process.env };
let home: string;
let server: TestServer | undefined;

beforeEach(async () => {
  home = mkdtempSync(join(tmpdir(), "runtime-creds-"));
  for (const name of Object.keys(process.env)) if (name.startsWith("AWS_")) delete process.env[name];
  process.env["HOME"] = home;
  process.env["USERPROFILE"] = home;
  // Never reach for a real metadata service from a test.
  process.env["AWS_EC2_METADATA_DISABLED"] = "true";
  server = await startServer(() => ({ status: 201, body: {} }));
});

afterEach(async () => {
  process.env = { ...saved };
  await server?.close();
  server = undefined;
  rmSync(home, { recursive: true, force: true });
});

function writeAws(file: "config" | "credentials", text: string): string {
  mkdirSync(join(home, ".aws"), { recursive: true });
  const path = join(home, ".aws", file);
  writeFileSync(path, text);
  return path;
}

async function sendAndVerify(client: WidgetClient, expect_: { accessKeyId: string; secretAccessKey: string; region: string; sessionToken?: string }) {
  await client.send(new CreateWidgetCommand({ Name: "gear" }));
  const request = server!.requests.at(-1)!;
  verifySigV4(request, { ...expect_, service: "widgets" });
  expect(request.headers["x-amz-security-token"]).toBe(expect_.sessionToken);
  client.destroy();
}

describe("region", () => {
  it("prefers the option, then AWS_REGION, then AWS_DEFAULT_REGION, then the profile", async () => {
    writeAws("config", "[default]\nregion = ap-southeast-2\n[profile other]\nregion = sa-east-1\n");
    expect(await new WidgetClient({}).config.region()).toBe("ap-southeast-2");
    expect(await new WidgetClient({ profile: "other" }).config.region()).toBe("sa-east-1");
    process.env["AWS_PROFILE"] = "other";
    expect(await new WidgetClient({}).config.region()).toBe("sa-east-1");
    process.env["AWS_DEFAULT_REGION"] = "eu-north-1";
    expect(await new WidgetClient({}).config.region()).toBe("eu-north-1");
    process.env["AWS_REGION"] = "eu-west-3";
    expect(await new WidgetClient({}).config.region()).toBe("eu-west-3");
    expect(await new WidgetClient({ region: "us-west-1" }).config.region()).toBe("us-west-1");
  });

  it("honours AWS_CONFIG_FILE and reads max_attempts from the profile", async () => {
    const path = join(home, "elsewhere.ini");
    writeFileSync(path, "[default]\nregion = ca-central-1\nmax_attempts = 7\n");
    process.env["AWS_CONFIG_FILE"] = path;
    const client = new WidgetClient({});
    expect(await client.config.region()).toBe("ca-central-1");
    expect(await client.config.maxAttempts()).toBe(7);
  });

  it("is undefined when nothing configures it", async () => {
    expect(await new WidgetClient({}).config.region()).toBeUndefined();
  });
});

describe("configured endpoints", () => {
  it("reads AWS_ENDPOINT_URL_<SERVICE>, AWS_ENDPOINT_URL and the profile's endpoint_url, in that order", async () => {
    const endpointOf = async (config: ConstructorParameters<typeof WidgetClient>[0] = {}) => {
      const endpoint = await new WidgetClient(config).config.endpoint?.();
      return endpoint === undefined ? undefined : `${endpoint.protocol}//${endpoint.hostname}:${endpoint.port}`;
    };
    expect(await endpointOf()).toBeUndefined();
    writeAws("config", "[default]\nendpoint_url = http://127.0.0.1:7001\n");
    expect(await endpointOf()).toBe("http://127.0.0.1:7001");
    process.env["AWS_ENDPOINT_URL"] = "http://127.0.0.1:7002";
    expect(await endpointOf()).toBe("http://127.0.0.1:7002");
    process.env["AWS_ENDPOINT_URL_WIDGET_SERVICE"] = "http://127.0.0.1:7003";
    expect(await endpointOf()).toBe("http://127.0.0.1:7003");
    expect(await endpointOf({ endpoint: "http://127.0.0.1:7004" })).toBe("http://127.0.0.1:7004");
    process.env["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"] = "true";
    expect(await endpointOf()).toBeUndefined();
  });

  it("sends to the configured endpoint", async () => {
    process.env["AWS_ENDPOINT_URL_WIDGET_SERVICE"] = server!.url;
    const client = new WidgetClient({ region: "us-east-1", credentials: { accessKeyId: "K", secretAccessKey: "S" } });
    await client.send(new CreateWidgetCommand({ Name: "gear" }));
    expect(server!.requests).toHaveLength(1);
    client.destroy();
  });
});

describe("credential chain", () => {
  it("uses the environment first", async () => {
    writeAws("credentials", "[default]\naws_access_key_id = FILEKEY\naws_secret_access_key = FILESECRET\n");
    Object.assign(process.env, { AWS_ACCESS_KEY_ID: "ENVKEY", AWS_SECRET_ACCESS_KEY: "ENVSECRET", AWS_SESSION_TOKEN: "ENVTOKEN" });
    const client = new WidgetClient({ region: "us-east-1", endpoint: server!.url });
    await sendAndVerify(client, { accessKeyId: "ENVKEY", secretAccessKey: "ENVSECRET", sessionToken: "ENVTOKEN", region: "us-east-1" });
  });

  it("reads the default profile from ~/.aws/credentials", async () => {
    writeAws("credentials", "[default]\naws_access_key_id = FILEKEY\naws_secret_access_key = FILESECRET\n");
    const client = new WidgetClient({ region: "us-east-1", endpoint: server!.url });
    await sendAndVerify(client, { accessKeyId: "FILEKEY", secretAccessKey: "FILESECRET", region: "us-east-1" });
  });

  it("uses AWS_PROFILE over environment keys, with keys from the config file", async () => {
    writeAws("config", "[profile dev]\naws_access_key_id = DEVKEY\naws_secret_access_key = DEVSECRET\naws_session_token = DEVTOKEN\nregion = eu-west-1\n");
    Object.assign(process.env, { AWS_ACCESS_KEY_ID: "ENVKEY", AWS_SECRET_ACCESS_KEY: "ENVSECRET", AWS_PROFILE: "dev" });
    const client = new WidgetClient({ endpoint: server!.url });
    await sendAndVerify(client, { accessKeyId: "DEVKEY", secretAccessKey: "DEVSECRET", sessionToken: "DEVTOKEN", region: "eu-west-1" });
  });

  it("uses the profile option and AWS_SHARED_CREDENTIALS_FILE", async () => {
    const path = join(home, "creds.ini");
    writeFileSync(path, "[ci]\naws_access_key_id = CIKEY\naws_secret_access_key = CISECRET\n");
    process.env["AWS_SHARED_CREDENTIALS_FILE"] = path;
    const client = new WidgetClient({ region: "us-east-1", endpoint: server!.url, profile: "ci" });
    await sendAndVerify(client, { accessKeyId: "CIKEY", secretAccessKey: "CISECRET", region: "us-east-1" });
  });

  it("runs credential_process", async () => {
    const script = join(home, "creds.cjs");
    writeFileSync(
      script,
      `process.stdout.write(JSON.stringify({ Version: 1, AccessKeyId: "PROCKEY", SecretAccessKey: "PROCSECRET", SessionToken: "PROCTOKEN", Expiration: "2099-01-01T00:00:00Z" }));`,
    );
    chmodSync(script, 0o755);
    writeAws("config", `[default]\ncredential_process = "${process.execPath}" "${script}"\n`);
    const client = new WidgetClient({ region: "us-east-1", endpoint: server!.url });
    await sendAndVerify(client, { accessKeyId: "PROCKEY", secretAccessKey: "PROCSECRET", sessionToken: "PROCTOKEN", region: "us-east-1" });
  });

  it("reads container metadata credentials from AWS_CONTAINER_CREDENTIALS_FULL_URI", async () => {
    const metadata = await startServer((req) =>
      req.path === "/creds" && req.headers["authorization"] === "container-token"
        ? { status: 200, body: { AccessKeyId: "CTRKEY", SecretAccessKey: "CTRSECRET", Token: "CTRTOKEN", Expiration: "2099-01-01T00:00:00Z" } }
        : { status: 403, body: {} },
    );
    try {
      process.env["AWS_CONTAINER_CREDENTIALS_FULL_URI"] = `${metadata.url}/creds`;
      process.env["AWS_CONTAINER_AUTHORIZATION_TOKEN"] = "container-token";
      const client = new WidgetClient({ region: "us-east-1", endpoint: server!.url });
      await sendAndVerify(client, { accessKeyId: "CTRKEY", secretAccessKey: "CTRSECRET", sessionToken: "CTRTOKEN", region: "us-east-1" });
      expect(metadata.requests).toHaveLength(1);
    } finally {
      await metadata.close();
    }
  });

  it("assumes a role through STS with keys from a source_profile chain", async () => {
    const sts = await startServer(() => ({
      status: 200,
      headers: { "content-type": "text/xml" },
      body: `<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult><Credentials><AccessKeyId>ROLEKEY</AccessKeyId><SecretAccessKey>ROLESECRET</SecretAccessKey><SessionToken>ROLETOKEN</SessionToken><Expiration>2099-01-01T00:00:00Z</Expiration></Credentials></AssumeRoleResult></AssumeRoleResponse>`,
    }));
    try {
      process.env["AWS_ENDPOINT_URL_STS"] = sts.url;
      writeAws("credentials", "[base]\naws_access_key_id = BASEKEY\naws_secret_access_key = BASESECRET\n");
      writeAws(
        "config",
        "[profile middle]\nsource_profile = base\nrole_arn = arn:aws:iam::123456789012:role/middle\n" +
          "[profile app]\nsource_profile = middle\nrole_arn = arn:aws:iam::123456789012:role/app\nrole_session_name = my-session\nexternal_id = ext-1\nregion = eu-west-1\n",
      );
      const client = new WidgetClient({ endpoint: server!.url, profile: "app" });
      await sendAndVerify(client, { accessKeyId: "ROLEKEY", secretAccessKey: "ROLESECRET", sessionToken: "ROLETOKEN", region: "eu-west-1" });
      // middle is assumed with the base keys, then app with middle's (here: the same answer) credentials; both
      // STS calls go to the calling client's region (here the profile's), as the SDK's chain sends them.
      expect(sts.requests).toHaveLength(2);
      const [first, second] = sts.requests as [typeof sts.requests[0] & object, typeof sts.requests[0] & object];
      expect(Object.fromEntries(new URLSearchParams(first.body))).toMatchObject({ Action: "AssumeRole", Version: "2011-06-15", RoleArn: "arn:aws:iam::123456789012:role/middle" });
      verifySigV4(first, { accessKeyId: "BASEKEY", secretAccessKey: "BASESECRET", region: "eu-west-1", service: "sts" });
      expect(Object.fromEntries(new URLSearchParams(second.body))).toMatchObject({ RoleArn: "arn:aws:iam::123456789012:role/app", RoleSessionName: "my-session", ExternalId: "ext-1" });
      verifySigV4(second, { accessKeyId: "ROLEKEY", secretAccessKey: "ROLESECRET", region: "eu-west-1", service: "sts" });
    } finally {
      await sts.close();
    }
  });

  it("exchanges a web identity token (environment, then profile) through unsigned STS calls", async () => {
    const sts = await startServer((req) => {
      const form = Object.fromEntries(new URLSearchParams(req.body));
      return {
        status: 200,
        headers: { "content-type": "text/xml" },
        body: `<AssumeRoleWithWebIdentityResponse><AssumeRoleWithWebIdentityResult><Credentials><AccessKeyId>WI-${form["RoleSessionName"]}</AccessKeyId><SecretAccessKey>WISECRET</SecretAccessKey><SessionToken>WITOKEN</SessionToken><Expiration>2099-01-01T00:00:00Z</Expiration></Credentials></AssumeRoleWithWebIdentityResult></AssumeRoleWithWebIdentityResponse>`,
      };
    });
    try {
      const tokenFile = join(home, "token.jwt");
      writeFileSync(tokenFile, "eyJ.header.payload");
      Object.assign(process.env, { AWS_ENDPOINT_URL_STS: sts.url, AWS_WEB_IDENTITY_TOKEN_FILE: tokenFile, AWS_ROLE_ARN: "arn:aws:iam::1:role/pod", AWS_ROLE_SESSION_NAME: "env" });
      await sendAndVerify(new WidgetClient({ region: "us-east-1", endpoint: server!.url }), { accessKeyId: "WI-env", secretAccessKey: "WISECRET", sessionToken: "WITOKEN", region: "us-east-1" });
      expect(sts.requests[0]!.headers["authorization"]).toBeUndefined();
      expect(Object.fromEntries(new URLSearchParams(sts.requests[0]!.body))).toMatchObject({
        Action: "AssumeRoleWithWebIdentity",
        Version: "2011-06-15",
        RoleArn: "arn:aws:iam::1:role/pod",
        RoleSessionName: "env",
        WebIdentityToken: "eyJ.header.payload",
      });
      writeAws("config", `[profile wi]\nrole_arn = arn:aws:iam::1:role/profile\nweb_identity_token_file = ${tokenFile}\nrole_session_name = prof\n`);
      await sendAndVerify(new WidgetClient({ region: "us-east-1", endpoint: server!.url, profile: "wi" }), { accessKeyId: "WI-prof", secretAccessKey: "WISECRET", sessionToken: "WITOKEN", region: "us-east-1" });
      expect(sts.requests).toHaveLength(2);
    } finally {
      await sts.close();
    }
  });

  it("reports an STS error and a source_profile cycle", async () => {
    const sts = await startServer(() => ({ status: 403, headers: { "content-type": "text/xml" }, body: "<ErrorResponse><Error><Code>AccessDenied</Code><Message>not allowed</Message></Error></ErrorResponse>" }));
    try {
      process.env["AWS_ENDPOINT_URL_STS"] = sts.url;
      writeAws("credentials", "[base]\naws_access_key_id = K\naws_secret_access_key = S\n");
      writeAws("config", "[profile app]\nsource_profile = base\nrole_arn = arn:aws:iam::1:role/x\n[profile a]\nsource_profile = b\nrole_arn = r\n[profile b]\nsource_profile = a\nrole_arn = r\n");
      const denied = new WidgetClient({ region: "us-east-1", endpoint: server!.url, profile: "app" });
      // STS's own error, as the SDK reports it; a cycle ends the chain without any request.
      await expect(denied.send(new CreateWidgetCommand({ Name: "gear" }))).rejects.toMatchObject({ name: "AccessDenied", message: "not allowed" });
      const cyclic = new WidgetClient({ region: "us-east-1", endpoint: server!.url, profile: "a" });
      await expect(cyclic.send(new CreateWidgetCommand({ Name: "gear" }))).rejects.toThrow("Could not load credentials from any providers");
      expect(sts.requests).toHaveLength(1);
    } finally {
      await sts.close();
    }
  });

  it("fails with the SDK's error when no source has credentials, sending nothing", async () => {
    const client = new WidgetClient({ region: "us-east-1", endpoint: server!.url });
    await expect(client.send(new CreateWidgetCommand({ Name: "gear" }))).rejects.toMatchObject({ name: "CredentialsProviderError", message: "Could not load credentials from any providers" });
    writeAws("config", "[profile empty]\nregion = us-east-1\n");
    const empty = new WidgetClient({ region: "us-east-1", endpoint: server!.url, profile: "empty" });
    await expect(empty.send(new CreateWidgetCommand({ Name: "gear" }))).rejects.toThrow("Could not load credentials from any providers");
    expect(server!.requests).toHaveLength(0);
  });

  it("re-reads credentials after a failed lookup", async () => {
    const client = new WidgetClient({ region: "us-east-1", endpoint: server!.url });
    await expect(client.send(new CreateWidgetCommand({ Name: "gear" }))).rejects.toThrow();
    writeAws("credentials", "[default]\naws_access_key_id = LATEKEY\naws_secret_access_key = LATESECRET\n");
    await sendAndVerify(client, { accessKeyId: "LATEKEY", secretAccessKey: "LATESECRET", region: "us-east-1" });
  });
});

describe("credential providers", () => {
  it("accepts any AWS SDK v3 provider function as is", async () => {
    let calls = 0;
    const provider = async () => {
      calls += 1;
      return { accessKeyId: "FNKEY", secretAccessKey: "FNSECRET" };
    };
    const client = new WidgetClient({ region: "us-east-1", endpoint: server!.url, credentials: provider });
    await client.send(new CreateWidgetCommand({ Name: "a" }));
    await sendAndVerify(client, { accessKeyId: "FNKEY", secretAccessKey: "FNSECRET", region: "us-east-1" });
    expect(calls).toBe(1); // credentials without expiration are kept
  });

  it("refreshes credentials within five minutes of expiring", async () => {
    const time = fakeTime(Date.UTC(2026, 0, 15, 12, 0, 0));
    let calls = 0;
    const provider = async () => {
      calls += 1;
      return { accessKeyId: `KEY${calls}`, secretAccessKey: "S", expiration: new Date(time.current + 10 * 60_000) };
    };
    const client = new WidgetClient({ region: "us-east-1", endpoint: server!.url, credentials: provider, runtimeHooks: time });
    await client.send(new CreateWidgetCommand({ Name: "a" }));
    time.current += 4 * 60_000; // 6 minutes left: still good
    await client.send(new CreateWidgetCommand({ Name: "b" }));
    time.current += 2 * 60_000; // 4 minutes left: refresh
    await client.send(new CreateWidgetCommand({ Name: "c" }));
    expect(calls).toBe(2);
    expect(server!.requests.map((r) => /Credential=(\w+)\//.exec(r.headers["authorization"]!)?.[1])).toEqual(["KEY1", "KEY1", "KEY2"]);
  });

  it("shares one fetch between concurrent callers and does not cache failures", async () => {
    let calls = 0;
    let fail = true;
    const provider = memoizeCredentials(async () => {
      calls += 1;
      await new Promise((r) => setImmediate(r));
      if (fail) throw new Error("boom");
      return { accessKeyId: "K", secretAccessKey: "S" };
    }, Date.now);
    await Promise.all([provider().catch(() => 0), provider().catch(() => 0)]);
    expect(calls).toBe(1);
    fail = false;
    await expect(provider()).resolves.toMatchObject({ accessKeyId: "K" });
    expect(calls).toBe(2);
  });
});
