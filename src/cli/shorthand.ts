/**
 * The AWS CLI shorthand syntax, read purely from the text (no schema): `Key=value,Key2=[a,b],Key3={K=v}`.
 *
 * The grammar follows the AWS CLI's own parser so that the same argument means the same thing in both tools:
 * a top-level `key=values` list; values are a scalar, an implicit `a,b,c` list, an explicit `[...]` list or a
 * `{...}` hash; single and double quotes; `\,` escapes a comma in unquoted values; `key@=file://path` loads a
 * value from a file. Typing against the schema (numbers, booleans, scalar → one-element list) happens later,
 * in `shorthand-typing.ts`.
 *
 * @packageDocumentation
 */

/** A parsed shorthand value: strings, lists and string-keyed objects only. @public */
export type ShorthandValue = string | ShorthandValue[] | { [key: string]: ShorthandValue };

/**
 * A shorthand string that does not follow the grammar. The message points at the offending character with a
 * caret under the input, as the AWS CLI does.
 * @public
 */
export class ShorthandSyntaxError extends Error {
  override readonly name = "ShorthandSyntaxError";
  constructor(
    message: string,
    /** The whole input. */
    readonly input: string,
    /** Zero-based offset of the problem. */
    readonly index: number,
  ) {
    super(message);
  }
}

/** Reads `file://` / `fileb://` references found after `@=`; returns undefined when the value is no reference. @public */
export type ParamFileReader = (value: string) => string | undefined;

