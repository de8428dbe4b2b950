/**
 * Checks a flattened model: every reference points at a shape of a fitting kind, and the values of the
 * traits the generator reads are well-formed. Problems are collected; nothing is thrown from here.
 */
import { translatePattern } from "../ir/pattern.js";
import type { AstMember, AstShape, LoadedModel } from "./ast.js";
import type { ProblemList } from "./errors.js";
import { allMembers } from "./ast.js";

const DATA_TYPES: ReadonlySet<string> = new Set([
  "blob", "boolean", "string", "byte", "short", "integer", "long", "float", "double", "bigInteger", "bigDecimal",
  "timestamp", "document", "enum", "intEnum", "list", "set", "map", "structure", "union",
]);
const NUMBER_TYPES: ReadonlySet<string> = new Set(["byte", "short", "integer", "long", "float", "double", "bigInteger", "bigDecimal"]);
const SIMPLE_TYPES: ReadonlySet<string> = new Set([...NUMBER_TYPES, "string", "enum", "intEnum", "boolean", "timestamp", "blob"]);
const ANNOTATION_TRAITS = [
  "required", "sensitive", "idempotencyToken", "clientOptional", "sparse", "uniqueItems", "input", "output",
  "idempotent", "readonly", "httpLabel", "httpPayload", "httpQueryParams", "httpResponseCode", "hostLabel",
  "streaming", "unitType", "mixin", "eventPayload", "eventHeader", "requiresLength", "addedDefault",
].map((t) => `smithy.api#${t}`);
const STRING_TRAITS = ["documentation", "httpHeader", "httpQuery", "httpPrefixHeaders", "jsonName", "mediaType", "pattern"].map(
  (t) => `smithy.api#${t}`,
);

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isNumeric(value: unknown): boolean {
  return (typeof value === "number" && Number.isFinite(value)) || (typeof value === "string" && value.trim() !== "" && Number.isFinite(Number(value)));
}

/** Adds every problem of `model` to `problems`. @internal */
export function checkModel(model: LoadedModel, problems: ProblemList): void {
  for (const shape of model.shapes.values()) {
    if (shape.prelude) continue;
    checkReferences(model, shape, problems);
    checkTraits(shape.id, shape.type, shape.traits, problems, undefined);
    for (const member of allMembers(shape)) {
      const target = model.shapes.get(member.target);
      checkTraits(member.id, target?.type ?? "unknown", member.traits, problems, shape);
    }
    checkShapeRules(model, shape, problems);
  }
}

function checkReferences(model: LoadedModel, shape: AstShape, problems: ProblemList): void {
  const expect = (where: string, target: string, kinds: ReadonlySet<string> | string, what: string): AstShape | undefined => {
    const found = model.shapes.get(target);
    if (!found) {
      problems.add(where, `target \`${target}\` is not defined`);
      return undefined;
    }
    const ok = typeof kinds === "string" ? found.type === kinds : kinds.has(found.type);
    if (!ok) {
      problems.add(where, `${what} must target a ${typeof kinds === "string" ? kinds : "data shape"}, but \`${target}\` is a ${found.type}`);
      return undefined;
    }
    if ("smithy.api#mixin" in found.traits && !("smithy.api#mixin" in shape.traits)) {
      problems.add(where, `\`${target}\` is a mixin and cannot be targeted`);
    }
    return found;
  };
  const isMixin = "smithy.api#mixin" in shape.traits;
  for (const member of allMembers(shape)) {
    if (shape.type === "enum" || shape.type === "intEnum") {
      if (member.target !== "smithy.api#Unit") problems.add(member.id, "enum members must target `smithy.api#Unit`");
      continue;
    }
    expect(member.id, member.target, DATA_TYPES, "a member");
  }
  if (!isMixin && (shape.type === "list" || shape.type === "set") && !shape.member) problems.add(shape.id, "a list needs a `member`");
  if (!isMixin && shape.type === "map") {
    if (!shape.key || !shape.value) problems.add(shape.id, "a map needs a `key` and a `value`");
    const key = shape.key && model.shapes.get(shape.key.target);
    if (key && key.type !== "string" && key.type !== "enum") problems.add(shape.key?.id ?? shape.id, "map keys must target a string or enum shape");
  }
  if (shape.type === "operation") {
    for (const [field, target] of [["input", shape.input], ["output", shape.output]] as const) {
      if (target !== undefined) expect(shape.id, target, "structure", `\`${field}\``);
    }
    for (const err of shape.errors ?? []) {
      const found = expect(shape.id, err, "structure", "an error");
      if (found && !("smithy.api#error" in found.traits)) problems.add(shape.id, `error \`${err}\` lacks the \`smithy.api#error\` trait`);
    }
  }
  if (shape.type === "service" || shape.type === "resource") {
    for (const op of [...(shape.operations ?? []), ...Object.values(shape.lifecycle ?? {}), ...(shape.collectionOperations ?? [])]) {
      expect(shape.id, op, "operation", "an operation binding");
    }
    for (const res of shape.resources ?? []) expect(shape.id, res, "resource", "a resource binding");
  }
  if (shape.type === "service") {
    for (const err of shape.errors ?? []) {
      const found = expect(shape.id, err, "structure", "a service error");
      if (found && !("smithy.api#error" in found.traits)) problems.add(shape.id, `error \`${err}\` lacks the \`smithy.api#error\` trait`);
    }
    for (const [id, name] of Object.entries(shape.rename ?? {})) {
      if (!model.shapes.has(id)) problems.add(shape.id, `\`rename\` names \`${id}\`, which is not defined`);
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) problems.add(shape.id, `\`rename\` to \`${name}\` is not a valid shape name`);
    }
  }
}

