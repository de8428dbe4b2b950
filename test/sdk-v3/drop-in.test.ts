/**
 * iotmi as a drop-in for an AWS SDK for JavaScript v3 client, tried the way a v3 user tries it: the PACKED
 * package installed into an empty project beside `@aws-sdk/credential-providers`, `@smithy/node-http-handler`,
 * `@smithy/fetch-http-handler` and `@smithy/util-retry` (no network: the tarball is unpacked into the project's
 * node_modules and its dependencies, and theirs, are linked from this repository's node_modules), used from
 * ES modules and from CommonJS in a temporary HOME, against the emulator and loopback fakes of the IAM Identity
 * Center portal, SSO OIDC, STS, the container endpoint and instance metadata (the SDK's providers honour
 * `AWS_ENDPOINT_URL_SSO` / `_SSO_OIDC` / `_STS`). Also: a strict type-check of options written as v3 users
 * write them, and the `iotmi` program with the same profiles.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "../../src/emulator/index.js";
import { run, type Run } from "../packaging/run.js";
import { CONTAINER_TOKEN, keysFor, startFakeAws, type FakeAws } from "./fakes.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const HERE = dirname(fileURLToPath(import.meta.url));
const BUILT = existsSync(join(ROOT, "dist/node/index.js")) && existsSync(join(ROOT, "dist/cjs/package.json"));
/** What a v3 user installs beside iotmi (devDependencies of iotmi, so `npm ci` puts them in the npm cache). */
const V3_PACKAGES = ["@aws-sdk/credential-providers", "@smithy/node-http-handler", "@smithy/fetch-http-handler", "@smithy/util-retry", "@types/node"];

/**
 * Installs without the network: the tarball unpacked as node_modules/iotmi, and every package iotmi's
 * `dependencies` and the v3 packages need (transitively) linked from this repository's node_modules, as a
 * flat, deduplicated npm install would place them. A dependency missing from iotmi's package.json stays missing.
 */
async function installOffline(tarball: string): Promise<void> {
  const modules = join(consumer, "node_modules");
  mkdirSync(modules, { recursive: true });
  const unpacked = await run("tar", ["-xzf", tarball, "-C", work], work);
  if (unpacked.code !== 0) throw new Error(`tar failed: ${unpacked.stderr}`);
  renameSync(join(work, "package"), join(modules, "iotmi"));
  const manifest = (dir: string): { dependencies?: Record<string, string>; optionalDependencies?: Record<string, string>; peerDependencies?: Record<string, string> } =>
    JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
  const needs = (m: ReturnType<typeof manifest>): string[] => [...Object.keys(m.dependencies ?? {}), ...Object.keys(m.optionalDependencies ?? {}), ...Object.keys(m.peerDependencies ?? {})];
  const pending = [...needs(manifest(join(modules, "iotmi"))), ...V3_PACKAGES];
  const linked = new Set<string>();
  while (pending.length > 0) {
    const name = pending.pop() as string;
    const source = join(ROOT, "node_modules", name);
    // Not at the top level: the package that needs it carries its own copy in its nested node_modules.
    if (linked.has(name) || !existsSync(source)) continue;
    linked.add(name);
    mkdirSync(dirname(join(modules, name)), { recursive: true });
    symlinkSync(source, join(modules, name), "dir");
    pending.push(...needs(manifest(source)));
  }
}

let work = "";
let consumer = "";
let home = "";
let unavailable: string | undefined;
let emulator: Emulator | undefined;
let faulty: Emulator | undefined;
let fake: FakeAws | undefined;
let env: NodeJS.ProcessEnv = {};

const STATIC = { accessKeyId: "AKIDSTATIC", secretAccessKey: "secret-static" };
const ENV_KEYS = { accessKeyId: "AKIDENV", secretAccessKey: "secret-env" };
const ALT = keysFor("alt");
const PROCESS = keysFor("process");
const SSO_CACHE = (key: string): string => `${createHash("sha1").update(key).digest("hex")}.json`;
const IN_AN_HOUR = (): string => new Date(Date.now() + 3600_000).toISOString();

