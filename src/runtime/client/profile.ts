/**
 * Reads the shared AWS config and credentials files (`~/.aws/config`, `~/.aws/credentials`, or the files named
 * by `AWS_CONFIG_FILE` / `AWS_SHARED_CREDENTIALS_FILE`) through the SDK's own parser. Loaded lazily: a client
 * whose options and environment decide everything never imports this module.
 *
 * The parser (`@smithy/core/config`, ≈ 11 KB minified) is imported only when one of the files exists, through a
 * package name in a constant (see optional-package.ts): bundles leave it out, and a bundle deployed where there
 * are no such files (AWS Lambda, containers) never needs it. Where a file exists but the parser cannot be loaded,
 * the client says so rather than ignore the file.
 */
import { stat } from "node:fs/promises";
import { homedir } from "node:os";
import { join, sep } from "node:path";
import type { ParsedIniData } from "@smithy/types";
import { ConfigurationError } from "./errors.js";
import { missingPackageError } from "./optional-package.js";

/** Not a literal in `import()`: see the module comment. */
const CONFIG_PACKAGE = "@smithy/core/config";
type ConfigModule = typeof import("@smithy/core/config");

/**
 * The SDK's config package; `needs` says what needed it when it cannot be loaded.
 * @internal
 */
export async function loadConfigPackage(needs: string): Promise<ConfigModule> {
  try {
    return (await import(CONFIG_PACKAGE)) as ConfigModule;
  } catch (error) {
    throw missingPackageError(
      error,
      `${needs} needs the AWS SDK's ${CONFIG_PACKAGE}, which cannot be loaded from here — a bundle leaves it out. Deploy node_modules/@smithy/core beside the bundle.`,
    );
  }
}

/** The profile in effect: the `profile` option, else `AWS_PROFILE`, else `default` (the SDK's getProfileName). @internal */
export function profileName(option: string | undefined): string {
  return option ?? (process.env["AWS_PROFILE"] || "default");
}

/** The home folder as the SDK's getHomeDir finds it. */
function homeDir(): string {
  const { HOME, USERPROFILE, HOMEPATH, HOMEDRIVE = `C:${sep}` } = process.env;
  return HOME || USERPROFILE || (HOMEPATH ? `${HOMEDRIVE}${HOMEPATH}` : homedir());
}

/** The config and credentials files the SDK's loadSharedConfigFiles reads (a leading `~/` is the home folder). */
function sharedFilePaths(): readonly string[] {
  const home = homeDir();
  const expand = (path: string): string => (path.startsWith("~/") ? join(home, path.slice(2)) : path);
  return [
    expand(process.env["AWS_CONFIG_FILE"] || join(home, ".aws", "config")),
    expand(process.env["AWS_SHARED_CREDENTIALS_FILE"] || join(home, ".aws", "credentials")),
  ];
}

/**
 * Both files merged by profile name, as the SDK does: for credentials the credentials file wins, for other
 * settings the config file wins. Re-read on every call so refreshed files are seen; callers memoize.
 * @internal
 */
export async function loadProfiles(prefer: "credentials" | "config" = "credentials"): Promise<ParsedIniData> {
  const paths = sharedFilePaths();
  const found = await Promise.all(paths.map((path) => stat(path).then(() => true, () => false)));
  // The SDK reads a missing file as empty; so does this, without loading the parser.
  const existing = paths.filter((_, i) => found[i]);
  if (existing.length === 0) return {};
  const { loadSharedConfigFiles } = await loadConfigPackage(`Reading ${existing.join(" and ")}`);
  const { configFile, credentialsFile } = await loadSharedConfigFiles({ ignoreCache: true });
  const [low, high] = prefer === "credentials" ? [configFile, credentialsFile] : [credentialsFile, configFile];
  const merged: ParsedIniData = {};
  for (const [name, values] of Object.entries(low)) merged[name] = { ...values };
  for (const [name, values] of Object.entries(high)) merged[name] = { ...merged[name], ...values };
  return merged;
}

/** Reads settings of one profile; a client makes one and reads the files once, on first use. @internal */
export type ProfileSettingReader = (key: string) => Promise<string | undefined>;

/** @internal */
export async function loadProfileSettings(option: string | undefined): Promise<Readonly<Record<string, string | undefined>>> {
  const profiles = await loadProfiles("config");
  const settings = profiles[profileName(option)] ?? {};
  const servicesName = settings["services"];
  if (servicesName === undefined) return settings;
  // `services = name` points at a `[services name]` section of per-service settings (`<service_key>.endpoint_url`
  // once parsed); they are read as `services.<service_key>.<setting>`.
  const section = profiles[`services.${servicesName}`];
  if (section === undefined) {
    throw new ConfigurationError(`The services section "${servicesName}" specified in the profile is not present in the shared configuration file.`);
  }
  const withServices: Record<string, string | undefined> = { ...settings };
  for (const [key, value] of Object.entries(section)) withServices[`services.${key}`] = value;
  return withServices;
}
