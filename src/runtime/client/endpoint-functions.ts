/**
 * The functions of the Smithy rules language (and its AWS extensions) that compiled endpoint rule sets call.
 *
 * The generator compiles a service's `smithy.rules#endpointRuleSet` into a plain TypeScript function
 * (`resolveEndpointRules` in the generated `service.ts`): conditions become `if`s, references become local
 * variables, templates become template literals. What is left for run time is here, one small function per
 * rules function, behaving as the AWS SDK's rules engine does (`@smithy/core/endpoints`, `@aws-sdk/util-endpoints`):
 * "no value" is `undefined`, and a bundle carries only the functions its rule set uses.
 */
import { isValidHostLabel } from "@smithy/core/transport";
import { ConfigurationError } from "./errors.js";

/** What a compiled rule set returns: the endpoint URL, and the properties and headers the rule attaches. @public */
export interface EndpointRuleResult {
  readonly url: string;
  readonly properties?: Readonly<Record<string, unknown>>;
  readonly headers?: Readonly<Record<string, readonly string[]>>;
}

/** The error a rule set ends in (its own message, e.g. `Invalid Configuration: Missing Region`). @internal */
export function endpointRuleError(message: string): ConfigurationError {
  return new ConfigurationError(message);
}

/** One partition of the generated partition data: only the outputs and regions the rule set reads. @internal */
export interface PartitionData<Outputs extends object> {
  readonly id: string;
  readonly regionRegex: RegExp;
  readonly outputs: Outputs;
  /** Regions whose outputs differ from what the regular expressions alone would give. */
  readonly regions: Readonly<Record<string, Partial<Outputs>>>;
}

/**
 * `aws.partition`: the partition a region belongs to. A listed region first, then the first partition whose
 * regular expression matches, else the `aws` partition (the data lists it first).
 * @internal
 */
export function awsPartition<Outputs extends object>(partitions: readonly PartitionData<Outputs>[], region: string | undefined): Outputs {
  const text = String(region);
  for (const partition of partitions) {
    const listed = Object.hasOwn(partition.regions, text) ? partition.regions[text] : undefined;
    if (listed !== undefined) return { ...partition.outputs, ...listed };
  }
  for (const partition of partitions) if (partition.regionRegex.test(text)) return partition.outputs;
  // The generator checks that the data has an `aws` partition.
  return (partitions.find((partition) => partition.id === "aws") ?? (partitions[0] as PartitionData<Outputs>)).outputs;
}

/** `isValidHostLabel`: an RFC 1123 label (or dot-separated labels with `allowSubDomains`). @internal */
export function validHostLabel(value: string | undefined, allowSubDomains: boolean): boolean {
  return value !== undefined && isValidHostLabel(value, allowSubDomains);
}

/** `parseURL`'s result. @internal */
export interface ParsedUrl {
  readonly scheme: string;
  readonly authority: string;
  readonly path: string;
  readonly normalizedPath: string;
  readonly isIp: boolean;
}

const IPV4 = /^(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]\d|\d)(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]\d|\d)){3}$/;

/** An IPv4 address, or a bracketed IPv6 host. @internal */
export function isIpAddress(value: string): boolean {
  return IPV4.test(value) || (value.startsWith("[") && value.endsWith("]"));
}

/** `parseURL`: http(s) URLs without a query; the authority keeps a default port only when the input spelled it. @internal */
export function parseURL(value: string | undefined): ParsedUrl | undefined {
  if (value === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  if (url.search !== "") return undefined;
  const scheme = url.protocol.slice(0, -1);
  if (scheme !== "http" && scheme !== "https") return undefined;
  const defaultPort = `${url.host}:${scheme === "http" ? 80 : 443}`;
  const authority = url.href.includes(defaultPort) || value.includes(defaultPort) ? defaultPort : url.host;
  const path = url.pathname;
  return { scheme, authority, path, normalizedPath: path.endsWith("/") ? path : `${path}/`, isIp: isIpAddress(url.hostname) };
}

/** `substring` of an ASCII string, counted from the end when `reverse`. @internal */
export function substring(input: string | undefined, start: number, stop: number, reverse: boolean): string | undefined {
  if (input === undefined || start >= stop || input.length < stop || /[^\u0000-\u007f]/.test(input)) return undefined;
  return reverse ? input.substring(input.length - stop, input.length - start) : input.substring(start, stop);
}

/** `uriEncode`: percent-encoding of everything but RFC 3986 unreserved characters. @internal */
export function uriEncode(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  return encodeURIComponent(value).replace(/[!*'()]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** `aws.parseArn`'s result. @internal */
export interface ParsedArn {
  readonly partition: string;
  readonly service: string;
  readonly region: string;
  readonly accountId: string;
  readonly resourceId: readonly string[];
}

/** `aws.parseArn`: `arn:partition:service:region:account:resource`, the resource split on `:` and `/`. @internal */
export function parseArn(value: string | undefined): ParsedArn | undefined {
  if (value === undefined) return undefined;
  const segments = value.split(":");
  if (segments.length < 6) return undefined;
  const [arn, partition, service, region, accountId, ...resource] = segments as [string, string, string, string, string, ...string[]];
  if (arn !== "arn" || partition === "" || service === "" || resource.join(":") === "") return undefined;
  return { partition, service, region, accountId, resourceId: resource.flatMap((part) => part.split("/")) };
}

/** `aws.isVirtualHostableS3Bucket`: a lower-case host label of 3–63 characters that is not an IP address. @internal */
export function isVirtualHostableS3Bucket(value: string | undefined, allowSubDomains: boolean): boolean {
  if (value === undefined) return false;
  if (allowSubDomains) return value.split(".").every((label) => isVirtualHostableS3Bucket(label, false));
  return isValidHostLabel(value, false) && value.length >= 3 && value.length <= 63 && value === value.toLowerCase() && !isIpAddress(value);
}

/** `split`: at most `limit` parts (0: no limit), the last holding the rest. @internal */
export function split(value: string | undefined, delimiter: string, limit: number): string[] | undefined {
  if (value === undefined) return undefined;
  if (limit === 1) return [value];
  if (value === "") return [""];
  const parts = value.split(delimiter);
  if (limit === 0) return parts;
  return [...parts.slice(0, limit - 1), parts.slice(limit - 1).join(delimiter)];
}