/** The temporary HOME: config and credentials files, the SSO token cache, a web identity token, a credential process. */
function writeHome(emulatorUrl: string): void {
  const aws = join(home, ".aws");
  mkdirSync(join(aws, "sso", "cache"), { recursive: true });
  const tokenFile = join(home, "web-identity.jwt");
  writeFileSync(tokenFile, "eyJ.web.identity");
  writeFileSync(join(home, "container-token"), CONTAINER_TOKEN);
  const processScript = join(home, "credential-process.cjs");
  writeFileSync(processScript, `process.stdout.write(JSON.stringify({ Version: 1, AccessKeyId: "${PROCESS.accessKeyId}", SecretAccessKey: "${PROCESS.secretAccessKey}", SessionToken: "${PROCESS.sessionToken}", Expiration: "2099-01-01T00:00:00Z" }));`);
  const account = "sso_account_id = 111122223333\nsso_role_name = Developer\n";
  const staticKeys = `aws_access_key_id = ${STATIC.accessKeyId}\naws_secret_access_key = ${STATIC.secretAccessKey}\n`;
  writeFileSync(
    join(aws, "config"),
    [
      `[profile sso-session]\nsso_session = corp\n${account}region = us-east-1\n`,
      "[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = us-east-1\nsso_registration_scopes = sso:account:access\n",
      `[profile sso-legacy]\nsso_start_url = https://legacy.awsapps.com/start\nsso_region = us-east-1\n${account}`,
      `[profile sso-refresh]\nsso_session = refreshing\n${account}`,
      "[sso-session refreshing]\nsso_start_url = https://refresh.awsapps.com/start\nsso_region = us-east-1\n",
      `[profile sso-expired]\nsso_session = gone\n${account}`,
      "[sso-session gone]\nsso_start_url = https://gone.awsapps.com/start\nsso_region = us-east-1\n",
      "[profile role]\nrole_arn = arn:aws:iam::111122223333:role/app\nsource_profile = static\nrole_session_name = role\n",
      "[profile role-env]\nrole_arn = arn:aws:iam::111122223333:role/app\ncredential_source = Environment\nrole_session_name = role-env\n",
      `[profile wi-profile]\nrole_arn = arn:aws:iam::111122223333:role/web\nweb_identity_token_file = ${tokenFile}\nrole_session_name = wi-profile\n`,
      `[profile process]\ncredential_process = "${process.execPath}" "${processScript}"\n`,
      `[profile services]\nregion = us-east-1\nservices = local\n${staticKeys}`,
      `[services local]\niot_managed_integrations =\n  endpoint_url = ${emulatorUrl}\n`,
      `[profile ignoring]\nregion = us-east-1\nservices = local\nendpoint_url = ${emulatorUrl}\nignore_configured_endpoint_urls = true\n${staticKeys}`,
      `[profile retries]\nregion = us-east-1\nmax_attempts = 2\nretry_mode = standard\n${staticKeys}`,
      `[profile loose]\nregion = us-east-1\nparameter_validation = false\n${staticKeys}`,
    ].join("\n"),
  );
  writeFileSync(join(aws, "credentials"), `[static]\n${staticKeys}`);
  writeFileSync(join(aws, "sso", "cache", SSO_CACHE("corp")), JSON.stringify({ accessToken: "session-access-token", expiresAt: IN_AN_HOUR(), region: "us-east-1", startUrl: "https://corp.awsapps.com/start" }));
  writeFileSync(join(aws, "sso", "cache", SSO_CACHE("https://legacy.awsapps.com/start")), JSON.stringify({ accessToken: "legacy-access-token", expiresAt: IN_AN_HOUR(), region: "us-east-1", startUrl: "https://legacy.awsapps.com/start" }));
  // Expired, with what a refresh needs: the token provider asks SSO OIDC for a new one and writes it back.
  writeFileSync(
    join(aws, "sso", "cache", SSO_CACHE("refreshing")),
    JSON.stringify({ accessToken: "stale-access-token", expiresAt: new Date(Date.now() - 60_000).toISOString(), clientId: "client-1", clientSecret: "client-secret", refreshToken: "refresh-1", registrationExpiresAt: IN_AN_HOUR(), region: "us-east-1", startUrl: "https://refresh.awsapps.com/start" }),
  );
  // Expired and nothing to refresh with: the user has to log in again.
  writeFileSync(join(aws, "sso", "cache", SSO_CACHE("gone")), JSON.stringify({ accessToken: "old", expiresAt: new Date(Date.now() - 60_000).toISOString() }));
  writeFileSync(join(home, "alt-config"), "[profile alt]\nregion = us-east-1\n");
  writeFileSync(join(home, "alt-credentials"), `[alt]\naws_access_key_id = ${ALT.accessKeyId}\naws_secret_access_key = ${ALT.secretAccessKey}\naws_session_token = ${ALT.sessionToken}\n`);
}

