/**
 * Renders values the way Python's `repr()` and `type()` print them, because the AWS CLI's parameter
 * validation messages quote values that way (`['b', 'c']`, `<class 'list'>`) and users compare the two tools.
 *
 * @packageDocumentation
 */
import { CliError, ExitCode } from "./errors.js";

/** Objects that came from JSON the AWS CLI reads into `OrderedDict`s (option values). */
const ordered = new WeakSet<object>();

/** Marks an object as one Python would hold as an `OrderedDict`. @internal */
export function markOrdered(value: object): void {
  ordered.add(value);
}

/** Python `str()`: strings as they are, everything else as `repr()`. @internal */
export function pythonStr(value: unknown): string {
  return typeof value === "string" ? value : pythonRepr(value);
}

/** Python `repr()` of a JSON-like value. @internal */
export function pythonRepr(value: unknown): string {
  if (value === null || value === undefined) return "None";
  if (value === true) return "True";
  if (value === false) return "False";
  if (typeof value === "number") return Number.isInteger(value) ? String(value) : pyFloat(value);
  if (typeof value === "string") return pyString(value);
  if (value instanceof Uint8Array) return pyBytes(value);
  if (Array.isArray(value)) return `[${value.map(pythonRepr).join(", ")}]`;
  if (typeof value === "object") {
    const pairs = Object.entries(value as Record<string, unknown>);
    if (ordered.has(value)) return pairs.length === 0 ? "OrderedDict()" : `OrderedDict([${pairs.map(([k, v]) => `(${pyString(k)}, ${pythonRepr(v)})`).join(", ")}])`;
    return `{${pairs.map(([k, v]) => `${pyString(k)}: ${pythonRepr(v)}`).join(", ")}}`;
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
  return ordered.has(value) ? "<class 'collections.OrderedDict'>" : "<class 'dict'>";
}

/** Python's `repr()` of a float: whole numbers keep `.0`. @internal */
export function pythonFloatRepr(value: number): string {
  return Number.isInteger(value) && Math.abs(value) < 1e16 ? `${value}.0` : pyFloat(value);
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

/** Characters matched by Python's `difflib.SequenceMatcher` between `a` and `b` (no junk: short words). */
function matchingCharacters(a: string, b: string): number {
  const positions = new Map<string, number[]>();
  [...b].forEach((ch, j) => positions.set(ch, [...(positions.get(ch) ?? []), j]));
  const as = [...a];
  let total = 0;
  const queue: [number, number, number, number][] = [[0, as.length, 0, [...b].length]];
  while (queue.length > 0) {
    const [alo, ahi, blo, bhi] = queue.pop()!;
    // The longest block, earliest in a then in b, as find_longest_match picks it.
    let besti = alo;
    let bestj = blo;
    let size = 0;
    let lengths = new Map<number, number>();
    for (let i = alo; i < ahi; i++) {
      const next = new Map<number, number>();
      for (const j of positions.get(as[i]!) ?? []) {
        if (j < blo) continue;
        if (j >= bhi) break;
        const k = (lengths.get(j - 1) ?? 0) + 1;
        next.set(j, k);
        if (k > size) [besti, bestj, size] = [i - k + 1, j - k + 1, k];
      }
      lengths = next;
    }
    if (size === 0) continue;
    total += size;
    if (alo < besti && blo < bestj) queue.push([alo, besti, blo, bestj]);
    if (besti + size < ahi && bestj + size < bhi) queue.push([besti + size, ahi, bestj + size, bhi]);
  }
  return total;
}

/**
 * Python's `difflib.get_close_matches(word, choices, n=3, cutoff=0.8)`: the best matches first, ties in
 * reverse order of the text. The AWS CLI uses it to suggest a command for a mistyped one.
 * @internal
 */
export function closeMatches(word: string, choices: readonly string[], n = 3, cutoff = 0.8): string[] {
  const length = [...word].length;
  return choices
    .map((choice) => ({ choice, score: (2 * matchingCharacters(choice, word)) / ([...choice].length + length || 1) }))
    .filter((m) => m.score >= cutoff)
    .sort((x, y) => y.score - x.score || (x.choice < y.choice ? 1 : x.choice > y.choice ? -1 : 0))
    .slice(0, n)
    .map((m) => m.choice);
}

/**
 * Python's `int(text)`: optional sign, digits with single underscores between them, surrounding whitespace.
 * Anything else fails as Python fails, which the AWS CLI reports as is (exit 255).
 * @internal
 */
export function pythonInt(text: string): number {
  const trimmed = text.trim();
  if (!/^[+-]?\d+(_\d+)*$/.test(trimmed)) throw new CliError(`invalid literal for int() with base 10: ${pyString(text)}`, ExitCode.other);
  return Number(trimmed.replaceAll("_", ""));
}

/** Python's `float(text)`, failing with Python's message (exit 255) as the AWS CLI does. @internal */
export function pythonFloat(text: string): number {
  const trimmed = text.trim().replaceAll(/(?<=\d)_(?=\d)/g, "");
  const special = /^([+-]?)(inf|infinity|nan)$/i.exec(trimmed);
  if (special !== null) return special[2]!.toLowerCase() === "nan" ? Number.NaN : special[1] === "-" ? -Infinity : Infinity;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(trimmed)) throw new CliError(`could not convert string to float: ${pyString(text)}`, ExitCode.other);
  return Number(trimmed);
}

/** Python's `repr()` of bytes: printable ASCII as is, the rest as escapes. */
function pyBytes(bytes: Uint8Array): string {
  const hasSingle = bytes.includes(0x27);
  const quote = hasSingle && !bytes.includes(0x22) ? '"' : "'";
  let out = `b${quote}`;
  for (const b of bytes) {
    const ch = String.fromCharCode(b);
    if (ch === "\\" || ch === quote) out += `\\${ch}`;
    else if (b === 0x0a) out += "\\n";
    else if (b === 0x0d) out += "\\r";
    else if (b === 0x09) out += "\\t";
    else if (b < 0x20 || b >= 0x7f) out += `\\x${b.toString(16).padStart(2, "0")}`;
    else out += ch;
  }
  return out + quote;
}

const ERRNO: Readonly<Record<string, readonly [number, string]>> = {
  ENOENT: [2, "No such file or directory"],
  EACCES: [13, "Permission denied"],
  EISDIR: [21, "Is a directory"],
  ENOTDIR: [20, "Not a directory"],
  ELOOP: [40, "Too many levels of symbolic links"],
  ENAMETOOLONG: [36, "File name too long"],
};

/** Python's text for an `OSError` on `path`: `[Errno 2] No such file or directory: '/x'`. @internal */
export function pythonOsError(error: NodeJS.ErrnoException, path: string): string {
  const known = ERRNO[error.code ?? ""];
  if (known === undefined) return `${error.code ?? "error"}: ${pyString(path)}`;
  return `[Errno ${known[0]}] ${known[1]}: ${pyString(path)}`;
}
