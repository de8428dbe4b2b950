/**
 * Code generation for JSON bodies: expressions and per-shape helper functions that write a value to its
 * JSON form (`se_<Shape>`) and read it back with type checks (`de_<Shape>`). Structures write members in
 * model order; maps keep insertion order; absent (`undefined`/`null`) members are left out.
 */
import type { MemberIR, ShapeIR, TimestampFormat, UnionShape } from "../../ir/types.js";
import { type GenFile, key, prop, str } from "./gen-file.js";
import { inlineLiteral } from "../literal.js";

/** Timestamp format of a member in a JSON document: the member's, else epoch seconds. @internal */
export function bodyTimestampFormat(member: MemberIR | undefined): TimestampFormat {
  return member?.timestampFormat ?? "epoch-seconds";
}

/** True when the JSON form of the shape is the value itself (no conversion, no helper). */
function isIdentity(shape: ShapeIR): boolean {
  switch (shape.kind) {
    case "string":
    case "enum":
    case "boolean":
    case "byte":
    case "short":
    case "integer":
    case "long":
    case "intEnum":
    case "document":
      return true;
    default:
      return false;
  }
}

/**
 * An expression for the JSON form of `expr` (a present value of `shape`).
 * @internal
 */
export function writeJson(gen: GenFile, expr: string, shape: ShapeIR, member: MemberIR | undefined): string {
  switch (shape.kind) {
    case "string":
    case "enum":
    case "boolean":
    case "byte":
    case "short":
    case "integer":
    case "long":
    case "intEnum":
    case "document":
      return expr;
    case "float":
    case "double":
      return `${gen.rt("serializeFloat")}(${expr})`;
    case "bigInteger":
    case "bigDecimal":
      // JSON.stringify cannot write a bigint; the number is exact up to 2^53.
      return `Number(${expr})`;
    case "timestamp": {
      const format = bodyTimestampFormat(member);
      const fn = format === "epoch-seconds" ? "formatEpochSeconds" : format === "date-time" ? "formatDateTime" : "formatHttpDate";
      return `${gen.rt(fn)}(${expr})`;
    }
    case "blob":
      return `${gen.rt("encodeBase64")}(${expr})`;
    case "list":
      // Items that are their own JSON form share one runtime helper instead of a generated one per list.
      return !shape.sparse && isIdentity(shape.member.target) ? `${gen.rt("denseList")}(${expr})` : `${writeHelper(gen, shape)}(${expr})`;
    case "map":
      return !shape.sparse && isIdentity(shape.value.target) ? `${gen.rt("denseMap")}(${expr})` : `${writeHelper(gen, shape)}(${expr})`;
    case "structure":
    case "union":
      return `${writeHelper(gen, shape)}(${expr})`;
  }
}

/**
 * Statements that copy the present members of `source` into the JSON object `target`: `@required` members
 * first, then the others, each group in model order — the order the SDK v3 writes them in, so both put the same
 * bytes (and payload hash) on the wire.
 * @internal
 */
export function writeMembers(gen: GenFile, members: readonly MemberIR[], source: string, target: string, defaults = false): string[] {
  const isRequired = (m: MemberIR): boolean => m.required || m.modelRequired === true;
  return [...members.filter(isRequired), ...members.filter((m) => !isRequired(m))].map((m) => {
    const value = prop(source, m.name);
    const write = `if (${value} != null) ${target}[${str(m.jsonName)}] = ${writeJson(gen, value, m.target, m)};`;
    const fallback = defaults ? jsonDefault(m) : undefined;
    return fallback === undefined ? write : `${write}\nelse ${target}[${str(m.jsonName)}] = ${fallback};`;
  });
}

/** True when a missing member takes its `@default` (clientOptional members are left absent). */
function hasDefault(m: MemberIR): boolean {
  return m.default !== undefined && m.default !== null && m.clientOptional !== true;
}