beforeAll(async () => {
  if (!BUILT) return;
  work = mkdtempSync(join(tmpdir(), "iotmi-sdk-v3-"));
  consumer = join(work, "consumer");
  home = join(work, "home");
  mkdirSync(consumer);
  mkdirSync(home);
  const packed = await run("npm", ["pack", "--json", "--pack-destination", work], ROOT);
  if (packed.code !== 0) {
    unavailable = `npm pack failed: ${packed.stderr.trim().split("\n").slice(-3).join(" | ")}`;
    return;
  }
  const report = JSON.parse(packed.stdout.slice(packed.stdout.indexOf("["))) as { filename: string }[];
  writeFileSync(join(consumer, "package.json"), JSON.stringify({ name: "v3-user", private: true, version: "1.0.0" }));
  await installOffline(join(work, report[0]?.filename ?? ""));
  fake = await startFakeAws();
  const accepted = [...fake.keys, STATIC, ALT, PROCESS, ENV_KEYS];
  emulator = await startEmulator({ port: 0, quiet: true, credentials: accepted });
  faulty = await startEmulator({ port: 0, quiet: true, credentials: accepted, faults: { status503: 1 } });
  writeHome(emulator.url);
  const clean = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith("AWS_")));
  env = {
    ...clean,
    HOME: home,
    USERPROFILE: home,
    AWS_REGION: "us-east-1",
    AWS_EC2_METADATA_DISABLED: "true",
    // The SDK's STS/SSO clients warn on Node 20 that the SDK's 2027 releases need Node 22: true, and not tested here.
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
    AWS_ENDPOINT_URL_SSO: fake.url,
    AWS_ENDPOINT_URL_SSO_OIDC: fake.url,
    AWS_ENDPOINT_URL_STS: fake.url,
    EMULATOR_URL: emulator.url,
    FAULTY_URL: faulty.url,
    FAKE_AWS_URL: fake.url,
    TOKEN_FILE: join(home, "web-identity.jwt"),
    CONTAINER_TOKEN_FILE: join(home, "container-token"),
    ALT_CONFIG: join(home, "alt-config"),
    ALT_CREDENTIALS: join(home, "alt-credentials"),
  };
  const body = readFileSync(join(HERE, "consumer/scenarios.body.js"), "utf8");
  const imports = [
    ["iotmi", "*"],
    ["@aws-sdk/credential-providers", "*"],
    ["@smithy/node-http-handler", "NodeHttpHandler"],
    ["@smithy/fetch-http-handler", "FetchHttpHandler"],
    ["@smithy/util-retry", "ConfiguredRetryStrategy, AdaptiveRetryStrategy"],
  ] as const;
  writeFileSync(
    join(consumer, "scenarios.mjs"),
    `${imports.map(([pkg, names], i) => (names === "*" ? `import * as m${i} from "${pkg}";` : `import { ${names} } from "${pkg}";`)).join("\n")}\n` +
      `const lib = { ...m0, ...m1, NodeHttpHandler, FetchHttpHandler, ConfiguredRetryStrategy, AdaptiveRetryStrategy };\n${body}`,
  );
  writeFileSync(
    join(consumer, "scenarios.cjs"),
    `const lib = { ...require("iotmi"), ...require("@aws-sdk/credential-providers"), ...require("@smithy/node-http-handler"), ...require("@smithy/fetch-http-handler"), ...require("@smithy/util-retry") };\n` +
      `(async () => {\n${body}\n})().catch((e) => { console.error(e); process.exit(1); });\n`,
  );
  const typed = readFileSync(join(HERE, "consumer/v3-user.ts.txt"), "utf8");
  writeFileSync(join(consumer, "v3-user.mts"), typed);
  writeFileSync(join(consumer, "v3-user.cts"), typed);
}, 300_000);

