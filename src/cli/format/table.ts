/**
 * `--output table`: the AWS CLI's boxed table, titled with the operation name, one section per nested
 * structure or list (indented with `|`), columns scaled to the widest section, keys sorted by name. Wider than
 * the terminal, single-row sections turn vertical, as in the AWS CLI.
 *
 * @packageDocumentation
 */
import { isRecord, isScalar, pyStr } from "./py-str.js";
import { compareCodePoints } from "./text.js";
import { textLength } from "./text-width.js";

/** Colour codes for `--color on`. @internal */
export interface TableStyle {
  readonly row: (text: string) => string;
  readonly indent: (text: string) => string;
}

const PLAIN: TableStyle = { row: (t) => t, indent: (t) => t };
const COLOURED: TableStyle = {
  row: (t) => `\u001b[1m\u001b[34m${t}\u001b[0m`,
  indent: (t) => `\u001b[2m\u001b[33m${t}\u001b[0m`,
};

/** @public */
export interface TableOptions {
  /** Terminal width; 80 when stdout is not a terminal. */
  readonly width: number;
  readonly color: boolean;
}

class Section {
  title = "";
  headers: string[] = [];
  rows: string[][] = [];
  indentLevel = 0;
  private columns: number | undefined;
  maxWidths: number[] = [];

  addHeader(headers: string[]): void {
    this.updateWidths(headers);
    this.columns ??= headers.length;
    this.headers = headers;
  }

  addRow(row: unknown[]): void {
    this.columns ??= row.length;
    const cells = row.map(pyStr);
    this.rows.push(cells);
    this.updateWidths(cells);
  }

  private updateWidths(cells: string[]): void {
    if (this.maxWidths.length === 0) this.maxWidths = cells.map(textLength);
    else cells.forEach((c, i) => (this.maxWidths[i] = Math.max(textLength(c), this.maxWidths[i] ?? 0)));
  }

  columnWidths(padding = 0, maxWidth?: number): number[] {
    const unscaled = this.maxWidths.map((w) => w + padding);
    if (maxWidth === undefined || unscaled.length === 0) return unscaled;
    const factor = maxWidth / unscaled.reduce((a, b) => a + b, 0);
    const scaled = unscaled.map((w) => roundHalfEven(factor * w));
    let offBy = scaled.reduce((a, b) => a + b, 0) - maxWidth;
    while (offBy !== 0) {
      const order = [...scaled.keys()];
      if (offBy < 0) order.reverse();
      for (const i of order) {
        if (offBy > 0) {
          scaled[i]!--;
          offBy--;
        } else {
          scaled[i]!++;
          offBy++;
        }
        if (offBy === 0) break;
      }
    }
    return scaled;
  }

  totalWidth(padding: number, outerPadding: number): number {
    const border = 2;
    let total = this.columnWidths().reduce((a, w) => a + w + padding, 0) + border + 2 * outerPadding;
    total = Math.max(textLength(this.title) + border + 2 * outerPadding, total);
    return total;
  }
}

/** Python's `round()`: halves go to the even neighbour. */
function roundHalfEven(x: number): number {
  const floor = Math.floor(x);
  const diff = x - floor;
  if (diff > 0.5) return floor + 1;
  if (diff < 0.5) return floor;
  return floor % 2 === 0 ? floor : floor + 1;
}

function centerText(text: string, length: number, leftEdge = "|", textLen = textLength(text)): string {
  const start = Math.floor(length / 2) - Math.floor(textLen / 2) - 1;
  const soFar = leftEdge.length + start + textLen;
  return `${leftEdge}${" ".repeat(Math.max(0, start))}${text}${" ".repeat(Math.max(0, length - 1 - soFar))}|`;
}

function alignLeft(text: string, length: number, leftEdge: string, textLen: number): string {
  const padding = length - (textLen + 2 + leftEdge.length + 1) >= 0 ? 2 : 0;
  const soFar = leftEdge.length + padding + textLen;
  return `${leftEdge}${" ".repeat(padding)}${text}${" ".repeat(Math.max(0, length - soFar - 1))}|`;
}

class TableBuilder {
  readonly sections: Section[] = [];
  private current: Section | undefined;

  newSection(title: string, indentLevel = 0): void {
    this.current = new Section();
    this.current.title = title;
    this.current.indentLevel = indentLevel;
    this.sections.push(this.current);
  }

  addHeader(headers: string[]): void {
    this.current!.addHeader(headers);
  }

  addRow(row: unknown[]): void {
    this.current!.addRow(row);
  }

  build(title: string | undefined, value: unknown, indentLevel = 0): boolean {
    if (isEmpty(value)) return false;
    if (title !== undefined) this.newSection(title, indentLevel);
    if (Array.isArray(value)) {
      if (isRecord(value[0])) {
        this.fromList(value as Record<string, unknown>[], indentLevel, title ?? "");
      } else {
        for (const item of value) {
          if (isScalar(item)) this.addRow([item]);
          else if (Array.isArray(item) && item.every(isScalar)) this.addRow(item);
          else this.build(undefined, item);
        }
      }
    }
    if (isRecord(value)) this.fromDict(value, indentLevel);
    return true;
  }

