/**
 * The default credential chain, in the AWS SDK's order: environment variables → shared config/credentials
 * files (static keys, `source_profile`/`role_arn` chains, web identity, `credential_process`) → web identity
 * from the environment → container metadata → instance metadata. Imported lazily by `credentials.ts` on the
 * first call that needs credentials.
 */
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from "@smithy/types";
import { CredentialsProviderError, type ParsedIniData, type Profile } from "@smithy/core/config";
import { loadProfiles, profileName } from "./profile.js";

/** @internal */
export interface ChainOptions {
  readonly profile: string | undefined;
  readonly now: () => number;
  /** Timeout of metadata requests. */
  readonly metadataTimeoutMs?: number;
}

/** @internal */
export function defaultCredentialChain(options: ChainOptions): AwsCredentialIdentityProvider {
  return async () => {
    const tried: string[] = [];
    // A profile chosen explicitly (option or AWS_PROFILE) takes precedence over keys in the environment.
    const explicitProfile = options.profile ?? process.env["AWS_PROFILE"];
    if (explicitProfile === undefined || explicitProfile === "") {
      const env = fromEnvironment();
      if (env !== undefined) return env;
      tried.push("environment variables (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY)");
    }
    const name = profileName(options.profile);
    const profiles = await loadProfiles();
    if (profiles[name] !== undefined) return fromProfile(profiles, name, options, []);
    tried.push(`profile "${name}" in the shared config/credentials files`);
    const tokenFile = process.env["AWS_WEB_IDENTITY_TOKEN_FILE"];
    const roleArn = process.env["AWS_ROLE_ARN"];
    if (tokenFile && roleArn) {
      const { assumeRoleWithWebIdentity } = await import("./assume-role.js");
      return assumeRoleWithWebIdentity(tokenFile, roleArn, process.env["AWS_ROLE_SESSION_NAME"], undefined, options.now, "AWS_WEB_IDENTITY_TOKEN_FILE");
    }
    tried.push("web identity (AWS_WEB_IDENTITY_TOKEN_FILE and AWS_ROLE_ARN not both set)");
    if (process.env["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"] || process.env["AWS_CONTAINER_CREDENTIALS_FULL_URI"]) {
      const { fromContainerMetadata } = await import("@smithy/credential-provider-imds");
      return fromContainerMetadata({ timeout: options.metadataTimeoutMs ?? 1000, maxRetries: 1 })();
    }
    tried.push("container metadata (AWS_CONTAINER_CREDENTIALS_*_URI not set)");
    if (process.env["AWS_EC2_METADATA_DISABLED"]?.toLowerCase() !== "true") {
      const { fromInstanceMetadata } = await import("@smithy/credential-provider-imds");
      try {
        return await fromInstanceMetadata({ timeout: options.metadataTimeoutMs ?? 1000, maxRetries: 1 })();
      } catch (error) {
        tried.push(`instance metadata (${error instanceof Error ? error.message : String(error)})`);
      }
    } else {
      tried.push("instance metadata (AWS_EC2_METADATA_DISABLED=true)");
    }
    throw new CredentialsProviderError(`Could not load credentials from any source. Tried: ${tried.join("; ")}.`, { tryNextLink: false });
  };
}

/** Keys from `AWS_ACCESS_KEY_ID` / `AWS_SECRET_ACCESS_KEY` (+ `AWS_SESSION_TOKEN`, `AWS_CREDENTIAL_EXPIRATION`). @internal */
export function fromEnvironment(): AwsCredentialIdentity | undefined {
  const accessKeyId = process.env["AWS_ACCESS_KEY_ID"];
  const secretAccessKey = process.env["AWS_SECRET_ACCESS_KEY"];
  if (!accessKeyId || !secretAccessKey) return undefined;
  const token = process.env["AWS_SESSION_TOKEN"];
  const expiry = process.env["AWS_CREDENTIAL_EXPIRATION"];
  return {
    accessKeyId,
    secretAccessKey,
    ...(token ? { sessionToken: token } : {}),
    ...(expiry ? { expiration: new Date(expiry) } : {}),
  };
}

