/**
 * Turns IR documentation into TSDoc text: escapes what TSDoc would read as markup and adds tags.
 */
import type { JSDocStructure, OptionalKind, WriterFunction } from "ts-morph";

/**
 * A TSDoc block for ts-morph: the description (with `@`, `{` and `}` escaped so TSDoc does not read them as
 * tags or inline tags) followed by tags such as `@public` or `@deprecated`.
 * @internal
 */
export function tsdoc(
  documentation: string | undefined,
  tags: readonly { readonly tagName: string; readonly text?: string }[] = [],
): OptionalKind<JSDocStructure>[] {
  return ownTsdoc(documentation === undefined ? undefined : escapeTsdoc(documentation), tags);
}

/**
 * A TSDoc block from text the generator wrote itself (which may use `{@link}`); only `*\/` is escaped.
 * @internal
 */
export function ownTsdoc(
  text: string | undefined,
  tags: readonly { readonly tagName: string; readonly text?: string }[] = [],
): OptionalKind<JSDocStructure>[] {
  const description = text?.replace(/\*\//g, "*\\/");
  if (description === undefined && tags.length === 0) return [];
  return [
    {
      ...(description === undefined ? {} : { description }),
      tags: tags.map((t) => ({ tagName: t.tagName, ...(t.text === undefined ? {} : { text: escapeTsdoc(t.text) }) })),
    },
  ];
}

/** Escapes text for a TSDoc comment body. @internal */
export function escapeTsdoc(text: string): string {
  return text.replace(/\*\//g, "*\\/").replace(/([@{}])/g, "\\$1");
}

/** Tags for a declaration: `@deprecated` when deprecated, then the release tag. @internal */
export function releaseTags(deprecated: string | true | undefined, release: "public" | "internal" = "public"): { tagName: string; text?: string }[] {
  const tags: { tagName: string; text?: string }[] = [];
  if (deprecated !== undefined) tags.push({ tagName: "deprecated", ...(deprecated === true ? {} : { text: deprecated }) });
  tags.push({ tagName: release });
  return tags;
}

/**
 * A doc comment as ts-morph prints it for a declaration: `/** text *\/` on one line, else one ` * ` line per
 * line (tags after the description). For declarations the generator writes as text.
 * @internal
 */
export function docComment(doc: string | WriterFunction | OptionalKind<JSDocStructure>): string {
  if (typeof doc === "function") throw new Error("doc comments written as text take strings and structures");
  let text: string;
  if (typeof doc === "string") text = doc;
  else {
    if (doc.description !== undefined && typeof doc.description !== "string") throw new Error("doc comments written as text take string descriptions");
    const tags = (doc.tags ?? []).map((t) => {
      if (t.text !== undefined && typeof t.text !== "string") throw new Error("doc comments written as text take string tag texts");
      return `@${t.tagName}${t.text === undefined || t.text === "" || t.text.startsWith("\n") ? "" : " "}${t.text ?? ""}`;
    });
    const description = doc.description ?? "";
    text = tags.length === 0 ? description : `${description}${description === "" ? "" : "\n"}${tags.join("\n")}`;
  }
  const lines = text.split(/\r?\n/);
  if (lines.length <= 1) return `/** ${lines[0] ?? ""} */`;
  const body = lines.slice(lines[0] === "" ? 1 : 0).map((line) => (line === "" ? " *" : ` * ${line}`));
  return `/**\n${body.join("\n")}\n */`;
}