/** The model's default as a JavaScript Date (the AST writes epoch seconds or an RFC 3339 string). */
function defaultDate(value: unknown): Date {
  return typeof value === "number" ? new Date(value * 1000) : new Date(String(value));
}

/**
 * The JSON wire form of a member's `@default`, as a literal, or undefined when it has none. Only servers write
 * defaults the value does not set; clients never do.
 * @internal
 */
export function jsonDefault(m: MemberIR): string | undefined {
  if (!hasDefault(m)) return undefined;
  const value = m.default;
  if (m.target.kind === "timestamp") {
    const date = defaultDate(value);
    const format = bodyTimestampFormat(m);
    return format === "epoch-seconds" ? String(date.getTime() / 1000) : str(format === "date-time" ? date.toISOString().replace(".000Z", "Z") : date.toUTCString());
  }
  // Blobs are already base64 in the model, which is also their JSON form.
  return JSON.stringify(value);
}

/** The TypeScript value of a member's `@default`, as an expression, or undefined when it has none. @internal */
export function valueDefault(gen: GenFile, m: MemberIR): string | undefined {
  if (!hasDefault(m)) return undefined;
  const value = m.default;
  const shape = m.target;
  switch (shape.kind) {
    case "timestamp":
      return `new Date(${defaultDate(value).getTime()})`;
    case "blob":
      return `${gen.rt("decodeBase64")}(${str(String(value))})`;
    case "enum":
    case "intEnum":
      return `${JSON.stringify(value)} as ${gen.type(shape)}`;
    case "bigInteger":
      return `BigInt(${str(String(value))})`;
    case "bigDecimal":
      return str(String(value));
    case "document":
      return `${JSON.stringify(value)} as ${gen.type(shape)}`;
    case "list":
    case "map":
      return `${JSON.stringify(value)} as ${gen.type(shape)}`;
    default:
      return JSON.stringify(value);
  }
}

/** The name of the helper writing `shape`, creating it on first use. @internal */
export function writeHelper(gen: GenFile, shape: ShapeIR & { kind: "list" | "map" | "structure" | "union" }): string {
  const name = `se_${shape.name}`;
  return gen.helper(name, () => {
    const type = gen.type(shape);
    const docs = [`Writes \`${shape.name}\` as JSON.`];
    switch (shape.kind) {
      case "structure":
        return {
          name,
          docs,
          parameters: [{ name: "input", type }],
          returnType: "Record<string, unknown>",
                    // A client sends what the caller set (Smithy: defaults it did not set must not be serialized, so services
          // can evolve them); a server writes its defaults out.
          statements: ["const out: Record<string, unknown> = {};", ...writeMembers(gen, shape.members, "input", "out", gen.strict), "return out;"],
        };
      case "union":
        return { name, docs, parameters: [{ name: "input", type }], returnType: "Record<string, unknown>", statements: writeUnion(gen, shape) };
      case "list": {
        const item = shape.member;
        const expr = writeJson(gen, "item", item.target, item);
        const statements = shape.sparse
          ? [`return input.map((item) => (item == null ? null : ${expr}));`]
          : [`return input.filter((item) => item != null).map((item) => ${expr});`];
        return { name, docs, parameters: [{ name: "input", type }], returnType: "unknown[]", statements };
      }
      case "map": {
        const value = shape.value;
        // Keys of a sensitive map stay out of error paths.
        const hideKey = shape.sensitive || shape.key.sensitive ? ", true" : "";
        return {
          name,
          docs,
          parameters: [{ name: "input", type }],
          returnType: "Record<string, unknown>",
          statements: [
            "const out: Record<string, unknown> = {};",
            "for (const [key, value] of Object.entries(input)) {",
            shape.sparse ? `if (value == null) { ${gen.rt("setEntry")}(out, key, null); continue; }` : "if (value == null) continue;",
            `${gen.rt("setEntry")}(out, key, ${writeJson(gen, "value", value.target, value)});`,
            "}",
            "return out;",
          ],
        };
      }
    }
  });
}

