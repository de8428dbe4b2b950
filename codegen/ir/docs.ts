/**
 * Turns Smithy documentation (CommonMark that AWS models fill with HTML) into short plain text with light
 * markdown, safe to place inside a TSDoc block and to print in CLI help.
 */

const ENTITIES: Readonly<Record<string, string>> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|[a-zA-Z]+);/g, (whole, body: string) => {
    if (body.startsWith("#x")) return String.fromCodePoint(Number.parseInt(body.slice(2), 16));
    if (body.startsWith("#")) return String.fromCodePoint(Number.parseInt(body.slice(1), 10));
    return ENTITIES[body.toLowerCase()] ?? whole;
  });
}

/**
 * Converts documentation to plain text: paragraphs separated by blank lines, list items as `- `, code as
 * backticks, links as `text (url)`, every other tag dropped, entities decoded, whitespace collapsed, and
 * `*\/` escaped so the text cannot end a comment.
 * @internal
 */
export function documentationToText(doc: string): string {
  let text = doc.replace(/\r\n?/g, "\n");
  text = text.replace(/<!--[\s\S]*?-->/g, "");
  text = text.replace(/<(code|pre)>([\s\S]*?)<\/\1>/gi, (_m, _tag: string, body: string) => `\`${body.replace(/<[^>]*>/g, "").trim()}\``);
  text = text.replace(/<a\s[^>]*href\s*=\s*["']([^"']*)["'][^>]*>([\s\S]*?)<\/a>/gi, (_m, href: string, body: string) => {
    const label = body.replace(/<[^>]*>/g, "").trim();
    return label && label !== href ? `${label} (${href})` : href;
  });
  text = text.replace(/<li[^>]*>/gi, "\n- ");
  text = text.replace(/<\/(p|div|ul|ol|dl|h\d|note|important)>|<(p|div|ul|ol|dl|h\d|note|important|br)(\s[^>]*)?\/?>/gi, "\n\n");
  text = text.replace(/<\/?(b|strong)>/gi, "**").replace(/<\/?(i|em)>/gi, "_");
  text = text.replace(/<[^>]+>/g, "");
  text = decodeEntities(text);
  const paragraphs = text
    .split(/\n\s*\n/)
    .map((p) =>
      p
        .split("\n")
        .map((line) => line.replace(/[ \t]+/g, " ").trim())
        .filter((line) => line !== "")
        .join("\n"),
    )
    .filter((p) => p !== "");
  // Collapse line breaks inside a paragraph unless they start a list item.
  const joined = paragraphs.map((p) => p.replace(/\n(?!- )/g, " ")).join("\n\n");
  return joined.replace(/\*\//g, "*\\/");
}

/** The first sentence (or line) of documentation, for short summaries. @internal */
export function firstSentence(text: string): string {
  const line = text.split("\n")[0] ?? "";
  const match = /^(.*?[.!?])(\s|$)/.exec(line);
  return match?.[1] ?? line;
}
