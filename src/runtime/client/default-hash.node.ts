/**
 * The SHA-256 the SigV4 signer uses in Node when the `sha256` option is left out: `node:crypto` through the AWS
 * SDK v3's own Node hash (`Hash` of `@smithy/core/serde`, which `@smithy/hash-node` re-exports), as the SDK's
 * Node runtime config does. A signature costs about half the CPU of `@aws-crypto/sha256-js`.
 * The Node builds put this module in place of `default-hash.ts` (see there).
 */
import { Hash } from "@smithy/core/serde";
import type { HashConstructor } from "@smithy/types";

/** `Hash` fixed to SHA-256: a plain constructor, as the signer calls `new sha256(secret?)`. @internal */
export class NodeSha256 extends Hash {
  constructor(secret?: ConstructorParameters<typeof Hash>[1]) {
    super("sha256", secret);
  }
}

/** @internal */
export const DefaultSha256: HashConstructor = NodeSha256;