/** Resolves one profile, following `source_profile` links; `visited` stops cycles. */
async function fromProfile(profiles: ParsedIniData, name: string, options: ChainOptions, visited: string[]): Promise<AwsCredentialIdentity> {
  const profile = profiles[name];
  if (profile === undefined) throw new CredentialsProviderError(`Profile "${name}" (named by ${visited.at(-1) ?? "the client"}) was not found in the shared config/credentials files.`, { tryNextLink: false });
  if (visited.includes(name)) throw new CredentialsProviderError(`Profiles form a source_profile cycle: ${[...visited, name].join(" → ")}.`, { tryNextLink: false });
  const chain = [...visited, name];

  if (profile["role_arn"] !== undefined && (profile["source_profile"] !== undefined || profile["credential_source"] !== undefined)) {
    const source = profile["source_profile"] !== undefined
      ? // A profile that is its own source uses its static keys as the base, as the SDK allows.
        profile["source_profile"] === name
        ? staticKeys(profile, name)
        : await fromProfile(profiles, profile["source_profile"], options, chain)
      : await fromCredentialSource(profile["credential_source"] ?? "", name, options);
    if (source === undefined) throw new CredentialsProviderError(`Profile "${name}" is its own source_profile but has no static keys.`, { tryNextLink: false });
    const { assumeRole } = await import("./assume-role.js");
    return assumeRole(profile, name, source, options.now);
  }
  if (profile["role_arn"] !== undefined && profile["web_identity_token_file"] !== undefined) {
    const { assumeRoleWithWebIdentity } = await import("./assume-role.js");
    return assumeRoleWithWebIdentity(profile["web_identity_token_file"], profile["role_arn"], profile["role_session_name"], profile["region"], options.now, `Profile "${name}"`);
  }
  const keys = staticKeys(profile, name);
  if (keys !== undefined) return keys;
  if (profile["credential_process"] !== undefined) {
    const { fromCredentialProcess } = await import("./credential-process.js");
    return fromCredentialProcess(profile, name, options.now);
  }
  throw new CredentialsProviderError(
    `Profile "${name}" has no credentials: expected aws_access_key_id/aws_secret_access_key, credential_process, or role_arn with source_profile, credential_source or web_identity_token_file.`,
    { tryNextLink: false },
  );
}

function staticKeys(profile: Profile, name: string): AwsCredentialIdentity | undefined {
  const accessKeyId = profile["aws_access_key_id"];
  const secretAccessKey = profile["aws_secret_access_key"];
  if (accessKeyId === undefined && secretAccessKey === undefined) return undefined;
  if (!accessKeyId || !secretAccessKey) {
    throw new CredentialsProviderError(`Profile "${name}" must set both aws_access_key_id and aws_secret_access_key.`, { tryNextLink: false });
  }
  const token = profile["aws_session_token"];
  return { accessKeyId, secretAccessKey, ...(token ? { sessionToken: token } : {}) };
}

async function fromCredentialSource(source: string, name: string, options: ChainOptions): Promise<AwsCredentialIdentity> {
  switch (source) {
    case "Environment": {
      const env = fromEnvironment();
      if (env === undefined) throw new CredentialsProviderError(`Profile "${name}": credential_source Environment but AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY are not set.`, { tryNextLink: false });
      return env;
    }
    case "EcsContainer": {
      const { fromContainerMetadata } = await import("@smithy/credential-provider-imds");
      return fromContainerMetadata({ timeout: options.metadataTimeoutMs ?? 1000, maxRetries: 1 })();
    }
    case "Ec2InstanceMetadata": {
      const { fromInstanceMetadata } = await import("@smithy/credential-provider-imds");
      return fromInstanceMetadata({ timeout: options.metadataTimeoutMs ?? 1000, maxRetries: 1 })();
    }
    default:
      throw new CredentialsProviderError(`Profile "${name}": unsupported credential_source ${JSON.stringify(source)}.`, { tryNextLink: false });
  }
}
