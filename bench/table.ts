/** Plain-text table and number formatting for the bench report. */

export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: readonly string[]): string =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join("  ").trimEnd();
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

export function us(value: number): string {
  return Number.isFinite(value) ? `${value.toFixed(value < 100 ? 1 : 0)} µs` : "—";
}

export function ms(value: number): string {
  return Number.isFinite(value) ? `${value.toFixed(1)} ms` : "—";
}

export function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

export function count(value: number): string {
  return Number.isFinite(value) ? Math.round(value).toLocaleString("en-US") : "—";
}

/** `1.23× (target ≤ 1.15 ✓)`; `higherIsBetter` flips the comparison. */
export function ratio(value: number, target?: number, higherIsBetter = false): string {
  if (!Number.isFinite(value)) return "—";
  const text = `${value.toFixed(2)}×`;
  if (target === undefined) return text;
  const met = higherIsBetter ? value >= target : value <= target;
  return `${text} (target ${higherIsBetter ? "≥" : "≤"} ${target} ${met ? "met" : "MISSED"})`;
}
