/**
 * JSON values written as TypeScript literals, laid out as the formatter would: keys unquoted where they are
 * identifiers, `, ` between items, `{ a: 1 }` with inner spaces, empty `{}` and `[]`.
 */

/** An object literal key: bare when it is an identifier, quoted otherwise. @internal */
export function key(name: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? name : JSON.stringify(name);
}

/**
 * A JSON value as a multi-line literal (one member per line, trailing commas), its lines after the first
 * indented from `indent`.
 * @internal
 */
export function literal(value: unknown, indent: string): string {
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    const inner = indent + "  ";
    return `[\n${value.map((v) => `${inner}${literal(v, inner)},`).join("\n")}\n${indent}]`;
  }
  if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value);
    if (entries.length === 0) return "{}";
    const inner = indent + "  ";
    return `{\n${entries.map(([k, v]) => `${inner}${key(k)}: ${literal(v, inner)},`).join("\n")}\n${indent}}`;
  }
  return JSON.stringify(value) ?? "undefined";
}

/** A JSON value as a one-line literal: `["a", "b"]`, `{ a: 1, "b-c": [] }`. @internal */
export function inlineLiteral(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(inlineLiteral).join(", ")}]`;
  if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value);
    return entries.length === 0 ? "{}" : `{ ${entries.map(([k, v]) => `${key(k)}: ${inlineLiteral(v)}`).join(", ")} }`;
  }
  return JSON.stringify(value) ?? "undefined";
}