  private fromDict(value: Record<string, unknown>, indentLevel: number): void {
    const [headers, more] = groupScalarKeys(value);
    if (headers.length === 1) this.addRow([headers[0], value[headers[0]!]]);
    else if (headers.length > 0) {
      this.addHeader(headers);
      this.addRow(headers.map((k) => value[k]));
    }
    for (const key of more) this.build(key, value[key], indentLevel + 1);
  }

  private fromList(items: Record<string, unknown>[], indentLevel: number, title: string): void {
    const headerSet = new Set<string>();
    const moreSet = new Set<string>();
    for (const item of items) {
      if (!isRecord(item)) continue;
      const [h, m] = groupScalarKeys(item);
      h.forEach((k) => headerSet.add(k));
      m.forEach((k) => moreSet.add(k));
    }
    const headers = [...headerSet].sort(compareCodePoints);
    const more = [...moreSet].sort(compareCodePoints);
    this.addHeader(headers);
    let first = true;
    for (const element of items) {
      if (!first && more.length > 0) {
        this.newSection(title, indentLevel);
        this.addHeader(headers);
      }
      first = false;
      const record = isRecord(element) ? element : {};
      this.addRow(headers.map((h) => (Object.hasOwn(record, h) ? record[h] : "")));
      for (const key of more) {
        if (Object.hasOwn(record, key)) this.build(key, record[key], indentLevel + 1);
      }
    }
  }
}

/** Python truthiness for the values a response holds. */
function isEmpty(value: unknown): boolean {
  if (value === null || value === undefined || value === false || value === 0 || value === "") return true;
  if (Array.isArray(value)) return value.length === 0;
  if (isRecord(value)) return Object.keys(value).length === 0;
  return false;
}

function groupScalarKeys(value: Record<string, unknown>): [string[], string[]] {
  const headers: string[] = [];
  const more: string[] = [];
  for (const [key, item] of Object.entries(value)) (isScalar(item) ? headers : more).push(key);
  return [headers.sort(compareCodePoints), more.sort(compareCodePoints)];
}

/**
 * Renders a (queried) response as the AWS CLI's table output; empty string when there is nothing to show.
 * @public
 */
export function formatTable(title: string, data: unknown, options: TableOptions): string {
  const builder = new TableBuilder();
  if (!builder.build(title, data)) return "";
  const style = options.color ? COLOURED : PLAIN;
  let sections = builder.sections;
  let maxWidth = widest(sections);
  if (maxWidth > options.width) {
    sections = sections.map(toVertical);
    maxWidth = widest(sections);
  }
  const out: string[] = [`${"-".repeat(maxWidth)}\n`];
  for (const section of sections) renderSection(section, maxWidth, out, style);
  return out.join("");
}

function widest(sections: Section[]): number {
  return Math.max(...sections.map((s) => s.totalWidth(4, s.indentLevel)));
}

function toVertical(section: Section): Section {
  if (section.rows.length !== 1 || section.headers.length === 0) return section;
  const vertical = new Section();
  vertical.title = section.title;
  vertical.indentLevel = section.indentLevel;
  section.headers.forEach((h, i) => vertical.addRow([h, section.rows[0]![i]]));
  return vertical;
}

function renderSection(section: Section, fullWidth: number, out: string[], style: TableStyle): void {
  const level = section.indentLevel;
  const edge = style.indent("|").repeat(level);
  const write = (line: string): void => {
    out.push(`${edge}${line}${edge}\n`);
  };
  const maxWidth = fullWidth - level * 2;
  if (section.title !== "") {
    write(centerText(section.title, maxWidth));
    if (section.headers.length === 0 && section.rows.length === 0) write(`+${"-".repeat(maxWidth - 2)}+`);
  }
  if (section.headers.length > 0) {
    const widths = section.columnWidths(4, maxWidth);
    write(lineBreak(widths));
    write(
      section.headers
        .map((h, i) => centerText(h, widths[i]!, i === 0 ? "|" : ""))
        .join(""),
    );
  }
  if (section.rows.length === 0) return;
  const widths = section.columnWidths(4, maxWidth);
  if (widths.length === 0) return;
  write(lineBreak(widths));
  for (const row of section.rows) {
    write(
      widths
        .map((w, i) => {
          const cell = row[i] ?? "";
          return alignLeft(style.row(cell), w, i === 0 ? "|" : "", textLength(cell));
        })
        .join(""),
    );
  }
  write(lineBreak(widths));
}

function lineBreak(widths: number[]): string {
  return widths.map((w, i) => (i === 0 ? `+${"-".repeat(w - 2)}+` : `${"-".repeat(w - 1)}+`)).join("");
}