// Character classes transcribed from the grammar: which characters may start or continue an unquoted value.
// A first value (scalar or first csv item) stops at `,` `]` `}` and quotes; later csv items stop at `=` too.
const START_WORD = "!#-&(-+\\--<>-Z\\\\-z|-\\uffff";
const FIRST_FOLLOW = "\\s!#-&(-+\\--\\\\^-|~-\\uffff";
const SECOND_FOLLOW = "\\s!#-&(-+\\--<>-\\uffff";
const FIRST_VALUE = new RegExp(`(?:\\\\,|[${START_WORD}])(?:\\\\,|[${FIRST_FOLLOW}])*`, "uy");
const SECOND_VALUE = new RegExp(`(?:\\\\,|[${START_WORD}])(?:\\\\,|[${SECOND_FOLLOW}])*`, "uy");
const SINGLE_QUOTED = /'(?:\\'|[^'])*'/uy;
const DOUBLE_QUOTED = /"(?:\\"|[^"])*"/uy;
const KEY_CHAR = /[A-Za-z0-9\-_.#/:]/;
// Between tokens only ASCII whitespace counts (inside values any Unicode space is part of the value).
const WHITESPACE = /[ \t\n\r\v\f]/;

/** Renders `input` with a caret under `index`, keeping multi-line inputs readable. @internal */
export function pointAt(input: string, index: number): string {
  let consumed = input;
  let remaining = "";
  let column = index;
  const before = input.slice(0, index);
  const lastNewline = before.lastIndexOf("\n");
  if (lastNewline >= 0) column = index - lastNewline - 1;
  const nextNewline = input.indexOf("\n", index);
  if (nextNewline >= 0) {
    consumed = input.slice(0, nextNewline);
    remaining = input.slice(nextNewline);
  }
  return `${consumed}\n${" ".repeat(column)}^${remaining}`;
}

class Syntax extends ShorthandSyntaxError {
  constructor(input: string, expected: string, actual: string, index: number) {
    super(`Expected: '${expected}', received: '${actual}' for input:\n${pointAt(input, index)}`, input, index);
  }
}

/**
 * Parses one shorthand string into nested strings, lists and objects.
 * @throws {@link ShorthandSyntaxError} with the position of the problem.
 * @public
 */
export function parseShorthand(input: string, readParamFile?: ParamFileReader): { [key: string]: ShorthandValue } {
  return new Parser(input, readParamFile).parameter();
}

/** Deepest `[`/`{` nesting accepted. */
const MAX_NESTING = 200;

class Parser {
  private i = 0;
  private depth = 0;
  private resolveFiles = false;
  constructor(
    private readonly s: string,
    private readonly readParamFile: ParamFileReader | undefined,
  ) {}

  parameter(): { [key: string]: ShorthandValue } {
    const params: { [key: string]: ShorthandValue } = {};
    let [key, value] = this.keyval();
    setOwn(params, key, value);
    let lastIndex = this.i;
    while (this.i < this.s.length) {
      this.expect(",", true);
      [key, value] = this.keyval();
      if (Object.hasOwn(params, key)) {
        throw new ShorthandSyntaxError(
          `Second instance of key "${key}" encountered for input:\n${pointAt(this.s, lastIndex + 1)}\n` +
            `This is often because there is a preceding "," instead of a space.`,
          this.s,
          lastIndex + 1,
        );
      }
      setOwn(params, key, value);
      lastIndex = this.i;
    }
    return params;
  }

  private keyval(): [string, ShorthandValue] {
    const key = this.key();
    this.atSign();
    this.expect("=", true);
    return [key, this.values()];
  }

  /** An optional `@` before `=` turns on `file://` resolution for that value. */
  private atSign(): void {
    this.resolveFiles = false;
    this.skipWhitespace();
    if (this.s[this.i] === "@") {
      this.i++;
      this.skipWhitespace();
      this.resolveFiles = true;
    }
  }

  private key(): string {
    const start = this.i;
    while (this.i < this.s.length && KEY_CHAR.test(this.s[this.i]!)) this.i++;
    return this.s.slice(start, this.i);
  }

  private values(): ShorthandValue {
    if (this.atEof()) return "";
    const c = this.s[this.i];
    if (c === "[") return this.explicitList();
    if (c === "{") return this.hashLiteral();
    return this.csvValue();
  }

  private csvValue(): ShorthandValue {
    const first = this.firstValue();
    this.skipWhitespace();
    if (this.atEof() || this.s[this.i] !== ",") return first;
    this.expect(",", true);
    const list: ShorthandValue[] = [first];
    for (;;) {
      try {
        const current = this.secondValue();
        this.skipWhitespace();
        if (this.atEof()) {
          list.push(current);
          break;
        }
        this.expect(",", true);
        list.push(current);
      } catch (error) {
        // `a=b,c=d`: what followed the comma was the next key, not a list item; step back to the comma.
        if (!(error instanceof ShorthandSyntaxError) || this.atEof()) throw error;
        while (this.i >= 0 && this.s[this.i] !== ",") this.i--;
        break;
      }
    }
    return list.length === 1 ? first : list;
  }

  private explicitList(): ShorthandValue[] {
    this.expect("[", true);
    const values: ShorthandValue[] = [];
    while (this.current() !== "]") {
      values.push(this.explicitValue());
      this.skipWhitespace();
      if (this.current() !== "]") {
        this.expect(",");
        this.skipWhitespace();
      }
    }
    this.expect("]");
    return values;
  }

  private explicitValue(): ShorthandValue {
    const c = this.current();
    if (c !== "[" && c !== "{") return this.firstValue();
    // Nesting recurses; a limit far beyond any real input turns a would-be stack overflow into a usage error.
    if (++this.depth > MAX_NESTING) {
      throw new ShorthandSyntaxError(
        `Values nest more than ${MAX_NESTING} levels deep:\n${pointAt(this.s, this.i)}`,
        this.s,
        this.i,
      );
    }
    try {
      return c === "[" ? this.explicitList() : this.hashLiteral();
    } finally {
      this.depth--;
    }
  }

  private hashLiteral(): { [key: string]: ShorthandValue } {
    this.expect("{", true);
    const keyvals: { [key: string]: ShorthandValue } = {};
    while (this.current() !== "}") {
      const key = this.key();
      this.atSign();
      this.expect("=", true);
      const value = this.explicitValue();
      this.skipWhitespace();
      if (this.current() !== "}") {
        this.expect(",");
        this.skipWhitespace();
      }
      setOwn(keyvals, key, value);
    }
    this.expect("}");
    return keyvals;
  }

  private firstValue(): string {
    const c = this.current();
    if (c === "'") return this.quoted(SINGLE_QUOTED, "'");
    if (c === '"') return this.quoted(DOUBLE_QUOTED, '"');
    FIRST_VALUE.lastIndex = this.i;
    const match = FIRST_VALUE.exec(this.s);
    if (match === null) return "";
    this.i += match[0].length;
    return this.resolve(unescapeCommas(match[0]).trimEnd());
  }

  private secondValue(): string {
    const c = this.current();
    if (c === "'") return this.quoted(SINGLE_QUOTED, "'");
    if (c === '"') return this.quoted(DOUBLE_QUOTED, '"');
    const consumed = this.mustMatch(SECOND_VALUE, "second");
    return this.resolve(unescapeCommas(consumed).trimEnd());
  }

  private quoted(regex: RegExp, quote: string): string {
    const raw = this.mustMatch(regex, quote === "'" ? "singled quoted" : "double quoted");
    const inner = raw.slice(1, -1).replaceAll(`\\${quote}`, quote).replaceAll("\\\\", "\\");
    return this.resolve(inner);
  }

  private resolve(value: string): string {
    if (!this.resolveFiles || this.readParamFile === undefined) return value;
    return this.readParamFile(value) ?? value;
  }

  private mustMatch(regex: RegExp, name: string): string {
    regex.lastIndex = this.i;
    const match = regex.exec(this.s);
    if (match === null) throw new Syntax(this.s, `<${name}>`, "<none>", this.i);
    this.i += match[0].length;
    return match[0];
  }

  private expect(char: string, skipWhitespace = false): void {
    if (skipWhitespace) this.skipWhitespace();
    if (this.i >= this.s.length) throw new Syntax(this.s, char, "EOF", this.i);
    const actual = this.s[this.i]!;
    if (actual !== char) throw new Syntax(this.s, char, actual, this.i);
    this.i++;
    if (skipWhitespace) this.skipWhitespace();
  }

  private current(): string | undefined {
    return this.s[this.i];
  }

  private atEof(): boolean {
    return this.i >= this.s.length;
  }

  private skipWhitespace(): void {
    while (this.i < this.s.length && WHITESPACE.test(this.s[this.i]!)) this.i++;
  }
}

function unescapeCommas(value: string): string {
  return value.replaceAll("\\,", ",");
}

/** Assigns without ever touching the prototype (a key may be `__proto__`). */
function setOwn(target: { [key: string]: ShorthandValue }, key: string, value: ShorthandValue): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}
