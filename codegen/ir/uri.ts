/**
 * Parses the URI of a `smithy.api#http` trait (`/things/{Id}/parts/{Rest+}?fixed=1`).
 */
import type { UriPattern } from "./types.js";

/**
 * Splits an HTTP trait URI into literal and label segments and literal query pairs.
 * @returns the pattern, or an error message.
 * @internal
 */
export function parseUri(text: string): UriPattern | string {
  const q = text.indexOf("?");
  const path = q < 0 ? text : text.slice(0, q);
  const query = q < 0 ? "" : text.slice(q + 1);
  if (!path.startsWith("/")) return "the URI must start with `/`";
  const segments: UriPattern["segments"][number][] = [];
  const parts = path === "/" ? [] : path.slice(1).split("/");
  const seen = new Set<string>();
  for (const [index, part] of parts.entries()) {
    if (part === "" && index < parts.length - 1) return "the URI has an empty path segment";
    const label = /^\{([A-Za-z_][A-Za-z0-9_]*)(\+?)\}$/.exec(part);
    if (label) {
      const name = label[1] as string;
      const greedy = label[2] === "+";
      if (seen.has(name)) return `label \`${name}\` appears twice`;
      if (greedy && segments.some((s) => s.kind === "label" && s.greedy)) return "only one greedy label is allowed";
      seen.add(name);
      segments.push({ kind: "label", name, greedy });
    } else if (/[{}]/.test(part)) {
      return `segment \`${part}\` must be a whole label (\`{Name}\`) or contain no braces`;
    } else {
      segments.push({ kind: "literal", value: part });
    }
  }
  const queryLiterals: { name: string; value: string }[] = [];
  for (const pair of query === "" ? [] : query.split("&")) {
    if (/[{}]/.test(pair)) return "labels are not allowed in the query part of the URI";
    const eq = pair.indexOf("=");
    queryLiterals.push(eq < 0 ? { name: pair, value: "" } : { name: pair.slice(0, eq), value: pair.slice(eq + 1) });
  }
  return { segments, queryLiterals, text };
}
