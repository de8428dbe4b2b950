/**
 * Translates a model's `@pattern` into an equivalent JavaScript regular expression. Smithy says patterns are
 * ECMA 262, but AWS models are written for (and checked by) Java's `java.util.regex`: `\p{Graph}`, `\x{22}`,
 * `\Q…\E`, possessive quantifiers, atomic groups, `(?s)`, escapes JavaScript's `u` mode refuses. Each construct
 * is rewritten to what Java means by it; a pattern that cannot be rewritten exactly is reported as such, so
 * the validator skips that one check instead of rejecting values the service accepts.
 */

/** A pattern ready for `new RegExp(source, flags)` (flags always include `u`). @internal */
export interface JsPattern {
  readonly source: string;
  readonly flags: string;
}

/** Java's POSIX classes (US-ASCII, as `java.util.regex` defines them without UNICODE_CHARACTER_CLASS), as class contents. */
const POSIX: Readonly<Record<string, string>> = {
  Lower: "a-z",
  Upper: "A-Z",
  ASCII: "\\x00-\\x7F",
  Alpha: "a-zA-Z",
  Digit: "0-9",
  Alnum: "a-zA-Z0-9",
  Punct: "!-\\/:-@\\[-`{-~",
  Graph: "!-~",
  Print: " -~",
  Blank: " \\t",
  Cntrl: "\\x00-\\x1F\\x7F",
  XDigit: "0-9a-fA-F",
  Space: " \\t\\n\\x0B\\f\\r",
};

/** Java's `\s`, `\h`, `\v` and line terminators, as class contents. */
const JAVA_SPACE = " \\t\\n\\x0B\\f\\r";
const JAVA_HSPACE = " \\t\\xA0\\u1680\\u180E\\u2000-\\u200A\\u202F\\u205F\\u3000";
const JAVA_VSPACE = "\\n\\x0B\\f\\r\\x85\\u2028\\u2029";
/** What JavaScript's `\s` matches beyond Java's (Unicode spaces, ZWNBSP, LS, PS), as class contents. */
const JS_ONLY_SPACE = "\\u00A0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000\\uFEFF";
const LINE_TERMINATORS = "\\n\\r\\u0085\\u2028\\u2029";

/** Characters JavaScript's `u` mode lets (and sometimes makes) you escape. */
const JS_SYNTAX = new Set([..."^$\\.*+?()[]{}|/"]);

/** Unicode scripts and binary properties JavaScript knows by the names Java's `\p{IsX}` uses. */
const BINARY_PROPERTIES = new Set(["Alphabetic", "Ideographic", "Letter", "Lowercase", "Uppercase", "White_Space", "WhiteSpace", "Emoji", "Hex_Digit", "Noncharacter_Code_Point", "Assigned", "Control", "Digit", "Punctuation"]);

class Untranslatable extends Error {}
/** Not a regular expression in Java either (Smithy refuses such a model). */
class InvalidPattern extends Error {}

/**
 * The JavaScript form of a Java-flavoured pattern; or why it has none that means exactly the same; or why it is
 * no regular expression at all.
 * @internal
 */
export function translatePattern(pattern: string): JsPattern | { readonly untranslatable: string } | { readonly invalid: string } {
  try {
    const { source, flags } = new Translator(pattern).run();
    const full = `u${flags}`;
    try {
      new RegExp(source, full);
    } catch (error) {
      return { untranslatable: `JavaScript cannot compile it (${(error as Error).message})` };
    }
    return { source, flags: full };
  } catch (error) {
    if (error instanceof Untranslatable) return { untranslatable: error.message };
    if (error instanceof InvalidPattern) return { invalid: error.message };
    throw error;
  }
}

class Translator {
  private i = 0;
  private out = "";
  private flags = "";
  /** Groups added for atomic groups and possessive quantifiers (they shift numbered back-references). */
  private addedGroups = 0;
  private dotAll = false;

  constructor(private readonly p: string) {}

  run(): { source: string; flags: string } {
    this.leadingFlags();
    while (this.i < this.p.length) this.atom();
    if (this.addedGroups > 0 && /\\[1-9]/.test(this.p)) throw new Untranslatable("it mixes back-references with possessive or atomic forms");
    return { source: this.out, flags: this.flags };
  }

