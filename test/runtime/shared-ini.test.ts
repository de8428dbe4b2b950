/**
 * The shared config/credentials file parser (src/runtime/client/shared-ini.ts) against the AWS SDK's own
 * (`loadSharedConfigFiles` of `@smithy/core/config`): the same files, random and hand-picked, give the same
 * profiles, through both loaders reading the same files on disk.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadSharedConfigFiles } from "@smithy/core/config";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { configFileProfiles, readSharedFile } from "../../src/runtime/client/shared-ini.js";

const dir = mkdtempSync(join(tmpdir(), "iotmi-shared-ini-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const configPath = join(dir, "config");
const credentialsPath = join(dir, "credentials");

async function both(config: string, credentials: string): Promise<{ ours: unknown; sdk: unknown }> {
  writeFileSync(configPath, config);
  writeFileSync(credentialsPath, credentials);
  const sdk = await loadSharedConfigFiles({ configFilepath: configPath, filepath: credentialsPath, ignoreCache: true });
  const ours = { configFile: configFileProfiles(await readSharedFile(configPath)), credentialsFile: await readSharedFile(credentialsPath) };
  return { ours, sdk };
}

const names = fc.constantFrom("default", "dev", "prod-1", "a.b", "x@y", "s3", "my profile", "__proto__", "");
const sectionLine = fc.oneof(
  names.map((n) => `[${n}]`),
  fc.tuple(fc.constantFrom("profile", "sso-session", "services", "other", "profile.x"), names, fc.constantFrom("", "'", '"', " ")).map(([kind, n, q]) => `[${kind} ${q}${n}${q}]`),
  fc.constantFrom("[", "]", "[]", " [default] ", "[default] # note", "[profile dev];x", "[ profile dev ]", "[profile\tdev]"),
);
const keyLine = fc.oneof(
  fc.tuple(fc.constantFrom("region", "s3", "endpoint_url", "aws_access_key_id", "key with space", "k.k"), fc.constantFrom(" = ", "=", " =", "= "), fc.constantFrom("eu-west-1", "", "a=b", "v # c", "v#c", "v ;c", "  padded  ", "https://x:1/p?q=1"))
    .map(([k, eq, v]) => `${k}${eq}${v}`),
  fc.tuple(fc.constantFrom("  ", "\t", ""), fc.constantFrom("max_attempts = 3", "endpoint_url = http://127.0.0.1", "sub =", "=x", "novalue")).map(([indent, rest]) => indent + rest),
  fc.constantFrom("", "   ", "# comment", "; comment", "  # indented comment", "key = value\r"),
);
const file = fc.array(fc.oneof({ weight: 1, arbitrary: sectionLine }, { weight: 4, arbitrary: keyLine }), { maxLength: 14 }).map((lines) => lines.join("\n"));

describe("shared config file parser", () => {
  it("reads random files as the SDK's loadSharedConfigFiles does", async () => {
    await fc.assert(
      fc.asyncProperty(file, file, async (config, credentials) => {
        const { ours, sdk } = await both(config, credentials);
        expect(ours).toEqual(sdk);
      }),
      { numRuns: 300, seed: 1404 },
    );
  });

  it("reads a typical pair of files as the SDK does (profiles, sub-sections, sso-session and services sections)", async () => {
    const config = [
      "[default]",
      "region = us-east-1 # home",
      "[profile dev]",
      "region=eu-west-1",
      "s3 =",
      "  max_concurrent_requests = 10",
      "services = local",
      "sso_session = corp",
      "[sso-session corp]",
      "sso_start_url = https://corp.awsapps.com/start",
      "[services local]",
      "iot_managed_integrations =",
      "  endpoint_url = http://127.0.0.1:4566",
      "[profile default]",
      "output = json",
    ].join("\r\n");
    const credentials = "[default]\naws_access_key_id = AKIDEXAMPLE\n; comment\n[dev]\naws_secret_access_key=secret\n";
    const { ours, sdk } = await both(config, credentials);
    expect(ours).toEqual(sdk);
    expect((ours as { configFile: Record<string, unknown> }).configFile["dev"]).toEqual({
      region: "eu-west-1",
      "s3.max_concurrent_requests": "10",
      services: "local",
      sso_session: "corp",
    });
  });

  it("reads a missing file, and one with a __proto__ profile, as empty (as the SDK does)", async () => {
    expect(await readSharedFile(join(dir, "absent"))).toEqual({});
    const { ours, sdk } = await both("[profile __proto__]\nregion = x\n", "[default]\nregion = y\n[__proto__]\n");
    expect(ours).toEqual(sdk);
    expect(ours).toEqual({ configFile: {}, credentialsFile: {} });
  });
});
