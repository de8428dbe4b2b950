/**
 * Hex SHA-256, one call per digest: Node's one-shot `crypto.hash` (Node ≥ 20.12) where it exists, which skips
 * the Hash object (and its stream plumbing) that `createHash` builds for every digest; `createHash` otherwise.
 *
 * @packageDocumentation
 */
import * as nodeCrypto from "node:crypto";

type OneShot = (algorithm: string, data: string | Uint8Array, outputEncoding: "hex") => string;

// Read through the namespace: a named import of `hash` would fail to link on Node 20.0–20.11.
const oneShot = (nodeCrypto as { hash?: OneShot }).hash;

/**
 * Lower-case hex SHA-256 of a string (as UTF-8) or bytes.
 * @internal
 */
export const sha256Hex: (data: string | Uint8Array) => string =
  oneShot !== undefined ? (data) => oneShot("sha256", data, "hex") : (data) => nodeCrypto.createHash("sha256").update(data).digest("hex");
