/**
 * The syntax check of Python's `jmespath` (the AWS CLI's), for its error messages: the AWS CLI prints
 * `Bad value for --query <expr>: <Python's message>` with the caret lines, e.g.
 * `Invalid jmespath expression: Incomplete expression:\n"foo."\n     ^`. Only the grammar is followed here (no
 * tree is built); evaluation stays with the `jmespath` package.
 *
 * @packageDocumentation
 */
import { parsePythonJson, PythonJsonError } from "./python-json.js";
import { pythonRepr, pythonStr } from "./python-repr.js";

interface Token {
  readonly type: string;
  readonly value: string;
  readonly start: number;
}

/** A syntax error worded as Python's jmespath words it. @internal */
export class JmespathSyntaxError extends Error {
  override readonly name = "JmespathSyntaxError";
}

const SIMPLE: Readonly<Record<string, string>> = {
  ".": "dot",
  "*": "star",
  "]": "rbracket",
  ",": "comma",
  ":": "colon",
  "@": "current",
  "(": "lparen",
  ")": "rparen",
  "{": "lbrace",
  "}": "rbrace",
};
const START_IDENTIFIER = /[A-Za-z_]/;
const IDENTIFIER = /[A-Za-z0-9_]/;
const DIGIT = /[0-9]/;
const WHITESPACE = new Set([" ", "\t", "\n", "\r"]);

const BINDING_POWER: Readonly<Record<string, number>> = {
  eof: 0,
  unquoted_identifier: 0,
  quoted_identifier: 0,
  literal: 0,
  rbracket: 0,
  rparen: 0,
  comma: 0,
  rbrace: 0,
  number: 0,
  current: 0,
  expref: 0,
  colon: 0,
  pipe: 1,
  or: 2,
  and: 3,
  eq: 5,
  gt: 5,
  lt: 5,
  gte: 5,
  lte: 5,
  ne: 5,
  flatten: 9,
  star: 20,
  filter: 21,
  dot: 40,
  not: 45,
  lbrace: 50,
  lbracket: 55,
  lparen: 60,
};
const PROJECTION_STOP = 10;

function lexerError(expression: string, position: number, message: string): JmespathSyntaxError {
  return new JmespathSyntaxError(`Bad jmespath expression: ${message}:\n${expression}\n${" ".repeat(position)}^`);
}

/** The tokens, and the expression with legacy literals (`` `foo` `` for `` `"foo"` ``) written as JSON strings. */
function tokenize(expression: string): { tokens: Token[]; modern: string } {
  const chars = Array.from(expression);
  const tokens: Token[] = [];
  const rewrites: { start: number; end: number; text: string }[] = [];
  let pos = 0;
  const until = (delimiter: string): string => {
    const start = pos;
    let buffer = "";
    pos++;
    while (chars[pos] !== delimiter) {
      if (chars[pos] === "\\") {
        buffer += "\\";
        pos++;
      }
      if (pos >= chars.length) throw lexerError(expression, start, `Unclosed ${delimiter} delimiter`);
      buffer += chars[pos];
      pos++;
    }
    pos++;
    return buffer;
  };
  const orElse = (expected: string, match: string, otherwise: string): void => {
    const start = pos;
    const current = chars[pos]!;
    if (chars[pos + 1] === expected) {
      tokens.push({ type: match, value: current + expected, start });
      pos += 2;
    } else {
      tokens.push({ type: otherwise, value: current, start });
      pos++;
    }
  };
  while (pos < chars.length) {
    const c = chars[pos]!;
    const start = pos;
    if (SIMPLE[c] !== undefined) {
      tokens.push({ type: SIMPLE[c], value: c, start });
      pos++;
    } else if (START_IDENTIFIER.test(c)) {
      let value = c;
      while (pos + 1 < chars.length && IDENTIFIER.test(chars[pos + 1]!)) value += chars[++pos];
      pos++;
      tokens.push({ type: "unquoted_identifier", value, start });
    } else if (WHITESPACE.has(c)) {
      pos++;
    } else if (c === "[") {
      const next = chars[pos + 1];
      if (next === "]") {
        tokens.push({ type: "flatten", value: "[]", start });
        pos += 2;
      } else if (next === "?") {
        tokens.push({ type: "filter", value: "[?", start });
        pos += 2;
      } else {
        tokens.push({ type: "lbracket", value: "[", start });
        pos++;
      }
    } else if (c === "'") {
      tokens.push({ type: "literal", value: until("'"), start });
    } else if (c === "|") orElse("|", "or", "pipe");
    else if (c === "&") orElse("&", "and", "expref");
    else if (c === "`") {
      const lexeme = until("`").replaceAll("\\`", "`");
      let value = jsonOrUndefined(lexeme);
      if (value === undefined) {
        // Python's jmespath still reads `foo` as the string "foo" (deprecated syntax); the JS package does not.
        value = jsonOrUndefined(`"${lexeme.trimStart()}"`);
        if (value === undefined) throw lexerError(expression, start, `Bad token ${lexeme}`);
        rewrites.push({ start, end: pos, text: `\`${JSON.stringify(value.value).replaceAll("`", "\\`")}\`` });
      }
      tokens.push({ type: "literal", value: pythonStr(value.value), start });
    } else if (DIGIT.test(c) || c === "-") {
      let value = c;
      while (pos + 1 < chars.length && DIGIT.test(chars[pos + 1]!)) value += chars[++pos];
      pos++;
      if (value === "-") throw lexerError(expression, start, "Unknown token '-'");
      tokens.push({ type: "number", value: String(Number(value)), start });
    } else if (c === '"') {
      const lexeme = `"${until('"')}"`;
      try {
        parsePythonJson(lexeme, false);
      } catch (error) {
        if (!(error instanceof PythonJsonError)) throw error;
        throw lexerError(expression, start, error.message.split(":")[0]!);
      }
      tokens.push({ type: "quoted_identifier", value: pythonStr(parsePythonJson(lexeme, false)), start });
    } else if (c === "<") orElse("=", "lte", "lt");
    else if (c === ">") orElse("=", "gte", "gt");
    else if (c === "!") orElse("=", "ne", "not");
    else if (c === "=") {
      if (chars[pos + 1] === "=") {
        tokens.push({ type: "eq", value: "==", start });
        pos += 2;
      } else {
        throw lexerError(expression, pos + 1 >= chars.length ? pos : pos, "Unknown token '='");
      }
    } else {
      throw lexerError(expression, pos, `Unknown token ${c}`);
    }
  }
  tokens.push({ type: "eof", value: "", start: chars.length });
  let modern = "";
  let from = 0;
  for (const r of rewrites) {
    modern += chars.slice(from, r.start).join("") + r.text;
    from = r.end;
  }
  return { tokens, modern: modern + chars.slice(from).join("") };
}