function checkTraits(
  where: string,
  type: string,
  traits: Readonly<Record<string, unknown>>,
  problems: ProblemList,
  container: AstShape | undefined,
): void {
  const bad = (trait: string, expected: string): void => {
    problems.add(where, `trait \`${trait}\` has an invalid value ${short(traits[trait])}; expected ${expected}`);
  };
  for (const trait of ANNOTATION_TRAITS) {
    if (trait in traits && !isObject(traits[trait])) bad(trait, "an object (`{}`)");
  }
  for (const trait of STRING_TRAITS) {
    if (trait in traits && typeof traits[trait] !== "string") bad(trait, "a string");
  }
  for (const trait of ["smithy.api#httpHeader", "smithy.api#httpQuery"]) {
    if (typeof traits[trait] === "string" && traits[trait] === "") bad(trait, "a non-empty name");
  }
  const length = traits["smithy.api#length"];
  if (length !== undefined) {
    if (!isObject(length) || !validBounds(length, (v) => Number.isInteger(v) && (v as number) >= 0)) {
      bad("smithy.api#length", "`{ min?, max? }` with non-negative integers, min ≤ max");
    } else if (!["string", "enum", "blob", "list", "set", "map", "unknown"].includes(type)) {
      problems.add(where, `trait \`smithy.api#length\` does not apply to a ${type}`);
    }
  }
  const range = traits["smithy.api#range"];
  if (range !== undefined) {
    if (!isObject(range) || !validBounds(range, isNumeric)) {
      bad("smithy.api#range", "`{ min?, max? }` with numbers, min ≤ max");
    } else if (!NUMBER_TYPES.has(type) && type !== "unknown") {
      problems.add(where, `trait \`smithy.api#range\` does not apply to a ${type}`);
    }
  }
  const pattern = traits["smithy.api#pattern"];
  if (typeof pattern === "string") {
    // Smithy refuses a pattern that is no regular expression (in Java's dialect, which AWS models are written in);
    // translating it for JavaScript is the IR's job.
    const translated = translatePattern(pattern);
    if ("invalid" in translated) problems.add(where, `trait \`smithy.api#pattern\` is not a valid regular expression (${translated.invalid}): ${short(pattern)}`);
    // Smithy applies it to strings, enums included.
    if (!["string", "enum", "unknown"].includes(type)) problems.add(where, `trait \`smithy.api#pattern\` does not apply to a ${type}`);
  }
  const error = traits["smithy.api#error"];
  if (error !== undefined && error !== "client" && error !== "server") bad("smithy.api#error", '"client" or "server"');
  const httpError = traits["smithy.api#httpError"];
  if (httpError !== undefined && !(Number.isInteger(httpError) && (httpError as number) >= 100 && (httpError as number) <= 599)) {
    bad("smithy.api#httpError", "an HTTP status code (100-599)");
  }
  const http = traits["smithy.api#http"];
  if (http !== undefined) {
    if (!isObject(http) || typeof http["method"] !== "string" || !/^[A-Za-z]+$/.test(http["method"])) {
      bad("smithy.api#http", "`{ method, uri, code? }` with an HTTP method");
    } else if (typeof http["uri"] !== "string" || !http["uri"].startsWith("/")) {
      bad("smithy.api#http", "a `uri` starting with `/`");
    } else if (http["code"] !== undefined && !(Number.isInteger(http["code"]) && (http["code"] as number) >= 100 && (http["code"] as number) <= 599)) {
      bad("smithy.api#http", "a `code` between 100 and 599");
    }
  }
  const format = traits["smithy.api#timestampFormat"];
  if (format !== undefined && !["date-time", "epoch-seconds", "http-date"].includes(format as string)) {
    bad("smithy.api#timestampFormat", '"date-time", "epoch-seconds" or "http-date"');
  }
  const retryable = traits["smithy.api#retryable"];
  if (retryable !== undefined && !(isObject(retryable) && (retryable["throttling"] === undefined || typeof retryable["throttling"] === "boolean"))) {
    bad("smithy.api#retryable", "`{ throttling?: boolean }`");
  }
  const deprecated = traits["smithy.api#deprecated"];
  if (deprecated !== undefined && !(isObject(deprecated) && (deprecated["message"] === undefined || typeof deprecated["message"] === "string"))) {
    bad("smithy.api#deprecated", "`{ message?, since? }`");
  }
  const endpoint = traits["smithy.api#endpoint"];
  if (endpoint !== undefined && !(isObject(endpoint) && typeof endpoint["hostPrefix"] === "string")) {
    bad("smithy.api#endpoint", "`{ hostPrefix: string }`");
  }
  const enumValue = traits["smithy.api#enumValue"];
  if (enumValue !== undefined) {
    if (container?.type === "enum" && (typeof enumValue !== "string" || enumValue === "")) bad("smithy.api#enumValue", "a non-empty string");
    else if (container?.type === "intEnum" && !Number.isInteger(enumValue)) bad("smithy.api#enumValue", "an integer");
    else if (container?.type !== "enum" && container?.type !== "intEnum") problems.add(where, "trait `smithy.api#enumValue` applies only to enum members");
  }
  if (traits["smithy.api#default"] !== undefined && container === undefined && !SIMPLE_TYPES.has(type) && type !== "document") {
    // Defaults on aggregate shapes themselves are not allowed; on members they are checked against the target.
    problems.add(where, `trait \`smithy.api#default\` does not apply to a ${type}`);
  }
  if ("smithy.api#default" in traits && container !== undefined) {
    const value = traits["smithy.api#default"];
    const fits =
      value === null ||
      (["string", "enum", "blob", "timestamp"].includes(type) && (typeof value === "string" || (type === "timestamp" && typeof value === "number"))) ||
      ((NUMBER_TYPES.has(type) || type === "intEnum") && typeof value === "number") ||
      (type === "boolean" && typeof value === "boolean") ||
      ((type === "list" || type === "set") && Array.isArray(value) && value.length === 0) ||
      (type === "map" && isObject(value) && Object.keys(value).length === 0) ||
      type === "document" ||
      type === "unknown";
    if (!fits) problems.add(where, `trait \`smithy.api#default\` value ${short(value)} does not fit a ${type}`);
  }
}

