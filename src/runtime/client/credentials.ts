/**
 * Turns the `credentials` option into one provider: static keys, any AWS SDK v3 credential provider, or the
 * default chain (loaded on first use from `credential-chain.ts`, so a client with static keys never loads the
 * credential-provider code). Credentials that are about to expire are fetched again.
 */
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider, Logger } from "@smithy/types";

/** Refresh this long before `expiration`, as the AWS SDK does. @internal */
export const REFRESH_WINDOW_MS = 5 * 60_000;

/** What the SDK passes to providers that want to know about the calling client. @internal */
export interface CallerClientConfig {
  readonly region?: () => Promise<string | undefined>;
  readonly profile?: string | undefined;
  readonly userAgentAppId?: () => Promise<string | undefined>;
}

/** @internal */
export function resolveCredentialsOption(
  option: AwsCredentialIdentity | AwsCredentialIdentityProvider | undefined,
  profile: string | undefined,
  now: () => number,
  caller: CallerClientConfig = {},
  logger?: Logger,
): AwsCredentialIdentityProvider {
  if (typeof option === "function") {
    return memoizeCredentials(() => option({ callerClientConfig: caller } as never), now);
  }
  if (option !== undefined) {
    const promise = Promise.resolve(option);
    return () => promise;
  }
  let chain: AwsCredentialIdentityProvider | undefined;
  return memoizeCredentials(async () => {
    chain ??= (await import("./credential-chain.js")).defaultCredentialChain({ profile, caller, logger });
    return chain();
  }, now);
}

/**
 * Shares one fetch between concurrent callers and keeps the result until it is within the refresh window of
 * its expiration. A failed fetch is not cached.
 * @internal
 */
export function memoizeCredentials(fetch: () => Promise<AwsCredentialIdentity>, now: () => number): AwsCredentialIdentityProvider {
  let current: Promise<AwsCredentialIdentity> | undefined;
  let settled: AwsCredentialIdentity | undefined;
  const refresh = (): Promise<AwsCredentialIdentity> => {
    const pending = fetch().then(
      (value) => {
        settled = value;
        return value;
      },
      (error: unknown) => {
        if (current === pending) current = undefined;
        throw error;
      },
    );
    current = pending;
    settled = undefined;
    return pending;
  };
  return () => {
    if (current === undefined) return refresh();
    if (settled?.expiration !== undefined && settled.expiration.getTime() - now() < REFRESH_WINDOW_MS) return refresh();
    return current;
  };
}
