/**
 * Where the region comes from: the `region` option, else `AWS_REGION`, else `AWS_DEFAULT_REGION`, else the
 * profile's `region`. A missing region resolves to undefined so the endpoint rule set reports it in its own words.
 */
import type { Provider } from "@smithy/types";
import type { ProfileSettingReader } from "./profile.js";

/** The region's source, unmemoized: the client config memoizes it (`remember` in config.ts). @internal */
export function resolveRegionOption(option: string | Provider<string> | undefined, readSetting: ProfileSettingReader): Provider<string | undefined> {
  if (typeof option === "function") return option;
  if (option !== undefined) {
    const promise = Promise.resolve(option);
    return () => promise;
  }
  const env = process.env["AWS_REGION"] || process.env["AWS_DEFAULT_REGION"];
  if (env) {
    const promise = Promise.resolve(env);
    return () => promise;
  }
  return () => readSetting("region").catch(() => undefined);
}
