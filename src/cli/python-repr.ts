/**
 * Renders values the way Python's `repr()` and `type()` print them, because the AWS CLI's parameter
 * validation messages quote values that way (`['b', 'c']`, `<class 'list'>`) and users compare the two tools.
 *
 * @packageDocumentation
 */

/** Python `repr()` of a JSON-like value. @internal */
export function pythonRepr(value: unknown): string {
  if (value === null || value === undefined) return "None";
  if (value === true) return "True";
  if (value === false) return "False";
  if (typeof value === "number") return Number.isInteger(value) ? String(value) : pyFloat(value);
  if (typeof value === "string") return pyString(value);
  if (value instanceof Uint8Array) return `b${pyString(Buffer.from(value).toString("latin1"))}`;
  if (Array.isArray(value)) return `[${value.map(pythonRepr).join(", ")}]`;
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).map(([k, v]) => `${pyString(k)}: ${pythonRepr(v)}`);
    return `{${entries.join(", ")}}`;
  }
  return String(value);
}

/** Python `type()` of a JSON-like value, as `<class '...'>`. @internal */
export function pythonType(value: unknown): string {
  if (value === null || value === undefined) return "<class 'NoneType'>";
  if (typeof value === "boolean") return "<class 'bool'>";
  if (typeof value === "number") return Number.isInteger(value) ? "<class 'int'>" : "<class 'float'>";
  if (typeof value === "string") return "<class 'str'>";
  if (value instanceof Uint8Array) return "<class 'bytes'>";
  if (Array.isArray(value)) return "<class 'list'>";
  return "<class 'dict'>";
}

function pyFloat(value: number): string {
  if (Number.isNaN(value)) return "nan";
  if (!Number.isFinite(value)) return value > 0 ? "inf" : "-inf";
  return String(value);
}

function pyString(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of s) {
    const code = ch.codePointAt(0)!;
    if (ch === "\\") out += "\\\\";
    else if (ch === quote) out += `\\${quote}`;
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, "0")}`;
    else out += ch;
  }
  return out + quote;
}
