/**
 * HTTP header values for restJson1: list members are comma-separated, strings holding a comma or a quote
 * are quoted, and header lookups are case-insensitive.
 */
import { quoteHeader, splitHeader } from "@smithy/core/serde";

/**
 * Joins list values into one header value, quoting strings that contain `,` or `"`.
 * @internal
 */
export function joinHeaderList(values: readonly string[], quote: boolean): string {
  return (quote ? values.map(quoteHeader) : values).join(", ");
}

/**
 * Splits a list header into its values, honouring quoted strings.
 * @internal
 */
export function splitHeaderList(value: string): string[] {
  return value === "" ? [] : splitHeader(value);
}

/**
 * Lower-cases header names so generated code can look headers up by their lower-case name (and drops undefined
 * values); headers that already qualify come back as the same object, so callers must not modify the result.
 * @internal
 */
export function lowerCaseHeaders(headers: Readonly<Record<string, string | undefined>>): Record<string, string> {
  // The runtime hands deserializers headers it already lower-cased: those are returned as they are.
  let ready = true;
  for (const name in headers) {
    if (headers[name] === undefined || name !== name.toLowerCase()) {
      ready = false;
      break;
    }
  }
  if (ready) return headers as Record<string, string>;
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) out[name.toLowerCase()] = value;
  }
  return out;
}

/**
 * Collects the headers that start with `prefix` (lower-case) into a map keyed by the rest of the name.
 * @internal
 */
export function prefixedHeaders(headers: Readonly<Record<string, string>>, prefix: string): Record<string, string> | undefined {
  let out: Record<string, string> | undefined;
  for (const [name, value] of Object.entries(headers)) {
    if (name.startsWith(prefix)) (out ??= {})[name.slice(prefix.length)] = value;
  }
  return out;
}

