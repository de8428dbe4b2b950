/**
 * Packages that only some configurations need are imported through a name held in a constant
 * (`import(SOME_PACKAGE)`), not a literal: bundlers cannot follow such an import, so users' bundles leave the
 * code out and Node finds the package in node_modules at run time. A bundle deployed without it gets a
 * ConfigurationError that says what needed the package and how to include it, instead of Node's bare
 * "Cannot find package".
 */
import { ConfigurationError } from "./errors.js";

/**
 * `error` from `import(name)`: a ConfigurationError with `message` when the package is not there, else `error`.
 * @internal
 */
export function missingPackageError(error: unknown, message: string): unknown {
  const code = (error as { code?: unknown } | null)?.code;
  return code === "ERR_MODULE_NOT_FOUND" || code === "MODULE_NOT_FOUND" ? new ConfigurationError(message, { cause: error }) : error;
}
