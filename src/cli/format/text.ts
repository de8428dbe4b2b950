/**
 * `--output text`: tab-separated lines, scalar keys sorted by name, nested structures and lists on lines of
 * their own prefixed by the upper-cased key, as the AWS CLI prints them.
 *
 * @packageDocumentation
 */
import { isRecord, pyStr } from "./py-str.js";

/**
 * Renders a (queried) response as the AWS CLI's text output.
 * @public
 */
export function formatText(data: unknown): string {
  const out: string[] = [];
  formatItem(data, out, undefined, undefined);
  return out.join("");
}

function formatItem(item: unknown, out: string[], identifier: string | undefined, scalarKeys: string[] | undefined): void {
  if (isRecord(item)) formatDict(item, out, identifier, scalarKeys);
  else if (Array.isArray(item)) formatList(item, out, identifier);
  else out.push(`${pyStr(item)}\n`);
}

function formatList(items: unknown[], out: string[], identifier: string | undefined): void {
  if (items.length === 0) return;
  if (items.some(isRecord)) {
    const keys = allScalarKeys(items);
    for (const element of items) formatItem(element, out, identifier, keys);
  } else if (items.some(Array.isArray)) {
    const scalars = items.filter((e) => !isRecord(e) && !Array.isArray(e));
    const nested = items.filter((e) => isRecord(e) || Array.isArray(e));
    if (scalars.length > 0) formatScalarList(scalars, out, identifier);
    for (const element of nested) formatItem(element, out, identifier, undefined);
  } else {
    formatScalarList(items, out, identifier);
  }
}

function formatScalarList(items: unknown[], out: string[], identifier: string | undefined): void {
  if (identifier !== undefined) {
    for (const item of items) out.push(`${identifier.toUpperCase()}\t${pyStr(item)}\n`);
  } else {
    out.push(`${items.map(pyStr).join("\t")}\n`);
  }
}

function formatDict(
  item: Record<string, unknown>,
  out: string[],
  identifier: string | undefined,
  scalarKeys: string[] | undefined,
): void {
  const scalars: string[] = [];
  const nested: [string, unknown][] = [];
  if (scalarKeys === undefined) {
    for (const key of Object.keys(item).sort(compareCodePoints)) {
      const value = item[key];
      if (isRecord(value) || Array.isArray(value)) nested.push([key, value]);
      else scalars.push(pyStr(value));
    }
  } else {
    for (const key of scalarKeys) scalars.push(Object.hasOwn(item, key) ? pyStr(item[key]) : "");
    for (const key of Object.keys(item).filter((k) => !scalarKeys.includes(k)).sort(compareCodePoints)) {
      nested.push([key, item[key]]);
    }
  }
  if (scalars.length > 0) {
    if (identifier !== undefined) scalars.unshift(identifier.toUpperCase());
    out.push(`${scalars.join("\t")}\n`);
  }
  for (const [key, value] of nested) formatItem(value, out, key, undefined);
}

function allScalarKeys(items: unknown[]): string[] {
  const keys = new Set<string>();
  for (const item of items) {
    if (!isRecord(item)) continue;
    for (const [key, value] of Object.entries(item)) {
      if (!isRecord(value) && !Array.isArray(value)) keys.add(key);
    }
  }
  return [...keys].sort(compareCodePoints);
}

/** Python sorts strings by code point; JavaScript's default sort compares UTF-16 units. @internal */
export function compareCodePoints(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = x[i]!.codePointAt(0)! - y[i]!.codePointAt(0)!;
    if (d !== 0) return d;
  }
  return x.length - y.length;
}
