/**
 * Reads the shared AWS config and credentials files (`~/.aws/config`, `~/.aws/credentials`, or the files named
 * by `AWS_CONFIG_FILE` / `AWS_SHARED_CREDENTIALS_FILE`) through the SDK's own parser. Loaded lazily: a client
 * whose options and environment decide everything never imports this module.
 */
import { getProfileName, loadSharedConfigFiles, type ParsedIniData } from "@smithy/core/config";
import { ConfigurationError } from "./errors.js";

/** The profile in effect: the `profile` option, else `AWS_PROFILE`, else `default`. @internal */
export function profileName(option: string | undefined): string {
  return option ?? getProfileName({});
}

/**
 * Both files merged by profile name, as the SDK does: for credentials the credentials file wins, for other
 * settings the config file wins. Re-read on every call so refreshed files are seen; callers memoize.
 * @internal
 */
export async function loadProfiles(prefer: "credentials" | "config" = "credentials"): Promise<ParsedIniData> {
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
