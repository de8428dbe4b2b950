/**
 * Reads a Smithy 2.0 JSON AST and turns it into a checked {@link LoadedModel}.
 *
 * Steps: parse the JSON shape by shape (structural problems are collected, not thrown one by one), add the
 * prelude, merge `apply` statements, flatten mixins, then check targets and trait values. Any problem ends
 * the load with one {@link ModelError} that lists all of them.
 */
import { readFileSync } from "node:fs";
import type { AstMember, AstShape, LoadedModel, ShapeType } from "./ast.js";
import { allMembers, shapeName } from "./ast.js";
import { checkModel } from "./check.js";
import { ModelError, ProblemList } from "./errors.js";
import { PRELUDE_SHAPES } from "./prelude.js";

const SHAPE_TYPES: ReadonlySet<string> = new Set<ShapeType>([
  "blob", "boolean", "string", "byte", "short", "integer", "long", "float", "double", "bigInteger", "bigDecimal",
  "timestamp", "document", "enum", "intEnum", "list", "set", "map", "structure", "union", "service", "operation",
  "resource",
]);
const LIFECYCLE = ["create", "put", "read", "update", "delete", "list"] as const;
const SHAPE_ID = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*#[A-Za-z_][A-Za-z0-9_]*$/;
const MEMBER_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** A shape as parsed, before mixins are flattened. */
interface RawShape {
  id: string;
  type: ShapeType;
  traits: Record<string, unknown>;
  members?: AstMember[];
  member?: AstMember | undefined;
  key?: AstMember | undefined;
  value?: AstMember | undefined;
  mixins: string[];
  input?: string | undefined;
  output?: string | undefined;
  errors?: string[];
  version?: string;
  operations?: string[];
  resources?: string[];
  rename?: Record<string, string>;
  lifecycle?: Record<string, string>;
  collectionOperations?: string[];
  identifiers?: Record<string, string>;
  /** Ids referenced by a resource's identifiers/properties (checked to exist). */
  references: { where: string; target: string }[];
}

/**
 * Loads and checks a model from a file path or an already parsed JSON value.
 * @param source - Path of a `.json` file, or the parsed AST.
 * @param sourceName - Name used in messages when `source` is a value.
 * @throws {@link ModelError} listing every problem found.
 * @public
 */
