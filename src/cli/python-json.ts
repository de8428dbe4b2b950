/**
 * JSON read as Python's `json.loads` reads it, because the AWS CLI quotes Python's error messages
 * (`Expecting value: line 1 column 17 (char 16)`) and, for option values, keeps objects as `OrderedDict`s, which
 * its validation messages then print. Accepts what Python accepts (`NaN`, `Infinity`; the last of duplicate
 * keys wins) and counts positions in code points, as Python does.
 *
 * @packageDocumentation
 */
import { markOrdered } from "./python-repr.js";
import type { InputValue } from "./param-values.js";

/** A syntax error with Python's message (`Expecting ',' delimiter: line 1 column 9 (char 8)`). @internal */
export class PythonJsonError extends Error {
  override readonly name = "PythonJsonError";
}

const WHITESPACE = new Set([" ", "\t", "\n", "\r"]);
const ESCAPES: Readonly<Record<string, string>> = { '"': '"', "\\": "\\", "/": "/", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t" };
const NUMBER = /^-?(?:0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?/;

/**
 * Parses `text`; objects are marked as `OrderedDict`s when `ordered` (the AWS CLI's
 * `object_pairs_hook=OrderedDict`).
 * @internal
 */
export function parsePythonJson(text: string, ordered: boolean): InputValue {
  const chars = Array.from(text);
  let pos = 0;

  const fail = (message: string, at: number): never => {
    const before = chars.slice(0, at);
    const line = before.filter((c) => c === "\n").length + 1;
    const lastNewline = before.lastIndexOf("\n");
    const column = lastNewline < 0 ? at + 1 : at - lastNewline;
    throw new PythonJsonError(`${message}: line ${line} column ${column} (char ${at})`);
  };
  const skip = (): void => {
    while (pos < chars.length && WHITESPACE.has(chars[pos]!)) pos++;
  };
  const rest = (): string => chars.slice(pos, pos + 400).join("");

  const string = (): string => {
    const start = pos;
    pos++;
    let out = "";
    for (;;) {
      if (pos >= chars.length) return fail("Unterminated string starting at", start);
      const c = chars[pos]!;
      if (c === '"') {
        pos++;
        return out;
      }
      if (c === "\\") {
        const e = chars[pos + 1];
        if (e === undefined) return fail("Unterminated string starting at", start);
        if (e === "u") {
          const hex = chars.slice(pos + 2, pos + 6).join("");
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) return fail("Invalid \\uXXXX escape", pos + 1);
          let code = Number.parseInt(hex, 16);
          pos += 6;
          // A surrogate pair written as two escapes is one character.
          if (code >= 0xd800 && code <= 0xdbff && chars[pos] === "\\" && chars[pos + 1] === "u") {
            const low = chars.slice(pos + 2, pos + 6).join("");
            if (/^[0-9a-fA-F]{4}$/.test(low) && Number.parseInt(low, 16) >= 0xdc00 && Number.parseInt(low, 16) <= 0xdfff) {
              code = 0x10000 + ((code - 0xd800) << 10) + (Number.parseInt(low, 16) - 0xdc00);
              pos += 6;
            }
          }
          out += String.fromCodePoint(code);
          continue;
        }
        const plain = ESCAPES[e];
        if (plain === undefined) return fail("Invalid \\escape", pos);
        out += plain;
        pos += 2;
        continue;
      }
      if (c.codePointAt(0)! < 0x20) return fail("Invalid control character at", pos);
      out += c;
      pos++;
    }
  };

  const value = (): InputValue => {
    const c = chars[pos];
    if (c === '"') return string();
    if (c === "{") return object();
    if (c === "[") return array();
    const ahead = rest();
    for (const [word, v] of [["null", null], ["true", true], ["false", false], ["NaN", Number.NaN], ["Infinity", Infinity], ["-Infinity", -Infinity]] as const) {
      if (ahead.startsWith(word)) {
        pos += word.length;
        return v;
      }
    }
    const number = NUMBER.exec(ahead);
    if (number === null) return fail("Expecting value", pos);
    pos += number[0].length;
    return Number(number[0]);
  };

  const object = (): InputValue => {
    pos++;
    const out: { [key: string]: InputValue } = {};
    if (ordered) markOrdered(out);
    skip();
    if (chars[pos] === "}") {
      pos++;
      return out;
    }
    for (;;) {
      if (chars[pos] !== '"') return fail("Expecting property name enclosed in double quotes", pos);
      const key = string();
      skip();
      if (chars[pos] !== ":") return fail("Expecting ':' delimiter", pos);
      pos++;
      skip();
      Object.defineProperty(out, key, { value: value(), enumerable: true, writable: true, configurable: true });
      skip();
      if (chars[pos] === "}") {
        pos++;
        return out;
      }
      if (chars[pos] !== ",") return fail("Expecting ',' delimiter", pos);
      pos++;
      skip();
    }
  };

  const array = (): InputValue => {
    pos++;
    const out: InputValue[] = [];
    skip();
    if (chars[pos] === "]") {
      pos++;
      return out;
    }
    for (;;) {
      skip();
      out.push(value());
      skip();
      if (chars[pos] === "]") {
        pos++;
        return out;
      }
      if (chars[pos] !== ",") return fail("Expecting ',' delimiter", pos);
      pos++;
    }
  };

  skip();
  const result = value();
  skip();
  if (pos < chars.length) fail("Extra data", pos);
  return result;
}