function writeUnion(gen: GenFile, shape: UnionShape): string[] {
  const statements = shape.members.map((m) => {
    const value = prop("input", m.name);
    return `if (${value} != null) return { ${key(m.jsonName)}: ${writeJson(gen, value, m.target, m)} };`;
  });
  statements.push("if (input.$unknown !== undefined) return { [input.$unknown[0]]: input.$unknown[1] };");
  statements.push("return {};");
  return statements;
}

/**
 * An expression reading the JSON value `expr` (known present) as `shape`; `path` and `member` name it in
 * errors (`member` is a member name or an index expression, or undefined when `path` is already complete).
 * @internal
 */
export function readJson(gen: GenFile, expr: string, shape: ShapeIR, member: MemberIR | undefined, path: string, name: string | undefined): string {
  const at = name === undefined ? path : `${path}, ${name}`;
  switch (shape.kind) {
    case "string":
      return `${gen.rt("readString")}(${expr}, ${at})`;
    case "enum":
      return `${gen.rt("readString")}(${expr}, ${at}) as ${gen.type(shape)}`;
    case "boolean":
      return `${gen.rt("readBoolean")}(${expr}, ${at})`;
    case "byte":
    case "short":
    case "integer":
      return `${gen.rt("readInteger")}(${expr}, ${path}, ${name ?? "undefined"}, ${str(shape.kind)})`;
    case "long":
      return `${gen.rt("readInteger")}(${expr}, ${at})`;
    case "intEnum":
      return `${gen.rt("readInteger")}(${expr}, ${path}, ${name ?? "undefined"}, "integer") as ${gen.type(shape)}`;
    case "float":
    case "double":
      return `${gen.rt("readFloat")}(${expr}, ${at})`;
    case "bigInteger":
      return `${gen.rt("readBigInteger")}(${expr}, ${at})`;
    case "bigDecimal":
      return `${gen.rt("readBigDecimal")}(${expr}, ${at})`;
    case "timestamp":
      return `${gen.rt("readTimestamp")}(${expr}, ${path}, ${name ?? "undefined"}, ${str(bodyTimestampFormat(member))}${gen.strict ? ", true" : ""})`;
    case "blob":
      return `${gen.rt("readBlob")}(${expr}, ${at})`;
    case "document":
      return `${expr} as ${gen.type(shape)}`;
    case "list":
    case "map":
    case "structure":
    case "union": {
      // At the root (`""`) a member's path is its name, known now.
      const full = name === undefined ? path : path === '""' && name.startsWith('"') ? name : `${gen.rt("subPath")}(${path}, ${name})`;
      return `${readHelper(gen, shape)}(${expr}, ${full})`;
    }
  }
}

/**
 * Statements that read the members of the JSON object `source` into `target`, ignoring unknown keys.
 * @internal
 */
export function readMembers(gen: GenFile, members: readonly MemberIR[], source: string, target: string, path: string): string[] {
  return members.map((m) => {
    const value = `${source}[${str(m.jsonName)}]`;
    const read = `if (${value} != null) ${prop(target, m.name)} = ${readJson(gen, value, m.target, m, path, str(m.name))};`;
    const fallback = valueDefault(gen, m);
    return fallback === undefined ? read : `${read}\nelse ${prop(target, m.name)} = ${fallback};`;
  });
}