afterAll(async () => {
  await emulator?.close();
  await faulty?.close();
  await fake?.close();
  if (work !== "") rmSync(work, { recursive: true, force: true });
});

function needPackage(skip: (note?: string) => void): void {
  if (!BUILT) skip("dist/ is not built: run `npm run build` (npm test does) first");
  if (unavailable !== undefined) skip(`the v3 project cannot be set up here: ${unavailable}`);
}

type Outcome = Record<string, unknown>;

/** Runs every scenario in one process of the given module system; the SSO refresh state is reset first. */
async function scenarios(file: "scenarios.mjs" | "scenarios.cjs"): Promise<Record<string, Outcome>> {
  writeHome(emulator!.url);
  fake!.seen.length = 0;
  const result = await run(process.execPath, [file], consumer, { env });
  // The one line the SDK's chain itself prints here: roleCredentialSource sets a profile and environment keys.
  expect(result.stderr.replace(/@aws-sdk\/credential-provider-node - defaultProvider::fromEnv WARNING:[\s\S]*?AWS_ACCESS_KEY_ID\/AWS_SECRET_ACCESS_KEY pair\.\n+/, "")).toBe("");
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout) as Record<string, Outcome>;
}

function expectAll(results: Record<string, Outcome>, seen: readonly string[]): void {
  const key = (name: string): unknown => results[name]?.["accessKeyId"] ?? results[name];
  // 1. Credentials
  expect(key("env")).toBe("AKIDENV");
  expect(key("ssoSession")).toBe(keysFor("sso-session").accessKeyId);
  expect(key("ssoLegacy")).toBe(keysFor("sso-legacy").accessKeyId);
  expect(key("ssoRefresh")).toBe(keysFor("sso-refreshed").accessKeyId);
  expect(seen).toContain("oidc CreateToken refresh_token refresh-1");
  const refreshed = JSON.parse(readFileSync(join(home, ".aws/sso/cache", SSO_CACHE("refreshing")), "utf8")) as { accessToken: string };
  expect(refreshed.accessToken).toBe("refreshed-access-token");
  expect(results["ssoExpired"]).toMatchObject({ error: "CredentialsProviderError" });
  expect(results["ssoExpired"]?.["message"]).toContain('Profile "sso-expired" needs a new SSO login: run `aws sso login --profile sso-expired`.');
  expect(key("ssoFromAwsProfile")).toBe(keysFor("sso-session").accessKeyId);
  expect(seen).toContain("sso GetRoleCredentials 111122223333/Developer bearer=session-access-token");
  expect(key("staticProfile")).toBe(STATIC.accessKeyId);
  expect(key("roleSourceProfile")).toBe(keysFor("role").accessKeyId);
  expect(seen).toContain(`sts AssumeRole arn:aws:iam::111122223333:role/app session=role signed=${STATIC.accessKeyId}`);
  expect(key("roleCredentialSource")).toBe(keysFor("role-env").accessKeyId);
  expect(seen).toContain("sts AssumeRole arn:aws:iam::111122223333:role/app session=role-env signed=AKIDENV");
  expect(key("webIdentityProfile")).toBe(keysFor("wi-profile").accessKeyId);
  expect(key("credentialProcess")).toBe(PROCESS.accessKeyId);
  expect(key("webIdentityEnv")).toBe(keysFor("wi-env").accessKeyId);
  expect(seen).toContain("sts AssumeRoleWithWebIdentity arn:aws:iam::111122223333:role/pod session=wi-env signed=unsigned");
  expect(key("eksPodIdentity")).toBe(keysFor("container").accessKeyId);
  expect(seen).toContain(`container authorization=${CONTAINER_TOKEN}`);
  expect(key("instanceMetadata")).toBe(keysFor("imds").accessKeyId);
  expect(key("fromNodeProviderChain")).toBe(keysFor("sso-session").accessKeyId);
  expect(key("fromSSO")).toBe(keysFor("sso-session").accessKeyId);
  expect(key("fromIni")).toBe(STATIC.accessKeyId);
  // 2. Client options
  expect(results["configuredRetryStrategy"]).toMatchObject({ status: 503, attempts: 4 });
  expect(results["adaptiveRetryStrategy"]).toMatchObject({ status: 503, attempts: 2 });
  expect(results["retryModeAdaptive"]).toMatchObject({ status: 503, attempts: 2 });
  expect(results["maxAttemptsProvider"]).toMatchObject({ status: 503, attempts: 2 });
  for (const name of ["variantsAndDefaults", "endpointString", "endpointObject", "endpointV2", "endpointProvider", "nodeHttpHandler", "fetchHttpHandler", "handlerOptions", "unknownOption"]) {
    expect(results[name], name).toMatchObject({ status: 201, attempts: 1, taskId: "string" });
  }
  expect(results["extensions"]).toMatchObject({ status: 201, accessKeyId: STATIC.accessKeyId });
  expect(results["userAgentAppId"]).toEqual({ app: "my-app" });
  // 3. Middleware
  expect(results["middleware"]?.["message"]).toBeUndefined();
  const middleware = results["middleware"] as { identified: string[]; cloneKeepsOriginal: boolean; seen: string[]; plugged: number; attempts: number; unsigned: string };
  expect(middleware.identified).toEqual(
    expect.arrayContaining(["loggerMiddleware - initialize", "contentLengthMiddleware - build", "retryMiddleware - finalizeRequest", "user-build - build", "plugin - build"]),
  );
  expect(middleware.cloneKeepsOriginal).toBe(true);
  expect(middleware.attempts).toBe(2);
  expect(middleware.unsigned).toBe("MissingAuthenticationTokenException 403");
  expect(middleware.plugged).toBe(2);
  // The first call, up to its first attempt's response, in the order the SDK's stack gives: the client's own
  // middleware was there before the user's (loggerMiddleware, contentLengthMiddleware), and of two entries
  // placed after the same middleware the one added last runs first.
  expect(middleware.seen.slice(0, 12)).toEqual([
    "after-loggerMiddleware",
    "initialize",
    "serialize",
    "after-endpointV2Middleware",
    "after-serializerMiddleware",
    "after-contentLengthMiddleware",
    "build",
    "after-retryMiddleware",
    "after-awsAuthMiddleware+signed",
    "after-httpSigningMiddleware+signed",
    "finalizeRequest+signed",
    "deserialize+signed",
  ]);
  expect(middleware.seen).toContain("after-deserializerMiddleware+signed");
  // 4. Shared configuration
  for (const name of ["servicesSection", "endpointEnvService", "endpointEnvGlobal"]) expect(results[name], name).toMatchObject({ status: 201 });
  expect(results["ignoreConfiguredEndpointUrls"]).toEqual({ hosts: ["api.iotmanagedintegrations.us-east-1.api.aws"] });
  expect(results["profileRetrySettings"]).toMatchObject({ status: 503, attempts: 2 });
  expect(key("configFileVariables")).toBe(ALT.accessKeyId);
  expect(seen.filter((line) => line.startsWith("unexpected"))).toEqual([]);
}

