/**
 * Turns IR documentation into TSDoc text: escapes what TSDoc would read as markup and adds tags.
 */
import type { JSDocStructure, OptionalKind } from "ts-morph";

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
