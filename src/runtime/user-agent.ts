/**
 * The `user-agent` and `x-amz-user-agent` values: this library and its version (see version.ts), the
 * platform, and the service's API name — computed once per client.
 */
import { platform, release } from "node:os";
import type { UserAgent } from "@smithy/types";
import type { ServiceSpec } from "./contract.js";
import { LIBRARY_NAME, LIBRARY_VERSION } from "./version.js";

/** @internal */
export interface UserAgentHeaders {
  readonly userAgent: string;
  readonly amzUserAgent: string;
}

/** User-agent tokens may not contain spaces or separators; the SDK replaces them with `-`. */
function token(text: string): string {
  return text.replace(/[^!#$%&'*+\-.^_`|~\w]/g, "-");
}

/** @internal */
export function buildUserAgent(service: ServiceSpec, custom: string | UserAgent | undefined): UserAgentHeaders {
  const apiName = service.sdkId.toLowerCase().replace(/\s+/g, "-");
  const parts = [
    `${token(LIBRARY_NAME)}/${token(LIBRARY_VERSION)}`,
    "ua/2.1",
    `os/${token(platform())}#${token(release())}`,
    "lang/js",
    `md/nodejs#${token(process.versions.node)}`,
    `api/${token(apiName)}#${token(service.apiVersion)}`,
  ];
  if (typeof custom === "string" && custom !== "") parts.push(custom);
  else if (Array.isArray(custom)) {
    for (const [name, version] of custom) parts.push(version === undefined ? token(name) : `${token(name)}/${token(version)}`);
  }
  const value = parts.join(" ");
  return { userAgent: value, amzUserAgent: value };
}
