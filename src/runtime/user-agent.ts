/**
 * The `user-agent` and `x-amz-user-agent` values: this library and its version (from package.json), the
 * platform, and the service's API name — computed once per client.
 */
import { readFileSync } from "node:fs";
import { platform, release } from "node:os";
import type { UserAgent } from "@smithy/types";
import type { ServiceSpec } from "./contract.js";

/** @internal */
export interface UserAgentHeaders {
  readonly userAgent: string;
  readonly amzUserAgent: string;
}

/** The package name and version, read once; `src/runtime` and `dist/runtime` both sit two levels down. */
const PACKAGE = readPackage();

function readPackage(): { name: string; version: string } {
  try {
    const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { name?: unknown; version?: unknown };
    return {
      name: typeof pkg.name === "string" ? pkg.name : "unknown",
      version: typeof pkg.version === "string" ? pkg.version : "0.0.0",
    };
  } catch {
    return { name: "unknown", version: "0.0.0" };
  }
}

/** This library's name and version as they appear in the user agent. @internal */
export const LIBRARY_NAME = PACKAGE.name;
/** @internal */
export const LIBRARY_VERSION = PACKAGE.version;

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
