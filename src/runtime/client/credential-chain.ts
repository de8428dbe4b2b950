/**
 * The default credential chain: the AWS SDK v3's own (`@aws-sdk/credential-provider-node`), in its order —
 * environment → SSO → shared files (static keys, `role_arn` with `source_profile` / `credential_source`,
 * `web_identity_token_file`, SSO profiles) → `credential_process` → web identity from the environment →
 * container (ECS, EKS Pod Identity) → instance metadata. Imported lazily by `credentials.ts` on the first call
 * that needs credentials, and the package itself only then: a client given credentials never loads it.
 *
 * Bundles: the package is imported through a name in a variable, so bundlers leave it (≈370 KB with the STS and
 * SSO clients it brings) out; Node finds it in node_modules at run time. The first link, keys in the
 * environment, is read here without the package, so a bundle deployed without node_modules still works where
 * the platform puts keys in the environment (AWS Lambda). Elsewhere such a bundle says how to include the chain.
 *
 * What is ours: an SSO login that has expired or was never made is reported with the profile's name and the
 * command that logs in again, instead of the SDK's "run aws sso login with the corresponding profile".
 */
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider, Logger } from "@smithy/types";
import type { CallerClientConfig } from "./credentials.js";
import { missingPackageError } from "./optional-package.js";

/** Not a literal in `import()`: see the module comment. */
const CHAIN_PACKAGE = "@aws-sdk/credential-provider-node";
type ChainModule = typeof import("@aws-sdk/credential-provider-node");

/** @internal */
export interface ChainOptions {
  readonly profile: string | undefined;
  /** The client's settings the providers' own STS/SSO clients start from (region, profile). */
  readonly caller: CallerClientConfig;
  readonly logger?: Logger | undefined;
}

/** @internal */
export function defaultCredentialChain(options: ChainOptions): AwsCredentialIdentityProvider {
  let provider: Promise<AwsCredentialIdentityProvider> | undefined;
  return async () => {
    const fromEnvironment = environmentCredentials(options.profile);
    if (fromEnvironment !== undefined) return fromEnvironment;
    provider ??= loadChain().then((m) =>
      m.defaultProvider({
        ...(options.profile === undefined ? {} : { profile: options.profile }),
        // Files are read again whenever credentials are fetched again (after a failure or before expiry), so a
        // rotated key or a new login is seen without restarting.
        ignoreCache: true,
        ...(options.logger === undefined ? {} : { logger: options.logger }),
        parentClientConfig: options.caller as never,
      }),
    );
    const chain = await provider;
    try {
      return (await chain({ callerClientConfig: options.caller } as never)) as AwsCredentialIdentity;
    } catch (error) {
      throw explainSsoError(error, options.profile);
    }
  };
}

/**
 * The chain's first link as the SDK's `fromEnv` reads it: `AWS_ACCESS_KEY_ID` and `AWS_SECRET_ACCESS_KEY` (with
 * the optional session token, expiration, scope and account id), skipped when a profile is named — the SDK then
 * goes on to the profile.
 */
function environmentCredentials(profileOption: string | undefined): AwsCredentialIdentity | undefined {
  const env = process.env;
  if (profileOption || env["AWS_PROFILE"]) return undefined;
  const accessKeyId = env["AWS_ACCESS_KEY_ID"];
  const secretAccessKey = env["AWS_SECRET_ACCESS_KEY"];
  if (!accessKeyId || !secretAccessKey) return undefined;
  const sessionToken = env["AWS_SESSION_TOKEN"];
  const expiration = env["AWS_CREDENTIAL_EXPIRATION"];
  const credentialScope = env["AWS_CREDENTIAL_SCOPE"];
  const accountId = env["AWS_ACCOUNT_ID"];
  return {
    accessKeyId,
    secretAccessKey,
    ...(sessionToken ? { sessionToken } : {}),
    ...(expiration ? { expiration: new Date(expiration) } : {}),
    ...(credentialScope ? { credentialScope } : {}),
    ...(accountId ? { accountId } : {}),
  };
}

async function loadChain(): Promise<ChainModule> {
  try {
    return (await import(CHAIN_PACKAGE)) as ChainModule;
  } catch (error) {
    throw missingPackageError(
      error,
      `No credentials: none were given, AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY are not set, and the default credential chain (${CHAIN_PACKAGE}) cannot be loaded from here — a bundle leaves it out. Pass \`credentials\` (e.g. fromNodeProviderChain() from @aws-sdk/credential-providers, which bundles it), or deploy node_modules/${CHAIN_PACKAGE} beside the bundle.`,
    );
  }
}

/** The SDK's SSO errors end with "run aws sso login"; name the profile and the exact command instead. */
function explainSsoError(error: unknown, profileOption: string | undefined): unknown {
  if (!(error instanceof Error) || !/\bsso login\b/i.test(error.message)) return error;
  const profile = profileOption ?? (process.env["AWS_PROFILE"] || "default");
  const login = profile === "default" ? "aws sso login" : `aws sso login --profile ${profile}`;
  const reason = error.message.replace(/\s*To refresh this SSO session run '?aws sso login'? with the corresponding profile\.?/i, "").trim();
  error.message = `${reason} Profile "${profile}" needs a new SSO login: run \`${login}\`.`;
  return error;
}
