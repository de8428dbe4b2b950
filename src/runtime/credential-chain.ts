/**
 * The default credential chain: the AWS SDK v3's own (`@aws-sdk/credential-provider-node`), in its order —
 * environment → SSO → shared files (static keys, `role_arn` with `source_profile` / `credential_source`,
 * `web_identity_token_file`, SSO profiles) → `credential_process` → web identity from the environment →
 * container (ECS, EKS Pod Identity) → instance metadata. Imported lazily by `credentials.ts` on the first call
 * that needs credentials, and the package itself only then: a client given credentials never loads it.
 *
 * What is ours: an SSO login that has expired or was never made is reported with the profile's name and the
 * command that logs in again, instead of the SDK's "run aws sso login with the corresponding profile".
 */
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider, Logger } from "@smithy/types";
import type { CallerClientConfig } from "./credentials.js";

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
    provider ??= import("@aws-sdk/credential-provider-node").then((m) =>
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

/** The SDK's SSO errors end with "run aws sso login"; name the profile and the exact command instead. */
function explainSsoError(error: unknown, profileOption: string | undefined): unknown {
  if (!(error instanceof Error) || !/\bsso login\b/i.test(error.message)) return error;
  const profile = profileOption ?? (process.env["AWS_PROFILE"] || "default");
  const login = profile === "default" ? "aws sso login" : `aws sso login --profile ${profile}`;
  const reason = error.message.replace(/\s*To refresh this SSO session run '?aws sso login'? with the corresponding profile\.?/i, "").trim();
  error.message = `${reason} Profile "${profile}" needs a new SSO login: run \`${login}\`.`;
  return error;
}
