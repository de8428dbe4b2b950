/**
 * Logging helpers: the silent default logger, and a check that lets a call skip formatting debug lines nobody
 * reads. What is logged is decided in handler.ts: method, URL, status, attempt, timing, and inputs/outputs only
 * through the generated redactors — never headers, keys or signatures.
 */
import type { Logger } from "@smithy/types";

const noop = (): void => undefined;

/** Used when the caller configured no logger. @internal */
export const NO_OP_LOGGER: Logger = { trace: noop, debug: noop, info: noop, warn: noop, error: noop };

/** True when debug lines would reach a logger; silent clients then do no formatting work. @internal */
export function isDebugEnabled(logger: Logger): boolean {
  return logger !== NO_OP_LOGGER && typeof logger.debug === "function";
}
