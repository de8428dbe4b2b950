/**
 * Parses the raw HTTP/1.1 request texts of the SigV4 suite (request line, header lines with obsolete line
 * folding, body) without normalising anything: the path stays as written (spaces, dot segments, UTF-8),
 * repeated headers stay separate and in order.
 */

/** A request exactly as the suite writes it. @internal */
export interface RawRequest {
  readonly method: string;
  /** The request target up to `?`, untouched. */
  readonly path: string;
  /** The raw query string without `?` ("" when absent). */
  readonly query: string;
  /** Header lines in order; a folded value keeps its `\n` and leading whitespace; values are trimmed at the ends. */
  readonly headers: readonly (readonly [string, string])[];
  readonly body: string;
}

/** @internal */
export function parseRawRequest(text: string): RawRequest {
  const lines = text.split("\n");
  const requestLine = lines.shift() ?? "";
  // The target may contain spaces (the suite's unencoded paths): method is the first word, version the last.
  const first = requestLine.indexOf(" ");
  const last = requestLine.lastIndexOf(" ");
  if (first === -1 || last <= first) throw new Error(`bad request line: ${JSON.stringify(requestLine)}`);
  const method = requestLine.slice(0, first);
  const target = requestLine.slice(first + 1, last);
  const q = target.indexOf("?");
  const headers: [string, string][] = [];
  let i = 0;
  for (; i < lines.length; i++) {
    const line = lines[i]!;
    if (line === "") break;
    if ((line.startsWith(" ") || line.startsWith("\t")) && headers.length > 0) {
      const previous = headers[headers.length - 1]!;
      previous[1] = `${previous[1]}\n${line}`;
      continue;
    }
    const colon = line.indexOf(":");
    if (colon === -1) throw new Error(`bad header line: ${JSON.stringify(line)}`);
    headers.push([line.slice(0, colon), line.slice(colon + 1).trim()]);
  }
  const body = i < lines.length ? lines.slice(i + 1).join("\n") : "";
  return {
    method,
    path: q === -1 ? target : target.slice(0, q),
    query: q === -1 ? "" : target.slice(q + 1),
    headers,
    body,
  };
}
