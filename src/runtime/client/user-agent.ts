/**
 * The `user-agent` value (this library and its version (see version.ts), the platform, the service's API name,
 * the caller's tokens) and the short `x-amz-user-agent` value — computed once per client.
 */
import { platform, release } from "node:os";
import type { UserAgent } from "@smithy/types";
import type { ServiceSpec } from "../protocol/contract.js";
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
export function buildUserAgent(service: ServiceSpec, custom: string | UserAgent | undefined, appId?: string | undefined): UserAgentHeaders {
  const apiName = service.sdkId.toLowerCase().replace(/\s+/g, "-");
  const library = `${token(LIBRARY_NAME)}/${token(LIBRARY_VERSION)}`;
  const parts = [
    library,
    "ua/2.1",
    `os/${token(platform())}#${token(release())}`,
    "lang/js",
    `md/nodejs#${token(process.versions.node)}`,
    `api/${token(apiName)}#${token(service.apiVersion)}`,
  ];
  // `userAgentAppId` travels as `app/<id>`, after the SDK's own tokens, as the SDK sends it.
  if (appId) parts.push(`app/${token(appId)}`);
  const customParts: string[] = [];
  if (typeof custom === "string" && custom !== "") customParts.push(custom);
  else if (Array.isArray(custom)) {
    for (const [name, version] of custom) customParts.push(version === undefined ? token(name) : `${token(name)}/${token(version)}`);
  }
  // As the SDK v3 does in Node: the full value in `user-agent`, only the library and the caller's own tokens in
  // `x-amz-user-agent`.
  const appPart = appId ? [`app/${token(appId)}`] : [];
  return { userAgent: [...parts, ...customParts].join(" "), amzUserAgent: [library, ...appPart, ...customParts].join(" ") };
}