/** The name of the helper reading `shape`, creating it on first use. @internal */
export function readHelper(gen: GenFile, shape: ShapeIR & { kind: "list" | "map" | "structure" | "union" }): string {
  const name = `de_${shape.name}`;
  return gen.helper(name, () => {
    const type = gen.type(shape);
    const docs = [`Reads \`${shape.name}\` from JSON, checking every value's type.`];
    const parameters = [
      { name: "value", type: "unknown" },
      { name: "path", type: "string" },
    ];
    switch (shape.kind) {
      case "structure":
        return {
          name,
          docs,
          parameters,
          returnType: type,
          statements: [
            `const data = ${gen.rt("readObject")}(value, path);`,
            "// Members are added only when present, so the object starts empty even if some are required.",
            `const out = {} as ${type};`,
            ...readMembers(gen, shape.members, "data", "out", "path"),
            "return out;",
          ],
        };
      case "union":
        return { name, docs, parameters, returnType: type, statements: readUnion(gen, shape, type) };
      case "list": {
        const item = shape.member;
        return {
          name,
          docs,
          parameters,
          returnType: type,
          statements: [
            `const items = ${gen.rt("readArray")}(value, path);`,
            `const out: ${type} = [];`,
            "for (let i = 0; i < items.length; i++) {",
            "const item = items[i];",
            shape.sparse ? "if (item == null) { out.push(null); continue; }" : nullInDense(gen, "subPath(path, i)"),
            `out.push(${readJson(gen, "item", item.target, item, "path", "i")});`,
            "}",
            "return out;",
          ],
        };
      }
      case "map": {
        const value = shape.value;
        // Keys of a sensitive map stay out of error paths.
        const hideKey = shape.sensitive || shape.key.sensitive ? ", true" : "";
        return {
          name,
          docs,
          parameters,
          returnType: type,
          statements: [
            `const entries = ${gen.rt("readObject")}(value, path);`,
            `const out: ${type} = {};`,
            "for (const [key, item] of Object.entries(entries)) {",
            shape.sparse ? `if (item == null) { ${gen.rt("setEntry")}(out, key, null); continue; }` : nullInDense(gen, `keyPath(path, key${hideKey})`),
            `${gen.rt("setEntry")}(out, key, ${readJson(gen, "item", value.target, value, `${gen.rt("keyPath")}(path, key${hideKey})`, undefined)});`,
            "}",
            "return out;",
          ],
        };
      }
    }
  });
}

/** What a dense list or map does with a null entry: skip it (client) or reject it (server). */
function nullInDense(gen: GenFile, path: string): string {
  if (!gen.strict) return "if (item == null) continue;";
  gen.rt(path.startsWith("subPath") ? "subPath" : "keyPath");
  return `if (item == null) throw new ${gen.rt("WireFormatError")}("null is not allowed here", ${path});`;
}

function readUnion(gen: GenFile, shape: UnionShape, type: string): string[] {
  const statements = [`const data = ${gen.rt("readObject")}(value, path);`];
  if (gen.strict) {
    // A server accepts exactly one member it knows.
    const names = inlineLiteral(shape.members.map((m) => m.jsonName));
    statements.push(
      'const set = Object.keys(data).filter((key) => key !== "__type" && data[key] != null);',
      `if (set.length !== 1 || !${names}.includes(set[0] as string)) {`,
      `throw new ${gen.rt("WireFormatError")}(\`a union must set exactly one of ${shape.members.map((m) => m.jsonName).join(", ")}; got \${set.join(", ") || "none"}\`, path);`,
      "}",
    );
  }
  for (const m of shape.members) {
    const value = `data[${str(m.jsonName)}]`;
    statements.push(`if (${value} != null) return { ${key(m.name)}: ${readJson(gen, value, m.target, m, "path", str(m.name))} } as ${type};`);
  }
  if (gen.strict) {
    statements.push(`throw new ${gen.rt("WireFormatError")}("a union must set one member", path);`);
    return statements;
  }
  statements.push(
    "// A member this client does not know (added to the service later); `__type` is never a member.",
    'const unknown = Object.keys(data).find((key) => key !== "__type" && data[key] != null);',
    `if (unknown !== undefined) return { $unknown: [unknown, data[unknown]] } as ${type};`,
    `throw new ${gen.rt("WireFormatError")}("a union must set one member", path);`,
  );
  return statements;
}
