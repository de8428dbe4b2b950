/**
 * `--output json`: four-space indentation, keys in the order the response holds them (model order), non-ASCII
 * characters kept as they are; nothing at all for an empty response.
 *
 * @packageDocumentation
 */

/** @public */
export function formatJson(data: unknown): string {
  if (data !== null && typeof data === "object" && !Array.isArray(data) && Object.keys(data).length === 0) return "";
  return `${JSON.stringify(data === undefined ? null : data, null, 4)}\n`;
}