  /** `(?s)`, `(?i)`, `(?m)` at the very start become flags; anywhere else they cannot be expressed. */
  private leadingFlags(): void {
    const match = /^\(\?([a-zA-Z]+)\)/.exec(this.p);
    if (match === null) return;
    for (const flag of match[1]!) {
      if (flag === "s") this.dotAll = true;
      else if (flag === "i" || flag === "m") {
        if (!this.flags.includes(flag)) this.flags += flag;
      } else throw new Untranslatable(`the inline flag (?${flag}) has no JavaScript equivalent`);
    }
    if (this.dotAll) this.flags += "s";
    this.i = match[0].length;
  }

  private peek(offset = 0): string {
    return this.p[this.i + offset] ?? "";
  }

  private atom(): void {
    const c = this.peek();
    const start = this.out.length;
    switch (c) {
      case "\\":
        this.out += this.escape(false);
        break;
      case "[":
        this.out += this.characterClass();
        break;
      case "(":
        this.group();
        return;
      case ")":
        throw new InvalidPattern("an unmatched `)`");
      case ".":
        this.i++;
        // JavaScript's `.` also excludes line terminators (all but U+0085, which it lets through: never stricter).
        this.out += ".";
        break;
      case "^":
      case "$":
        this.i++;
        // Java lets an anchor be quantified (`$?`); JavaScript only a group holding it.
        this.out += /^[?*+{]/.test(this.peek()) ? `(?:${c})` : c;
        break;
      case "]":
      case "}":
        // Literal in Java when unbalanced; JavaScript's `u` mode needs them escaped.
        this.i++;
        this.out += `\\${c}`;
        break;
      case "{":
        throw new InvalidPattern("a `{` that starts no quantifier");
      default:
        this.i++;
        this.out += c;
    }
    this.quantifier(start);
  }

  /** A quantifier after the atom written from `start`; a possessive one becomes an atomic group. */
  private quantifier(start: number): void {
    const match = /^(?:[*+?]|\{\d+(?:,\d*)?\})/.exec(this.p.slice(this.i));
    if (match === null) return;
    this.i += match[0].length;
    let quantifier = match[0];
    if (this.peek() === "?") {
      this.i++;
      quantifier += "?";
    } else if (this.peek() === "+") {
      this.i++;
      const atom = this.out.slice(start);
      this.out = this.out.slice(0, start) + this.atomic(`${atom}${quantifier}`);
      return;
    }
    this.out += quantifier;
  }

  /** `(?>X)` in JavaScript: a lookahead captures what X matches, a back-reference then consumes exactly that. */
  private atomic(inner: string): string {
    this.addedGroups++;
    const name = `atomic${this.addedGroups}`;
    return `(?=(?<${name}>${inner}))\\k<${name}>`;
  }

  private group(): void {
    const rest = this.p.slice(this.i);
    const start = this.out.length;
    let head: string;
    if (rest.startsWith("(?>")) {
      this.i += 3;
      const inner = this.until(")");
      this.out = this.out.slice(0, start) + this.atomic(inner);
      this.quantifier(start);
      return;
    }
    if (/^\(\?(?:[:=!]|<[=!])/.test(rest)) head = rest.startsWith("(?<") ? rest.slice(0, 4) : rest.slice(0, 3);
    else if (/^\(\?<[A-Za-z][A-Za-z0-9]*>/.test(rest)) head = /^\(\?<[A-Za-z][A-Za-z0-9]*>/.exec(rest)![0];
    else if (rest.startsWith("(?")) throw new Untranslatable("an inline flag group (`(?flags:…)` or `(?flags)` inside the pattern) has no JavaScript equivalent");
    else head = "(";
    this.i += head.length;
    const inner = this.until(")");
    this.out += `${head}${inner})`;
    this.quantifier(start);
  }

  /** Translates atoms up to the matching `close`, consuming it; returns their JavaScript text. */
  private until(close: string): string {
    const saved = this.out;
    this.out = "";
    while (this.i < this.p.length && this.peek() !== close) this.atom();
    if (this.peek() !== close) throw new InvalidPattern("an unclosed group");
    this.i++;
    const inner = this.out;
    this.out = saved;
    return inner;
  }

  /** `[…]` with Java's nested classes flattened; `&&` intersections cannot be expressed. */
  private characterClass(): string {
    this.i++;
    let negated = false;
    if (this.peek() === "^") {
      negated = true;
      this.i++;
    }
    const body = this.classBody(true);
    return `[${negated ? "^" : ""}${body}]`;
  }

  private classBody(first: boolean): string {
    let body = "";
    // `]` right after `[` or `[^` is a literal in Java.
    if (first && this.peek() === "]") {
      body += "\\]";
      this.i++;
    }
    while (this.i < this.p.length && this.peek() !== "]") {
      const c = this.peek();
      if (c === "[") {
        // A nested class is a union in Java: its members join the outer class.
        this.i++;
        if (this.peek() === "^") throw new Untranslatable("a negated class nested in a class");
        body += this.classBody(true);
        continue;
      }
      if (c === "&" && this.peek(1) === "&") throw new Untranslatable("a class intersection (`&&`)");
      if (c === "\\") {
        body += this.escape(true);
        continue;
      }
      this.i++;
      body += c;
    }
    if (this.peek() !== "]") throw new InvalidPattern("an unclosed character class");
    this.i++;
    return body;
  }

  /** An escape at `this.i` (a backslash); `inClass` gives class contents instead of a complete atom. */
  private escape(inClass: boolean): string {
    const next = this.peek(1);
    this.i += 2;
    const set = (contents: string, negated: boolean): string => {
      if (!inClass) return `[${negated ? "^" : ""}${contents}]`;
      if (negated) throw new Untranslatable(`a negated class escape (\\${next}) inside a class`);
      return contents;
    };
    switch (next) {
      case "p":
      case "P":
        return this.property(next === "P", inClass);
      case "x": {
        if (this.peek() === "{") {
          const end = this.p.indexOf("}", this.i);
          const hex = this.p.slice(this.i + 1, end);
          if (end < 0 || !/^[0-9a-fA-F]{1,6}$/.test(hex)) throw new InvalidPattern("a malformed \\x{…} escape");
          this.i = end + 1;
          return `\\u{${hex}}`;
        }
        const hex = this.p.slice(this.i, this.i + 2);
        if (!/^[0-9a-fA-F]{2}$/.test(hex)) throw new InvalidPattern("a malformed \\x escape");
        this.i += 2;
        return `\\x${hex}`;
      }
      case "u": {
        const hex = this.p.slice(this.i, this.i + 4);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw new InvalidPattern("a malformed \\u escape");
        this.i += 4;
        return `\\u${hex}`;
      }
      case "0": {
        const octal = /^[0-7]{1,3}/.exec(this.p.slice(this.i))?.[0];
        if (octal === undefined) throw new InvalidPattern("a malformed octal escape");
        this.i += octal.length;
        return `\\u{${parseInt(octal, 8).toString(16)}}`;
      }
      case "Q": {
        const end = this.p.indexOf("\\E", this.i);
        const literal = this.p.slice(this.i, end < 0 ? undefined : end);
        this.i = end < 0 ? this.p.length : end + 2;
        const escaped = [...literal].map((ch) => (JS_SYNTAX.has(ch) || ch === "-" ? `\\${ch}` : ch)).join("");
        // As an atom, the quoted text is one unit for a following quantifier.
        return inClass ? escaped : `(?:${escaped})`;
      }
      case "s":
        return set(JAVA_SPACE, false);
      case "S":
        // JavaScript's \S leaves out the Unicode spaces Java's \S includes: add them back (exact, also in a class).
        return inClass ? `\\S${JS_ONLY_SPACE}` : `[\\S${JS_ONLY_SPACE}]`;
      case "h":
      case "H":
        return set(JAVA_HSPACE, next === "H");
      case "v":
      case "V":
        return set(JAVA_VSPACE, next === "V");
      case "e":
        return "\\x1B";
      case "a":
        return "\\x07";
      case "A":
        if (inClass) throw new Untranslatable("\\A inside a class");
        return "^";
      case "z":
        if (inClass) throw new Untranslatable("\\z inside a class");
        return "$";
      case "Z":
        if (inClass) throw new Untranslatable("\\Z inside a class");
        return `(?=(?:\\r\\n|[${LINE_TERMINATORS}])?$)`;
      case "R":
        if (inClass) throw new Untranslatable("\\R inside a class");
        return `(?:\\r\\n|[${JAVA_VSPACE}])`;
      case "G":
      case "X":
      case "N":
        throw new Untranslatable(`\\${next} has no JavaScript equivalent`);
      case "d":
      case "D":
      case "w":
      case "W":
      case "t":
      case "n":
      case "r":
      case "f":
      case "b":
      case "B":
      case "c":
        // The same in both (ASCII \d and \w; \b is a backspace inside a class in both).
        if (next === "c") {
          const letter = this.peek();
          this.i++;
          return `\\c${letter}`;
        }
        if ((next === "b" || next === "B") && inClass) throw new Untranslatable(`\\${next} inside a class`);
        return `\\${next}`;
      case "k":
        return this.namedReference();
      default:
        if (/[1-9]/.test(next)) return `\\${next}`;
        if (/[A-Za-z]/.test(next)) throw new Untranslatable(`the escape \\${next} is not one Java and JavaScript share`);
        // Java lets any other character be escaped; JavaScript's `u` mode only its syntax characters (and `-` in a class).
        return JS_SYNTAX.has(next) || (inClass && next === "-") ? `\\${next}` : next;
    }
  }

  private namedReference(): string {
    const match = /^<([A-Za-z][A-Za-z0-9]*)>/.exec(this.p.slice(this.i));
    if (match === null) throw new InvalidPattern("a malformed \\k<name> reference");
    this.i += match[0].length;
    return `\\k<${match[1]}>`;
  }

  /** `\p{…}` / `\P{…}` / `\pL`: POSIX classes become ASCII ranges, Unicode categories and scripts stay. */
  private property(negated: boolean, inClass: boolean): string {
    let name: string;
    if (this.peek() === "{") {
      const end = this.p.indexOf("}", this.i);
      if (end < 0) throw new InvalidPattern("an unclosed \\p{…}");
      name = this.p.slice(this.i + 1, end);
      this.i = end + 1;
    } else {
      name = this.peek();
      this.i++;
    }
    const posix = POSIX[name] ?? (name.startsWith("Is") ? POSIX[name.slice(2)] : undefined);
    if (posix !== undefined) {
      if (!inClass) return `[${negated ? "^" : ""}${posix}]`;
      if (negated) throw new Untranslatable(`\\P{${name}} inside a class`);
      return posix;
    }
    const js = unicodeProperty(name);
    if (js === undefined) throw new Untranslatable(`the property \\p{${name}} has no JavaScript equivalent`);
    return `\\${negated ? "P" : "p"}{${js}}`;
  }
}

/** Java's Unicode property names as JavaScript's `u` mode spells them, or undefined. */
function unicodeProperty(name: string): string | undefined {
  const bare = name.startsWith("Is") ? name.slice(2) : name;
  if (/^(?:L[ultmo]?|M[nce]?|N[dlo]?|P[cdseifo]?|S[mcko]?|Z[slp]?|C[cfsno]?)$/.test(bare)) return bare;
  if (name.startsWith("general_category=") || name.startsWith("gc=")) return name;
  if (name.startsWith("script=") || name.startsWith("sc=")) return `Script=${name.slice(name.indexOf("=") + 1)}`;
  if (BINARY_PROPERTIES.has(bare)) return bare === "WhiteSpace" ? "White_Space" : bare;
  if (name.startsWith("Is") && /^[A-Z][a-z]+(?:_[A-Z][a-z]+)*$/.test(bare)) {
    // `\p{IsLatin}`: a script, when JavaScript knows it.
    try {
      new RegExp(`\\p{Script=${bare}}`, "u");
      return `Script=${bare}`;
    } catch {
      return undefined;
    }
  }
  return undefined;
}
