/**
 * The CLI's error kinds and the exit code each one maps to, matching the AWS CLI v2:
 * 252 usage or parameter problems, 253 missing credentials or region, 254 a service error, 255 anything else,
 * 130 interrupted.
 *
 * @packageDocumentation
 */
import { MAX_LISTED_VIOLATIONS } from "../runtime/index.js";

/** Exit codes of the AWS CLI v2. @public */
export const ExitCode = {
  ok: 0,
  usage: 252,
  configuration: 253,
  service: 254,
  other: 255,
  interrupted: 130,
} as const;

/** @public */
export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

/**
 * An error the CLI reports as one message and an exit code, never with a stack trace.
 * @public
 */
export class CliError extends Error {
  override readonly name: string = "CliError";
  constructor(
    message: string,
    readonly exitCode: ExitCodeValue,
    /** Print a usage block before the message (argument parsing errors): the short one, or the first pass's. */
    readonly showUsage: boolean | "first-pass" = false,
  ) {
    super(message);
  }
}

/** A command-line usage problem: unknown option, missing required option, bad value. @public */
export class UsageError extends CliError {
  override readonly name = "UsageError";
  constructor(message: string, showUsage: boolean | "first-pass" = true) {
    super(message, ExitCode.usage, showUsage);
  }
}

/** A value that could not be read: `Error parsing parameter '--x': ...`. @public */
export class ParamError extends CliError {
  override readonly name = "ParamError";
  constructor(
    readonly optionName: string,
    detail: string,
  ) {
    super(`Error parsing parameter '${optionName}': ${detail}`, ExitCode.usage);
  }
}

/** Client-side validation of the assembled input failed; one line per violation. @public */
export class ParameterValidationError extends CliError {
  override readonly name = "ParameterValidationError";
  /** `total`: how many problems there are when `lines` holds only the first ones. */
  constructor(
    readonly lines: readonly string[],
    total = lines.length,
  ) {
    const shown = lines.slice(0, MAX_LISTED_VIOLATIONS);
    if (total > shown.length) shown.push(`... and ${total - shown.length} more`);
    super(`Parameter validation failed:\n${shown.join("\n")}`, ExitCode.usage);
  }
}

/** Missing credentials or region. @public */
export class ConfigurationError extends CliError {
  override readonly name = "ConfigurationError";
  constructor(message: string) {
    super(message, ExitCode.configuration);
  }
}
