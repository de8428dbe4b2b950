/**
 * Settings that come from the command line, then the environment, then the profile in `~/.aws/config`
 * (`output`, `cli_pager`, `cli_binary_format`, `cli_auto_prompt`, `ca_bundle`), as in the AWS CLI v2.
 * The config file is read only when neither the option nor the environment decides.
 *
 * @packageDocumentation
 */
import { OUTPUT_FORMATS, type GlobalOptions, type OutputFormat } from "./argv.js";
import { CliError, ExitCode } from "./errors.js";

/** @public */
export type Env = Readonly<Record<string, string | undefined>>;

/** Reads one setting of the profile in effect. @internal */
export type ProfileReader = (key: string) => Promise<string | undefined>;

/**
 * Reads the profile through the runtime's config-file loader, once. A profile named by `--profile` or
 * `AWS_PROFILE` that neither file has ends the command as in the AWS CLI v2 (exit 255).
 * @internal
 */
export function profileReader(profile: string | undefined): ProfileReader {
  let settings: Promise<Record<string, string | undefined>> | undefined;
  return async (key) => {
    settings ??= import("../runtime/client/profile.js").then(async (m) => {
      let all: Awaited<ReturnType<typeof m.loadProfiles>>;
      try {
        all = await m.loadProfiles();
      } catch {
        all = {};
      }
      const name = m.profileName(profile);
      const found = all[name] as Record<string, string | undefined> | undefined;
      if (found === undefined && (profile !== undefined || nonEmpty(process.env["AWS_PROFILE"]) !== undefined)) {
        throw new CliError(`The config profile (${name}) could not be found`, ExitCode.other);
      }
      return found ?? {};
    });
    return (await settings)[key];
  };
}

/** `parameter_validation = false` in the profile: the AWS CLI then leaves required members and values to the service. @internal */
export async function resolveParameterValidation(profile: ProfileReader): Promise<boolean> {
  return (await profile("parameter_validation"))?.trim().toLowerCase() !== "false";
}

/** @public */
export async function resolveOutputFormat(globals: GlobalOptions, env: Env, profile: ProfileReader): Promise<OutputFormat> {
  const value = globals.output ?? nonEmpty(env["AWS_DEFAULT_OUTPUT"]) ?? (await profile("output")) ?? "json";
  if (!(OUTPUT_FORMATS as readonly string[]).includes(value)) {
    throw new CliError(`Unknown output type: ${value}`, ExitCode.other);
  }
  return value as OutputFormat;
}

/**
 * The pager command, or undefined for none: `--no-cli-pager`, then `AWS_PAGER` (empty disables), then
 * `cli_pager`, then `less`. Only used when stdout is a terminal.
 * @public
 */
export async function resolvePager(globals: GlobalOptions, env: Env, profile: ProfileReader): Promise<string | undefined> {
  if (globals.noPager) return undefined;
  const fromEnv = env["AWS_PAGER"];
  if (fromEnv !== undefined) return fromEnv.trim() === "" ? undefined : fromEnv;
  const fromProfile = await profile("cli_pager");
  if (fromProfile !== undefined) return fromProfile.trim() === "" ? undefined : fromProfile;
  return "less";
}

/** `on`, `on-partial` or off. @public */
export async function resolveAutoPrompt(globals: GlobalOptions, env: Env, profile: ProfileReader): Promise<"on" | "on-partial" | "off"> {
  if (globals.autoPrompt === true) return "on";
  if (globals.autoPrompt === false) return "off";
  const value = (nonEmpty(env["AWS_CLI_AUTO_PROMPT"]) ?? (await profile("cli_auto_prompt")) ?? "off").toLowerCase();
  return value === "on" || value === "on-partial" ? value : "off";
}

/** @public */
export async function resolveBinaryFormat(globals: GlobalOptions, profile: ProfileReader): Promise<"base64" | "raw-in-base64-out"> {
  const value = globals.binaryFormat ?? (await profile("cli_binary_format")) ?? "base64";
  return value === "raw-in-base64-out" ? value : "base64";
}

/** @public */
export async function resolveCaBundle(globals: GlobalOptions, env: Env, profile: ProfileReader): Promise<string | undefined> {
  return globals.caBundle ?? nonEmpty(env["AWS_CA_BUNDLE"]) ?? (await profile("ca_bundle"));
}

/** botocore's test of a region name: a host label (letters, digits, hyphens; not all digits; no edge hyphen). */
const REGION_NAME = /^(?![0-9]+$)(?!-)[a-zA-Z0-9-]{0,63}(?<!-)$/;

/**
 * Refuses a region in effect (option, `AWS_REGION`, `AWS_DEFAULT_REGION`, profile) that could not be part of a
 * host name, with the AWS CLI's sentence and exit code.
 * @public
 */
export async function checkRegion(globals: GlobalOptions, env: Env, profile: ProfileReader): Promise<void> {
  const region = globals.region ?? nonEmpty(env["AWS_REGION"]) ?? nonEmpty(env["AWS_DEFAULT_REGION"]) ?? (await profile("region"));
  if (region !== undefined && !REGION_NAME.test(region)) {
    throw new CliError(`Provided region_name '${region}' doesn't match a supported format.`, ExitCode.other);
  }
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === "" ? undefined : value;
}
