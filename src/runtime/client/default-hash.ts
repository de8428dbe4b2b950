/**
 * The SHA-256 the SigV4 signer uses when the `sha256` option is left out, for platforms other than Node:
 * `@aws-crypto/sha256-js`, plain JavaScript that runs everywhere.
 *
 * The Node builds (dist/node/ and dist/cjs/, chosen by the "node" and "require" conditions of package.json
 * "exports") swap this module for `default-hash.node.ts` at build time, as smithy-typescript's generated clients
 * swap `runtimeConfig.ts` and `runtimeConfig.browser.ts`: see scripts/build-node.mjs and scripts/build-cjs.mjs.
 */
import { Sha256 } from "@aws-crypto/sha256-js";
import type { HashConstructor } from "@smithy/types";

/** @internal */
export const DefaultSha256: HashConstructor = Sha256;