function jsonOrUndefined(text: string): { value: unknown } | undefined {
  try {
    return { value: parsePythonJson(text, false) };
  } catch {
    return undefined;
  }
}

/**
 * Checks `expression` as Python's jmespath parses it and returns it in the form the `jmespath` package
 * evaluates the same way; throws {@link JmespathSyntaxError} with Python's text.
 * @internal
 */
export function checkJmespathSyntax(expression: string): string {
  if (expression === "") throw new JmespathSyntaxError("Invalid JMESPath expression: cannot be empty.");
  const { tokens, modern } = tokenize(expression);
  let index = 0;
  const length = Array.from(expression).length;

  const current = (): string => tokens[index]!.type;
  const lookahead = (n: number): string => tokens[index + n]!.type;
  const token = (n: number): Token => tokens[index + n]!;
  const parseError = (t: Token, message: string): never => {
    const type = t.type.toUpperCase();
    throw new JmespathSyntaxError(
      `${message}: Parse error at column ${t.start}, token "${t.value}" (${type}), for expression:\n"${expression}"\n${" ".repeat(t.start + 1)}^`,
    );
  };
  const incomplete = (): never => {
    throw new JmespathSyntaxError(`Invalid jmespath expression: Incomplete expression:\n"${expression}"\n${" ".repeat(length + 1)}^`);
  };
  const expected = (types: string | readonly string[], t: Token): never => {
    if (t.type === "eof") incomplete();
    return parseError(t, `Expecting: ${typeof types === "string" ? types : pythonRepr(types)}, got: ${t.type}`);
  };
  const match = (type: string): void => {
    if (current() === type) index++;
    else expected(type, token(0));
  };
  const matchOneOf = (types: readonly string[]): void => {
    if (!types.includes(current())) expected(types, token(0));
    index++;
  };

  /** Returns the kind of node parsed, as far as the grammar's checks need it. */
  const expression_ = (bindingPower = 0): string => {
    const left = token(0);
    index++;
    let node = nud(left);
    while (bindingPower < (BINDING_POWER[current()] ?? 0)) {
      const type = current();
      if (!LED.has(type)) parseError(token(0), "invalid token");
      index++;
      node = led(type, node);
    }
    return node;
  };

  const nud = (t: Token): string => {
    switch (t.type) {
      case "literal":
        return "literal";
      case "unquoted_identifier":
        return "field";
      case "quoted_identifier":
        if (current() === "lparen") {
          const next = token(0);
          throw new JmespathSyntaxError(
            `Quoted identifier not allowed for function names.: Parse error at column 0, token "${next.value}" (${next.type.toUpperCase()}), for expression:\n"${expression}"\n ^`,
          );
        }
        return "field";
      case "star":
        if (current() !== "rbracket") projectionRhs(BINDING_POWER["star"]!);
        return "projection";
      case "filter":
        return led("filter", "identity");
      case "lbrace":
        multiSelectHash();
        return "hash";
      case "lparen": {
        const inner = expression_();
        match("rparen");
        return inner;
      }
      case "flatten":
        projectionRhs(BINDING_POWER["flatten"]!);
        return "projection";
      case "not":
        expression_(BINDING_POWER["not"]);
        return "not";
      case "lbracket":
        if (current() === "number" || current() === "colon") {
          const slice = indexExpression();
          if (slice) projectionRhs(BINDING_POWER["star"]!);
          return slice ? "projection" : "index";
        }
        if (current() === "star" && lookahead(1) === "rbracket") {
          index += 2;
          projectionRhs(BINDING_POWER["star"]!);
          return "projection";
        }
        multiSelectList();
        return "list";
      case "current":
        return "current";
      case "expref":
        expression_(BINDING_POWER["expref"]);
        return "expref";
      case "eof":
        return incomplete();
      default:
        return parseError(t, "invalid token");
    }
  };

  const LED = new Set(["dot", "pipe", "or", "and", "lparen", "filter", "eq", "ne", "gt", "gte", "lt", "lte", "flatten", "lbracket"]);
  const led = (type: string, left: string): string => {
    switch (type) {
      case "dot":
        if (current() !== "star") {
          dotRhs(BINDING_POWER["dot"]!);
          return "subexpression";
        }
        index++;
        projectionRhs(BINDING_POWER["dot"]!);
        return "projection";
      case "pipe":
      case "or":
      case "and":
        expression_(BINDING_POWER[type]);
        return type;
      case "lparen": {
        if (left !== "field") {
          const previous = token(-2);
          parseError(previous, `Invalid function name '${previous.value}'`);
        }
        while (current() !== "rparen") {
          expression_();
          if (current() === "comma") match("comma");
        }
        match("rparen");
        return "function";
      }
      case "filter":
        expression_(0);
        match("rbracket");
        if (current() !== "flatten") projectionRhs(BINDING_POWER["filter"]!);
        return "projection";
      case "flatten":
        projectionRhs(BINDING_POWER["flatten"]!);
        return "projection";
      case "lbracket":
        if (current() === "number" || current() === "colon") {
          const slice = indexExpression();
          if (slice && left !== "index") projectionRhs(BINDING_POWER["star"]!);
          return slice && left !== "index" ? "projection" : "index";
        }
        match("star");
        match("rbracket");
        projectionRhs(BINDING_POWER["star"]!);
        return "projection";
      default:
        // Comparators.
        expression_(BINDING_POWER[type]);
        return "comparator";
    }
  };

  /** Reads `[n]` or a slice after `[`; true for a slice. */
  const indexExpression = (): boolean => {
    if (lookahead(0) === "colon" || lookahead(1) === "colon") {
      let part = 0;
      while (current() !== "rbracket" && part < 3) {
        if (current() === "colon") {
          part++;
          if (part === 3) parseError(token(0), "syntax error");
          index++;
        } else if (current() === "number") index++;
        else parseError(token(0), "syntax error");
      }
      match("rbracket");
      return true;
    }
    index++;
    match("rbracket");
    return false;
  };

  const multiSelectList = (): void => {
    for (;;) {
      expression_();
      if (current() === "rbracket") break;
      match("comma");
    }
    match("rbracket");
  };

  const multiSelectHash = (): void => {
    for (;;) {
      matchOneOf(["quoted_identifier", "unquoted_identifier"]);
      match("colon");
      expression_(0);
      if (current() === "comma") match("comma");
      else if (current() === "rbrace") {
        match("rbrace");
        break;
      }
    }
  };

  const projectionRhs = (bindingPower: number): void => {
    const type = current();
    if ((BINDING_POWER[type] ?? 0) < PROJECTION_STOP) return;
    if (type === "lbracket" || type === "filter") expression_(bindingPower);
    else if (type === "dot") {
      match("dot");
      dotRhs(bindingPower);
    } else parseError(token(0), "syntax error");
  };

  const dotRhs = (bindingPower: number): void => {
    const type = current();
    if (type === "quoted_identifier" || type === "unquoted_identifier" || type === "star") expression_(bindingPower);
    else if (type === "lbracket") {
      match("lbracket");
      multiSelectList();
    } else if (type === "lbrace") {
      match("lbrace");
      multiSelectHash();
    } else {
      const t = token(0);
      parseError(t, `Expecting: ['quoted_identifier', 'unquoted_identifier', 'lbracket', 'lbrace'], got: ${t.type}`);
    }
  };

  expression_(0);
  if (current() !== "eof") {
    const t = token(0);
    parseError(t, `Unexpected token: ${t.value}`);
  }
  return modern;
}
