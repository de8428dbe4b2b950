/**
 * Bearer-token auth (`smithy.api#httpBearerAuth`), as the AWS SDK v3 does it: the `token` option (a
 * `TokenIdentity` or a provider of one), else the `AWS_BEARER_TOKEN_<SERVICE>` environment variable, sent as
 * `Authorization: Bearer <token>` on every attempt. Which scheme a client uses follows the model's auth order:
 * bearer when it comes first, or when it is offered and a token was configured.
 */
import type { TokenIdentity, TokenIdentityProvider } from "@smithy/types";
import type { ServiceSpec } from "../protocol/contract.js";
import { ConfigurationError } from "./errors.js";
import type { RequestSigner } from "./signing.js";

/** `AWS_BEARER_TOKEN_<SIGNING NAME>`, the variable the SDK v3 reads a service's token from. @internal */
export function bearerTokenVariable(service: ServiceSpec): string {
  return `AWS_BEARER_TOKEN_${service.signingName.toUpperCase().replace(/[^A-Z0-9]+/g, "_")}`;
}

/** The type of `bearerSigner`, as a `ServiceSpec` carries it. @internal */
export type BearerSignerFactory = (service: ServiceSpec, token: TokenIdentity | TokenIdentityProvider | undefined) => RequestSigner | undefined;

/**
 * A signer that sends the bearer token, when the service's auth order and the configuration choose bearer;
 * undefined when the client signs with SigV4.
 * @internal
 */
export const bearerSigner: BearerSignerFactory = (service, token) => {
  const auth = service.auth ?? ["sigv4"];
  if (!auth.includes("bearer")) return undefined;
  const fromEnv = process.env[bearerTokenVariable(service)];
  if (auth[0] !== "bearer" && token === undefined && (fromEnv === undefined || fromEnv === "")) return undefined;
  const provide: TokenIdentityProvider =
    typeof token === "function" ? token : token !== undefined ? () => Promise.resolve(token) : () => Promise.resolve({ token: fromEnv ?? "" });
  return {
    async sign(request) {
      const identity = await provide();
      if (identity.token === "") {
        throw new ConfigurationError(`No bearer token: set the token option or ${bearerTokenVariable(service)}`);
      }
      request.headers["authorization"] = `Bearer ${identity.token}`;
      return request;
    },
  };
};
