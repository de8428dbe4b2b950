/**
 * The SHA-256 the SigV4 signer uses in Node when the `sha256` option is left out: `node:crypto` through the AWS
 * SDK v3's own Node hash (`Hash` of `@smithy/core/serde`, which `@smithy/hash-node` re-exports), as the SDK's
 * Node runtime config does. A signature costs about half the CPU of `@aws-crypto/sha256-js`.
 * The Node builds put this module in place of `default-hash.ts` (see there).
 */
import { Hash } from "@smithy/core/serde";
import type { HashConstructor } from "@smithy/types";
import * as nodeCrypto from "node:crypto";

type OneShot = (algorithm: string, data: string | Uint8Array, outputEncoding: "hex") => string;
// Read through the namespace: a named import of `hash` would fail to link on Node 20.0–20.11.
const oneShot = (nodeCrypto as { hash?: OneShot }).hash;

/**
 * `Hash` fixed to SHA-256: a plain constructor, as the signer calls `new sha256(secret?)`. Its static `hex` and
 * `hmac` are the signer's two digests done at once (`Sha256Digests`), which it uses in place of the constructor:
 * a signature's CPU drops by about a third (no Hash object and no promise per digest).
 * @internal
 */
export class NodeSha256 extends Hash {
  constructor(secret?: ConstructorParameters<typeof Hash>[1]) {
    super("sha256", secret);
  }

  static readonly hex: (data: string | Uint8Array) => string =
    oneShot !== undefined ? (data) => oneShot("sha256", data, "hex") : (data) => nodeCrypto.createHash("sha256").update(data).digest("hex");

  static hmac(key: string | Uint8Array, data: string): Uint8Array {
    return nodeCrypto.createHmac("sha256", key).update(data).digest();
  }
}

/** @internal */
export const DefaultSha256: HashConstructor = NodeSha256;
