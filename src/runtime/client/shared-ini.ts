/**
 * The shared AWS config and credentials files' format, parsed as the AWS SDK for JavaScript v3 parses it
 * (`@smithy/core/config`'s loader, whose results `test/runtime/shared-ini.test.ts` compares with these on random
 * files): our own few lines instead of that module, which bundles to ≈ 11 KB and, loaded from node_modules as
 * CommonJS, costs tens of milliseconds at start-up.
 *
 * - A comment starts at `#` or `;` at the start of a line or after whitespace; lines are trimmed.
 * - `[name]` opens a section; `[<kind> <name>]` (the name optionally quoted) with kind `profile`, `sso-session` or
 *   `services` opens `<kind>.<name>`, any other kind opens nothing (its lines are skipped).
 * - `key = value` sets a value; `key =` with nothing after opens a sub-section whose indented lines set
 *   `key.<sub-key>` (an unindented line closes it).
 * - A section named `__proto__` (or `profile __proto__`) makes the whole file unreadable; the SDK then reads the
 *   file as empty, and so does `readSharedFile`.
 */
import { readFile } from "node:fs/promises";
import type { ParsedIniData } from "@smithy/types";

const SECTION_KINDS: readonly string[] = ["profile", "sso-session", "services"];
const KIND_AND_NAME = /^([\w-]+)\s(["'])?([\w@+.%:/-]+)\2$/;
const COMMENT = /(?:^|\s)[;#]/;
const FORBIDDEN_SECTIONS: readonly string[] = ["__proto__", "profile __proto__"];

/** @internal */
export function parseSharedFile(text: string): ParsedIniData {
  const sections: ParsedIniData = {};
  let section: string | undefined;
  let subSection: string | undefined;
  for (const line of text.split(/\r?\n/)) {
    const commentAt = line.search(COMMENT);
    const content = (commentAt === -1 ? line : line.slice(0, commentAt)).trim();
    if (content.startsWith("[") && content.endsWith("]")) {
      const name = content.slice(1, -1);
      const kindAndName = KIND_AND_NAME.exec(name);
      section = kindAndName === null ? name : SECTION_KINDS.includes(kindAndName[1] as string) ? `${kindAndName[1]}.${kindAndName[3]}` : undefined;
      subSection = undefined;
      if (FORBIDDEN_SECTIONS.includes(name)) throw new Error(`Found invalid profile name "${name}"`);
      continue;
    }
    const equals = content.indexOf("=");
    // (`[]` names the empty section, which the SDK skips like a section it does not know.)
    if (!section || equals <= 0) continue;
    const key = content.slice(0, equals).trim();
    const value = content.slice(equals + 1).trim();
    if (value === "") {
      subSection = key;
      continue;
    }
    if (subSection !== undefined && line.trimStart() === line) subSection = undefined;
    // Own properties only: a section named like an Object.prototype member is a section like any other.
    const values = Object.hasOwn(sections, section) ? (sections[section] as Record<string, string | undefined>) : (sections[section] = {});
    values[subSection === undefined ? key : `${subSection}.${key}`] = value;
  }
  return sections;
}

/**
 * The config file's sections by profile name: `[default]` and `[profile <name>]` (which wins over `[default]`
 * for `default`) by their names, `sso-session.<name>` and `services.<name>` as they are; other sections dropped.
 * @internal
 */
export function configFileProfiles(sections: ParsedIniData): ParsedIniData {
  const profiles: ParsedIniData = {};
  if (sections["default"] !== undefined) profiles["default"] = sections["default"];
  for (const [name, values] of Object.entries(sections)) {
    const dot = name.indexOf(".");
    if (dot === -1 || !SECTION_KINDS.includes(name.slice(0, dot))) continue;
    profiles[name.slice(0, dot) === "profile" ? name.slice(dot + 1) : name] = values;
  }
  return profiles;
}

/** One shared file's sections; a file that is missing or cannot be read or parsed reads as empty, as in the SDK. @internal */
export async function readSharedFile(path: string): Promise<ParsedIniData> {
  try {
    return parseSharedFile(await readFile(path, "utf8"));
  } catch {
    return {};
  }
}