export function loadModel(source: string | unknown, sourceName?: string): LoadedModel {
  let json: unknown = source;
  let name = sourceName;
  if (typeof source === "string") {
    name ??= source;
    let text: string;
    try {
      text = readFileSync(source, "utf8");
    } catch (err) {
      throw new ModelError([{ shapeId: "(model)", message: `cannot read ${source}: ${(err as Error).message}` }], name);
    }
    try {
      json = JSON.parse(text);
    } catch (err) {
      throw new ModelError([{ shapeId: "(model)", message: `not valid JSON: ${(err as Error).message}` }], name);
    }
  }
  const problems = new ProblemList();
  const raw = parseAst(json, problems);
  problems.throwIfAny(name);
  const shapes = flatten(raw.shapes, raw.applies, problems);
  problems.throwIfAny(name);
  const model: LoadedModel = { shapes, metadata: raw.metadata, ...(name === undefined ? {} : { source: name }) };
  checkModel(model, problems);
  problems.throwIfAny(name);
  return model;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

interface Apply {
  target: string;
  traits: Record<string, unknown>;
}

function parseAst(
  json: unknown,
  problems: ProblemList,
): { shapes: Map<string, RawShape>; applies: Apply[]; metadata: Record<string, unknown> } {
  const shapes = new Map<string, RawShape>();
  const applies: Apply[] = [];
  if (!isObject(json)) {
    problems.add("(model)", "the model must be a JSON object with `smithy` and `shapes`");
    return { shapes, applies, metadata: {} };
  }
  const version = json["smithy"];
  if (typeof version !== "string" || !/^2(\.\d+)?$/.test(version)) {
    problems.add("(model)", `unsupported Smithy version ${JSON.stringify(version)}; expected "2.0"`);
  }
  const metadata = isObject(json["metadata"]) ? json["metadata"] : {};
  const rawShapes = json["shapes"] ?? {};
  if (!isObject(rawShapes)) {
    problems.add("(model)", "`shapes` must be an object keyed by shape id");
    return { shapes, applies, metadata };
  }
  for (const [id, value] of Object.entries(rawShapes)) {
    if (!isObject(value)) {
      problems.add(id, "a shape must be a JSON object");
      continue;
    }
    if (value["type"] === "apply") {
      if (!/^[^#]+#[^$]+(\$[A-Za-z_][A-Za-z0-9_]*)?$/.test(id)) problems.add(id, "not a valid shape or member id");
      else if (!isObject(value["traits"])) problems.add(id, "`apply` needs a `traits` object");
      else applies.push({ target: id, traits: value["traits"] });
      continue;
    }
    if (!SHAPE_ID.test(id)) {
      problems.add(id, "not a valid absolute shape id (`namespace#Name`)");
      continue;
    }
    if (id.startsWith("smithy.api#")) {
      problems.add(id, "shapes in the `smithy.api` namespace are reserved for the prelude");
      continue;
    }
    const shape = parseShape(id, value, problems);
    if (shape) shapes.set(id, shape);
  }
  return { shapes, applies, metadata };
}

function parseTraits(where: string, value: unknown, problems: ProblemList): Record<string, unknown> {
  if (value === undefined) return {};
  if (!isObject(value)) {
    problems.add(where, "`traits` must be an object keyed by trait id");
    return {};
  }
  const out: Record<string, unknown> = {};
  for (const [trait, v] of Object.entries(value)) {
    if (!trait.includes("#")) problems.add(where, `trait id \`${trait}\` is not absolute (\`namespace#name\`)`);
    else out[trait] = v;
  }
  return out;
}

function parseRef(where: string, field: string, value: unknown, problems: ProblemList): string | undefined {
  if (isObject(value) && typeof value["target"] === "string") return value["target"];
  problems.add(where, `\`${field}\` must be an object with a string \`target\``);
  return undefined;
}

function parseRefList(where: string, field: string, value: unknown, problems: ProblemList): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    problems.add(where, `\`${field}\` must be a list of \`{ "target": ... }\` objects`);
    return [];
  }
  return value.flatMap((v) => parseRef(where, field, v, problems) ?? []);
}

function parseMember(shapeId: string, name: string, value: unknown, problems: ProblemList): AstMember | undefined {
  const id = `${shapeId}$${name}`;
  if (!MEMBER_NAME.test(name)) {
    problems.add(id, `\`${name}\` is not a valid member name`);
    return undefined;
  }
  if (!isObject(value)) {
    problems.add(id, "a member must be an object with a `target`");
    return undefined;
  }
  const target = parseRef(id, "member", value, problems);
  if (target === undefined) return undefined;
  return { id, name, target, traits: parseTraits(id, value["traits"], problems) };
}

function parseShape(id: string, value: Record<string, unknown>, problems: ProblemList): RawShape | undefined {
  const type = value["type"];
  if (typeof type !== "string" || !SHAPE_TYPES.has(type)) {
    problems.add(id, `unknown shape type ${JSON.stringify(type)}`);
    return undefined;
  }
  const shape: RawShape = {
    id,
    type: type as ShapeType,
    traits: parseTraits(id, value["traits"], problems),
    mixins: parseRefList(id, "mixins", value["mixins"], problems),
    references: [],
  };
  switch (shape.type) {
    case "structure":
    case "union":
    case "enum":
    case "intEnum": {
      const members = value["members"] ?? {};
      if (!isObject(members)) {
        problems.add(id, "`members` must be an object keyed by member name");
        break;
      }
      shape.members = Object.entries(members).flatMap(([name, m]) => parseMember(id, name, m, problems) ?? []);
      break;
    }
    case "list":
    case "set":
      if (value["member"] === undefined && shape.mixins.length > 0) break;
      shape.member = parseMember(id, "member", value["member"], problems);
      break;
    case "map":
      if (value["key"] === undefined && value["value"] === undefined && shape.mixins.length > 0) break;
      shape.key = parseMember(id, "key", value["key"], problems);
      shape.value = parseMember(id, "value", value["value"], problems);
      break;
    case "operation":
      shape.input = value["input"] === undefined ? "smithy.api#Unit" : parseRef(id, "input", value["input"], problems);
      shape.output = value["output"] === undefined ? "smithy.api#Unit" : parseRef(id, "output", value["output"], problems);
      shape.errors = parseRefList(id, "errors", value["errors"], problems);
      break;
    case "service": {
      if (value["version"] !== undefined && typeof value["version"] !== "string") {
        problems.add(id, "`version` must be a string");
      } else if (typeof value["version"] === "string") {
        shape.version = value["version"];
      }
      shape.operations = parseRefList(id, "operations", value["operations"], problems);
      shape.resources = parseRefList(id, "resources", value["resources"], problems);
      shape.errors = parseRefList(id, "errors", value["errors"], problems);
      const rename = value["rename"] ?? {};
      if (!isObject(rename) || !Object.values(rename).every((v) => typeof v === "string")) {
        problems.add(id, "`rename` must map shape ids to names");
      } else {
        shape.rename = rename as Record<string, string>;
      }
      break;
    }
    case "resource": {
      shape.operations = parseRefList(id, "operations", value["operations"], problems);
      shape.resources = parseRefList(id, "resources", value["resources"], problems);
      shape.collectionOperations = parseRefList(id, "collectionOperations", value["collectionOperations"], problems);
      shape.lifecycle = {};
      for (const role of LIFECYCLE) {
        if (value[role] === undefined) continue;
        const target = parseRef(id, role, value[role], problems);
        if (target !== undefined) shape.lifecycle[role] = target;
      }
      for (const field of ["identifiers", "properties"] as const) {
        const entries = value[field] ?? {};
        if (!isObject(entries)) {
          problems.add(id, `\`${field}\` must be an object`);
          continue;
        }
        for (const [name, ref] of Object.entries(entries)) {
          const target = parseRef(`${id}$${name}`, field, ref, problems);
          if (target !== undefined) shape.references.push({ where: `${id}$${name}`, target });
          if (target !== undefined && field === "identifiers") (shape.identifiers ??= {})[name] = target;
        }
      }
      break;
    }
    default:
      break;
  }
  return shape;
}

/** Traits whose values are lists are merged by concatenation when applied twice (Smithy's rule). */
function mergeTrait(where: string, traits: Record<string, unknown>, trait: string, value: unknown, problems: ProblemList): void {
  const existing = traits[trait];
  if (existing === undefined) {
    traits[trait] = value;
  } else if (Array.isArray(existing) && Array.isArray(value)) {
    traits[trait] = [...existing, ...value];
  } else if (JSON.stringify(existing) !== JSON.stringify(value)) {
    problems.add(where, `trait \`${trait}\` is applied twice with different values`);
  }
}

function flatten(raw: Map<string, RawShape>, applies: Apply[], problems: ProblemList): Map<string, AstShape> {
  // `apply` to a shape or a member it declares itself goes first, so mixin users inherit it.
  const late: Apply[] = [];
  for (const apply of applies) {
    const [shapeId = "", memberName] = apply.target.split("$");
    const shape = raw.get(shapeId);
    if (!shape) {
      problems.add(apply.target, "`apply` targets a shape that is not defined in the model");
      continue;
    }
    if (memberName === undefined) {
      for (const [t, v] of Object.entries(apply.traits)) mergeTrait(apply.target, shape.traits, t, v, problems);
      continue;
    }
    const member = ownMembers(shape).find((m) => m.name === memberName);
    if (member) {
      for (const [t, v] of Object.entries(apply.traits)) mergeTrait(apply.target, member.traits as Record<string, unknown>, t, v, problems);
    } else {
      late.push(apply);
    }
  }

  const done = new Map<string, AstShape>(PRELUDE_SHAPES);
  const visiting = new Set<string>();
  const resolve = (id: string): AstShape | undefined => {
    const ready = done.get(id);
    if (ready) return ready;
    const shape = raw.get(id);
    if (!shape) return undefined;
    if (visiting.has(id)) {
      problems.add(id, "mixins form a cycle");
      return undefined;
    }
    visiting.add(id);
    const traits: Record<string, unknown> = {};
    let members: AstMember[] | undefined;
    let member: AstMember | undefined;
    let key: AstMember | undefined;
    let value: AstMember | undefined;
    for (const mixinId of shape.mixins) {
      const mixin = resolve(mixinId);
      if (!mixin) {
        if (!raw.has(mixinId)) problems.add(id, `mixin \`${mixinId}\` is not defined`);
        continue;
      }
      if (!("smithy.api#mixin" in mixin.traits)) {
        problems.add(id, `\`${mixinId}\` is used as a mixin but lacks the \`smithy.api#mixin\` trait`);
        continue;
      }
      if (mixin.type !== shape.type) {
        problems.add(id, `a ${shape.type} cannot use the ${mixin.type} mixin \`${mixinId}\``);
        continue;
      }
      const mixinTrait = mixin.traits["smithy.api#mixin"];
      const local = new Set(
        isObject(mixinTrait) && Array.isArray(mixinTrait["localTraits"]) ? (mixinTrait["localTraits"] as string[]) : [],
      );
      local.add("smithy.api#mixin");
      for (const [t, v] of Object.entries(mixin.traits)) if (!local.has(t)) traits[t] = v;
      const rebase = (m: AstMember): AstMember => ({ ...m, id: `${id}$${m.name}`, traits: { ...m.traits } });
      if (mixin.members) {
        members ??= [];
        for (const m of mixin.members) {
          if (members.some((x) => x.name === m.name)) problems.add(`${id}$${m.name}`, "member is inherited from two mixins");
          else members.push(rebase(m));
        }
      }
      if (mixin.member) member = rebase(mixin.member);
      if (mixin.key) key = rebase(mixin.key);
      if (mixin.value) value = rebase(mixin.value);
    }
    Object.assign(traits, shape.traits);
    const redeclare = (inherited: AstMember | undefined, own: AstMember | undefined): AstMember | undefined => {
      if (!inherited) return own;
      if (!own) return inherited;
      if (own.target !== inherited.target) {
        problems.add(own.id, `redeclares a mixin member with a different target (\`${own.target}\`, mixin has \`${inherited.target}\`)`);
      }
      return { ...own, traits: { ...inherited.traits, ...own.traits } };
    };
    if (shape.members) {
      members ??= [];
      for (const own of shape.members) {
        const at = members.findIndex((m) => m.name === own.name);
        if (at >= 0) members[at] = redeclare(members[at], own) as AstMember;
        else members.push(own);
      }
    }
    member = redeclare(member, shape.member);
    key = redeclare(key, shape.key);
    value = redeclare(value, shape.value);
    visiting.delete(id);
    const out: AstShape = {
      id,
      type: shape.type,
      traits,
      prelude: false,
      ...(members ? { members } : {}),
      ...(member ? { member } : {}),
      ...(key ? { key } : {}),
      ...(value ? { value } : {}),
      ...pick(shape),
    };
    done.set(id, out);
    return out;
  };
  for (const id of raw.keys()) resolve(id);

  for (const apply of late) {
    const [shapeId = "", memberName] = apply.target.split("$");
    const shape = done.get(shapeId);
    const member = shape && allMembers(shape).find((m) => m.name === memberName);
    if (!member) {
      problems.add(apply.target, `\`apply\` targets member \`${memberName}\` that \`${shapeName(shapeId)}\` does not have`);
      continue;
    }
    for (const [t, v] of Object.entries(apply.traits)) mergeTrait(apply.target, member.traits as Record<string, unknown>, t, v, problems);
  }
  for (const shape of raw.values()) {
    for (const ref of shape.references) {
      if (!done.has(ref.target)) problems.add(ref.where, `target \`${ref.target}\` is not defined`);
    }
  }
  return done;
}

function pick(shape: RawShape): Partial<AstShape> {
  const out: Record<string, unknown> = {};
  for (const key of ["input", "output", "errors", "version", "operations", "resources", "rename", "lifecycle", "collectionOperations", "identifiers"] as const) {
    if (shape[key] !== undefined) out[key] = shape[key];
  }
  return out as Partial<AstShape>;
}

function ownMembers(shape: RawShape): AstMember[] {
  return [...(shape.members ?? []), ...[shape.member, shape.key, shape.value].filter((m) => m !== undefined)];
}