describe("the packed iotmi as a drop-in for an AWS SDK v3 client", () => {
  it("every credential source, client option, middleware habit and shared-config setting, from ES modules", async ({ skip }) => {
    needPackage(skip);
    expectAll(await scenarios("scenarios.mjs"), fake!.seen);
  }, 120_000);

  it("the same from CommonJS", async ({ skip }) => {
    needPackage(skip);
    expectAll(await scenarios("scenarios.cjs"), fake!.seen);
  }, 120_000);

  it("tsc --strict accepts the options, credentials and middleware as v3 users write them (ESM and CommonJS)", async ({ skip }) => {
    needPackage(skip);
    const tsc = join(ROOT, "node_modules/typescript/bin/tsc");
    const flags = ["--strict", "--noEmit", "--skipLibCheck", "--module", "nodenext", "--moduleResolution", "nodenext", "--target", "es2022", "--types", "node"];
    const checked = await run(process.execPath, [tsc, ...flags, "v3-user.mts", "v3-user.cts"], consumer);
    expect(checked.stdout + checked.stderr).toBe("");
    expect(checked.code).toBe(0);
  }, 120_000);

  describe("the iotmi program with the same shared configuration", () => {
    const cli = (args: string[], extra: NodeJS.ProcessEnv = {}): Promise<Run> =>
      run(process.execPath, [join(consumer, "node_modules/iotmi/dist/node/cli.js"), ...args], consumer, { env: { ...env, ...extra } });
    const create = ["create-ota-task", "--s3-url", "s3://firmware/v2.bin", "--target", "thing-1"];

    it("signs with an SSO profile, and finds the endpoint in the profile's [services] section", async ({ skip }) => {
      needPackage(skip);
      writeHome(emulator!.url);
      const sso = await cli([...create, "--ota-type", "ONE_TIME", "--profile", "sso-session", "--endpoint-url", emulator!.url]);
      expect(sso.stderr).toBe("");
      expect(sso.code).toBe(0);
      const services = await cli([...create, "--ota-type", "ONE_TIME", "--profile", "services"]);
      expect(services.stderr).toBe("");
      expect(services.code).toBe(0);
    });

    it("names the profile and the login command when the SSO login has expired, without a stack trace", async ({ skip }) => {
      needPackage(skip);
      const expired = await cli([...create, "--ota-type", "ONE_TIME", "--profile", "sso-expired", "--endpoint-url", emulator!.url]);
      expect(expired.stderr).toContain("aws sso login --profile sso-expired");
      expect(expired.stderr).not.toMatch(/^\s+at /m);
      expect(expired.code).toBe(255);
    });

    it("refuses a profile that does not exist as the AWS CLI v2 does", async ({ skip }) => {
      needPackage(skip);
      const missing = await cli([...create, "--ota-type", "ONE_TIME", "--profile", "nope"]);
      expect(missing.stderr).toBe("\nThe config profile (nope) could not be found\n");
      expect(missing.code).toBe(255);
    });

    it("with parameter_validation = false leaves an unknown enum value to the service", async ({ skip }) => {
      needPackage(skip);
      const strict = await cli([...create, "--ota-type", "LATER_TYPE", "--profile", "services"]);
      expect(strict.code).toBe(252);
      const loose = await cli([...create, "--ota-type", "LATER_TYPE", "--profile", "loose", "--endpoint-url", emulator!.url]);
      // The emulator knows this model, so it refuses the value itself: a service error, not a client-side one.
      expect(loose.stderr).toMatch(/An error occurred \(ValidationException\) when calling the CreateOtaTask operation/);
      expect(loose.code).toBe(254);
    });
  });
});