function checkShapeRules(model: LoadedModel, shape: AstShape, problems: ProblemList): void {
  if (shape.type === "enum" || shape.type === "intEnum") {
    if ((shape.members ?? []).length === 0 && !("smithy.api#mixin" in shape.traits)) problems.add(shape.id, "an enum needs at least one member");
    const seen = new Map<unknown, string>();
    for (const member of shape.members ?? []) {
      const value = member.traits["smithy.api#enumValue"] ?? (shape.type === "enum" ? member.name : undefined);
      if (shape.type === "intEnum" && value === undefined) problems.add(member.id, "intEnum members need an integer `smithy.api#enumValue`");
      const twin = seen.get(value);
      if (value !== undefined && twin !== undefined) problems.add(member.id, `enum value ${JSON.stringify(value)} is already used by \`${twin}\``);
      seen.set(value, member.name);
    }
  }
  if (shape.members && shape.type !== "enum" && shape.type !== "intEnum") {
    const lower = new Map<string, string>();
    for (const member of shape.members) {
      const twin = lower.get(member.name.toLowerCase());
      if (twin !== undefined) problems.add(member.id, `member name conflicts with \`${twin}\` (names must differ ignoring case)`);
      lower.set(member.name.toLowerCase(), member.name);
      checkMemberTargets(model, member, problems);
    }
  }
  if (shape.type === "union" && (shape.members ?? []).length === 0 && !("smithy.api#mixin" in shape.traits)) {
    problems.add(shape.id, "a union needs at least one member");
  }
}

function checkMemberTargets(model: LoadedModel, member: AstMember, problems: ProblemList): void {
  const target = model.shapes.get(member.target);
  if (!target) return;
  if ("smithy.api#idempotencyToken" in member.traits && target.type !== "string") {
    problems.add(member.id, "`smithy.api#idempotencyToken` applies only to string members");
  }
}

function validBounds(bounds: Record<string, unknown>, ok: (v: unknown) => boolean): boolean {
  const { min, max } = bounds;
  if (min !== undefined && !ok(min)) return false;
  if (max !== undefined && !ok(max)) return false;
  return min === undefined || max === undefined || Number(min) <= Number(max);
}

function short(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
