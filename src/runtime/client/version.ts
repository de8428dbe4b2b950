/**
 * This library's npm name and version for the user agent. A constant rather than a package.json lookup, so that
 * it stays right when iotmi is bundled into someone else's program (where `../../package.json` would be another
 * package's file, or none). `test/package/version.test.ts` fails when it and package.json disagree.
 */

/** @internal */
export const LIBRARY_NAME = "iotmi";
/** @internal */
export const LIBRARY_VERSION = "0.1.0";
