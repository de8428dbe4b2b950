/**
 * Compiles a `smithy.rules#endpointRuleSet` into straight-line TypeScript, as smithy-rs and the AWS SDK for Java
 * v2 do: conditions become `if`s, references become local constants, templates become template literals, and
 * the run time keeps only the few rules functions the rule set calls (src/runtime/client/endpoint-functions.ts). No
 * rules engine and no rule-set data travel with a client; of the AWS partition data, only the outputs the rules
 * read and the regions whose outputs differ from what the partitions' regular expressions give.
 *
 * Semantics follow the rules engine the AWS SDK v3 uses (`@smithy/core/endpoints`): rules are tried in order;
 * a condition holds when its value is neither empty (`undefined`) nor `false`; a tree whose conditions hold
 * and none of whose rules applies ends in the error "Rules evaluation failed".
 */
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { inlineLiteral } from "./literal.js";
import { layoutBlock } from "./statements.js";

/** What the compiled rule set needs from the runtime. */
export interface CompiledRuleSet {
  /** Statements: the parameter type, the partition data (if any), the function. */
  readonly code: string;
  /** Runtime names the code uses (values), and runtime types. */
  readonly runtimeValues: readonly string[];
  readonly runtimeTypes: readonly string[];
}

type Kind = "string" | "boolean" | "number" | "stringArray" | "partition" | "url" | "arn" | "unknown";

interface Value {
  readonly code: string;
  readonly kind: Kind;
  /** May be `undefined` (no value). */
  readonly optional: boolean;
  /** The rule-set reference this value is, when it is one (for narrowing by `isSet`). */
  readonly ref?: string;
}

interface Binding {
  readonly local: string;
  readonly kind: Kind;
  readonly optional: boolean;
}

type Scope = ReadonlyMap<string, Binding>;

interface RuleJson {
  readonly type: string;
  readonly conditions?: readonly ConditionJson[];
  readonly rules?: readonly RuleJson[];
  readonly error?: unknown;
  readonly endpoint?: { readonly url: unknown; readonly properties?: Record<string, unknown>; readonly headers?: Record<string, readonly unknown[]> };
}

interface ConditionJson {
  readonly fn: string;
  readonly argv: readonly unknown[];
  readonly assign?: string;
}

interface ParameterJson {
  readonly type: string;
  readonly required?: boolean;
  readonly default?: unknown;
  readonly documentation?: string;
  readonly deprecated?: unknown;
}

/** A rule set the compiler cannot handle, with the place and the reason. */
export class RuleSetCompileError extends Error {
  override readonly name = "RuleSetCompileError";
}

const URL_FIELDS: Readonly<Record<string, Kind>> = { scheme: "string", authority: "string", path: "string", normalizedPath: "string", isIp: "boolean" };
const ARN_FIELDS: Readonly<Record<string, Kind>> = { partition: "string", service: "string", region: "string", accountId: "string", resourceId: "stringArray" };

/** Names the generated function uses for itself; rule-set names that collide get a prefix. */
const RESERVED = new Set([
  "parameters", "PARTITIONS", "awsPartition", "parseURL", "substring", "uriEncode", "parseArn", "isVirtualHostableS3Bucket",
  "validHostLabel", "split", "endpointRuleError", "undefined", "NaN", "Infinity", "arguments", "eval",
  "break", "case", "catch", "class", "const", "continue", "debugger", "default", "delete", "do", "else", "enum", "export", "extends",
  "false", "finally", "for", "function", "if", "import", "in", "instanceof", "new", "null", "return", "super", "switch", "this",
  "throw", "true", "try", "typeof", "var", "void", "while", "with", "yield", "let", "static", "implements", "interface", "package",
  "private", "protected", "public", "await", "async",
]);

function localName(name: string): string {
  const cleaned = name.replace(/[^A-Za-z0-9_$]/g, "_");
  const safe = /^[0-9]/.test(cleaned) ? `_${cleaned}` : cleaned;
  return RESERVED.has(safe) ? `${safe}_` : safe;
}

/** The partition data of `@aws-sdk/util-endpoints` (shipped inside `@aws-sdk/core`), as the SDK evaluates it. */
interface PartitionsJson {
  readonly partitions: readonly {
    readonly id: string;
    readonly regionRegex: string;
    readonly outputs: Readonly<Record<string, unknown>>;
    readonly regions: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  }[];
}

/** Reads the AWS partition data the AWS SDK v3 resolves `aws.partition` with (the installed version). */
export function loadAwsPartitions(): PartitionsJson {
  const require = createRequire(import.meta.url);
  const file = join(dirname(require.resolve("@aws-sdk/core/package.json")), "dist-es/submodules/client/util-endpoints/lib/aws/partitions.js");
  const text = readFileSync(file, "utf8");
  const start = text.indexOf("{");
  const end = text.lastIndexOf("}");
  if (!text.startsWith("export const partitionsInfo =") || start < 0 || end < start) {
    throw new RuleSetCompileError(`${file} no longer has the expected shape (export const partitionsInfo = {...})`);
  }
  return JSON.parse(text.slice(start, end + 1)) as PartitionsJson;
}

/**
 * Compiles `ruleSet` into TypeScript statements declaring the parameter type (`parametersType`, e.g.
 * `IoTManagedIntegrationsEndpointParameters`), the partition data the rules read, and
 * `resolveEndpointRules(parameters)`.
 */
export function compileRuleSet(ruleSet: unknown, parametersType: string, partitions: () => PartitionsJson = loadAwsPartitions): CompiledRuleSet {
  const set = ruleSet as { readonly parameters?: Record<string, ParameterJson>; readonly rules?: readonly RuleJson[] };
  if (typeof set !== "object" || set === null || !Array.isArray(set.rules)) throw new RuleSetCompileError("the endpoint rule set has no rules list");
  const values = new Set<string>(["endpointRuleError"]);
  const partitionFields = new Set<string>();
  let partitionWhole = false;

  const parameterTypes: string[] = [];
  const prologue: string[] = [];
  const scope = new Map<string, Binding>();
  for (const [name, parameter] of Object.entries(set.parameters ?? {})) {
    // The spelling varies between models (`String`, `string`, `stringArray`).
    const type = String(parameter.type).toLowerCase();
    const kind: Kind = type === "string" ? "string" : type === "boolean" ? "boolean" : type === "stringarray" ? "stringArray" : "unknown";
    if (kind === "unknown") throw new RuleSetCompileError(`parameter ${name}: type ${JSON.stringify(parameter.type)} is not supported`);
    const tsType = kind === "string" ? "string" : kind === "boolean" ? "boolean" : "readonly string[]";
    const docs = [parameter.documentation?.trim(), parameter.deprecated === undefined ? undefined : "@deprecated"].filter((d): d is string => d !== undefined && d !== "");
    const doc = docs.length === 0 ? "" : `/** ${docs.join(" ").replace(/\*\//g, "*\\/").replace(/\s+/g, " ")} */\n`;
    parameterTypes.push(`${doc}readonly ${JSON.stringify(name).slice(1, -1) === name && /^[A-Za-z_$][\w$]*$/.test(name) ? name : JSON.stringify(name)}?: ${tsType} | undefined;`);
    const local = localName(name);
    const read = /^[A-Za-z_$][\w$]*$/.test(name) ? `parameters.${name}` : `parameters[${JSON.stringify(name)}]`;
    let optional = true;
    if (parameter.default !== undefined) {
      prologue.push(`const ${local} = ${read} ?? ${JSON.stringify(parameter.default)};`);
      optional = false;
    } else {
      prologue.push(`const ${local} = ${read};`);
      if (parameter.required === true) {
        prologue.push(`if (${local} === undefined) throw endpointRuleError(${JSON.stringify(`Missing required parameter: '${name}'`)});`);
        optional = false;
      }
    }
    scope.set(name, { local, kind, optional });
  }

  /** A template string: `{Name}` and `{Name#path}` are references; `{{` and `}}` are literal braces. */
  function template(text: string, scope: Scope, where: string): Value {
    const parts: string[] = [];
    let literal = "";
    let dynamic = false;
    for (let i = 0; i < text.length; i++) {
      const c = text[i]!;
      if ((c === "{" || c === "}") && text[i + 1] === c) {
        literal += c;
        i++;
        continue;
      }
      if (c !== "{") {
        literal += c;
        continue;
      }
      const close = text.indexOf("}", i);
      if (close < 0) throw new RuleSetCompileError(`${where}: unclosed "{" in template ${JSON.stringify(text)}`);
      const inner = text.slice(i + 1, close);
      const [ref, path] = inner.split("#") as [string, string | undefined];
      const base = reference(ref, scope, where);
      const value = path === undefined ? base : attribute(base, path, where);
      if (path === undefined && base.kind === "partition") partitionWhole = true;
      parts.push(`${escapeTemplate(literal)}\${${value.code}}`);
      literal = "";
      dynamic = true;
      i = close;
    }
    if (!dynamic) return { code: JSON.stringify(literal), kind: "string", optional: false };
    return { code: `\`${parts.join("")}${escapeTemplate(literal)}\``, kind: "string", optional: false };
  }

  function reference(name: string, scope: Scope, where: string): Value {
    const binding = scope.get(name);
    if (binding === undefined) throw new RuleSetCompileError(`${where}: reference to ${JSON.stringify(name)}, which is neither a parameter nor assigned before`);
    return { code: binding.local, kind: binding.kind, optional: binding.optional, ref: name };
  }

  /** `getAttr`: a path of names and `[index]`es, resolved at generation time into property accesses. */
  function attribute(base: Value, path: string, where: string): Value {
    let code = base.code;
    let kind: Kind = base.kind;
    let optional = base.optional;
    for (const part of path.split(".")) {
      const match = /^([^[\]]*)((?:\[-?\d+\])*)$/.exec(part);
      if (match === null) throw new RuleSetCompileError(`${where}: getAttr path ${JSON.stringify(path)} is not understood`);
      const [, name, indexes] = match as unknown as [string, string, string];
      if (name !== "") {
        const field = fieldKind(kind, name, where);
        if (kind === "partition") partitionFields.add(name);
        code = `${code}${optional ? "?." : "."}${/^[A-Za-z_$][\w$]*$/.test(name) ? name : `[${JSON.stringify(name)}]`}`;
        kind = field;
      }
      for (const index of indexes.match(/-?\d+/g) ?? []) {
        if (kind !== "stringArray") throw new RuleSetCompileError(`${where}: getAttr path ${JSON.stringify(path)} indexes a value that is not a list`);
        code = `${code}${optional ? "?." : "."}at(${index})`;
        kind = "string";
        optional = true;
      }
    }
    return { code, kind, optional };
  }

  function fieldKind(kind: Kind, name: string, where: string): Kind {
    if (kind === "partition") {
      const sample = partitions().partitions.find((p) => p.id === "aws")?.outputs[name];
      if (sample === undefined) throw new RuleSetCompileError(`${where}: the AWS partitions have no output ${JSON.stringify(name)}`);
      return typeof sample === "boolean" ? "boolean" : "string";
    }
    const fields = kind === "url" ? URL_FIELDS : kind === "arn" ? ARN_FIELDS : undefined;
    const field = fields?.[name];
    if (field === undefined) throw new RuleSetCompileError(`${where}: getAttr of ${JSON.stringify(name)} on a ${kind} value is not supported`);
    return field;
  }

  function expression(value: unknown, scope: Scope, where: string): Value {
    if (typeof value === "string") return template(value, scope, where);
    if (typeof value === "boolean") return { code: String(value), kind: "boolean", optional: false };
    if (typeof value === "number") return { code: String(value), kind: "number", optional: false };
    if (Array.isArray(value)) {
      const items = value.map((item, i) => expression(item, scope, `${where}[${i}]`).code);
      return { code: `[${items.join(", ")}]`, kind: "stringArray", optional: false };
    }
    if (typeof value === "object" && value !== null && "ref" in value) {
      const ref = reference(String((value as { ref: unknown }).ref), scope, where);
      return ref;
    }
    if (typeof value === "object" && value !== null && "fn" in value) return call(value as ConditionJson, scope, where);
    throw new RuleSetCompileError(`${where}: expression ${JSON.stringify(value)} is not understood`);
  }

  function call(condition: ConditionJson, scope: Scope, where: string): Value {
    const at = `${where} ${condition.fn}`;
    const args = condition.argv.map((arg, i) => (condition.fn === "getAttr" && i === 1 ? undefined : expression(arg, scope, `${at} argument ${i + 1}`)));
    const arg = (i: number): Value => {
      const value = args[i];
      if (value === undefined) throw new RuleSetCompileError(`${at}: argument ${i + 1} is missing`);
      return value;
    };
    const runtime = (name: string, kind: Kind, optional: boolean, ...codes: string[]): Value => {
      values.add(name);
      return { code: `${name}(${codes.join(", ")})`, kind, optional };
    };
    switch (condition.fn) {
      case "isSet":
        return { code: `${arg(0).code} !== undefined`, kind: "boolean", optional: false };
      case "not":
        return { code: `!(${arg(0).code})`, kind: "boolean", optional: false };
      case "booleanEquals":
      case "stringEquals":
        return { code: `${arg(0).code} === ${arg(1).code}`, kind: "boolean", optional: false };
      case "getAttr": {
        const path = condition.argv[1];
        if (typeof path !== "string") throw new RuleSetCompileError(`${at}: the path must be a string`);
        return attribute(arg(0), path, at);
      }
      case "coalesce": {
        const all = condition.argv.map((_, i) => arg(i));
        return { code: `(${all.map((v) => v.code).join(" ?? ")})`, kind: all[0]?.kind ?? "unknown", optional: all.every((v) => v.optional) };
      }
      case "ite":
        return { code: `(${arg(0).code} ? ${arg(1).code} : ${arg(2).code})`, kind: arg(1).kind, optional: arg(1).optional || arg(2).optional };
      case "aws.partition":
        values.add("PARTITIONS");
        return runtime("awsPartition", "partition", false, "PARTITIONS", arg(0).code);
      case "parseURL":
        return runtime("parseURL", "url", true, arg(0).code);
      case "substring":
        return runtime("substring", "string", true, arg(0).code, arg(1).code, arg(2).code, arg(3).code);
      case "uriEncode":
        return runtime("uriEncode", "string", arg(0).optional, arg(0).code);
      case "isValidHostLabel":
        return runtime("validHostLabel", "boolean", false, arg(0).code, arg(1).code);
      case "aws.parseArn":
        return runtime("parseArn", "arn", true, arg(0).code);
      case "aws.isVirtualHostableS3Bucket":
        return runtime("isVirtualHostableS3Bucket", "boolean", false, arg(0).code, arg(1).code);
      case "split":
        return runtime("split", "stringArray", true, arg(0).code, arg(1).code, arg(2).code);
      default:
        throw new RuleSetCompileError(`${at}: the rules function ${JSON.stringify(condition.fn)} is not supported by the compiler`);
    }
  }

  /** The test a condition's value passes, or undefined when it always does. */
  function holds(value: Value): string | undefined {
    if (value.kind === "boolean") return value.optional ? `${value.code} === true` : value.code;
    return value.optional ? `${value.code} !== undefined` : undefined;
  }

  /** A JavaScript value written from a rule-set value (endpoint properties): strings are templates. */
  function data(value: unknown, scope: Scope, where: string): string {
    if (typeof value === "string") return template(value, scope, where).code;
    if (Array.isArray(value)) return `[${value.map((v, i) => data(v, scope, `${where}[${i}]`)).join(", ")}]`;
    if (typeof value === "object" && value !== null) {
      if ("ref" in value || "fn" in value) return expression(value, scope, where).code;
      return `{ ${Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}: ${data(v, scope, `${where}.${k}`)}`).join(", ")} }`;
    }
    return JSON.stringify(value);
  }

  /** Emits `rules` in order; `true` when control never falls through the emitted code. */
  function rulesCode(rules: readonly RuleJson[], scope: Scope, where: string, out: string[]): boolean {
    for (const [i, rule] of rules.entries()) {
      if (ruleCode(rule, scope, `${where}[${i}]`, out)) return true;
    }
    return false;
  }

  function ruleCode(rule: RuleJson, outer: Scope, where: string, out: string[]): boolean {
    const scope = new Map(outer);
    const lines: string[] = [];
    let opened = 0;
    const assigns = (rule.conditions ?? []).some((c) => c.assign !== undefined);
    if (assigns) lines.push("{");
    let pending: string[] = [];
    const flush = (): void => {
      if (pending.length === 0) return;
      lines.push(`if (${pending.join(" && ")}) {`);
      opened++;
      pending = [];
    };
    for (const [i, condition] of (rule.conditions ?? []).entries()) {
      const value = call(condition, scope, `${where} condition ${i + 1}`);
      if (condition.assign !== undefined) {
        flush();
        if (outer.has(condition.assign) || scope.has(condition.assign)) throw new RuleSetCompileError(`${where}: ${condition.assign} is assigned twice`);
        const local = localName(condition.assign);
        lines.push(`const ${local} = ${value.code};`);
        const test = holds({ ...value, code: local });
        if (test !== undefined) pending.push(test);
        scope.set(condition.assign, { local, kind: value.kind, optional: false });
      } else {
        const test = holds(value);
        if (test !== undefined) pending.push(test);
        // isSet(ref): within the rule the reference has a value.
        const isSetOf = condition.fn === "isSet" && typeof condition.argv[0] === "object" && condition.argv[0] !== null && "ref" in condition.argv[0] ? String((condition.argv[0] as { ref: unknown }).ref) : undefined;
        const binding = isSetOf === undefined ? undefined : scope.get(isSetOf);
        if (isSetOf !== undefined && binding !== undefined) scope.set(isSetOf, { ...binding, optional: false });
      }
    }
    flush();
    let terminates: boolean;
    if (rule.type === "endpoint") {
      const endpoint = rule.endpoint;
      if (endpoint === undefined) throw new RuleSetCompileError(`${where}: endpoint rule without an endpoint`);
      const fields = [`url: ${expression(endpoint.url, scope, `${where} url`).code}`];
      if (endpoint.properties !== undefined && Object.keys(endpoint.properties).length > 0) fields.push(`properties: ${data(endpoint.properties, scope, `${where} properties`)}`);
      if (endpoint.headers !== undefined && Object.keys(endpoint.headers).length > 0) fields.push(`headers: ${data(endpoint.headers, scope, `${where} headers`)}`);
      lines.push(`return { ${fields.join(", ")} };`);
      terminates = true;
    } else if (rule.type === "error") {
      lines.push(`throw endpointRuleError(${expression(rule.error, scope, `${where} error`).code});`);
      terminates = true;
    } else if (rule.type === "tree") {
      if (!rulesCode(rule.rules ?? [], scope, `${where} rules`, lines)) lines.push(`throw endpointRuleError("Rules evaluation failed");`);
      terminates = true;
    } else {
      throw new RuleSetCompileError(`${where}: rule type ${JSON.stringify(rule.type)} is not understood`);
    }
    for (let i = 0; i < opened; i++) lines.push("}");
    // A block keeps the rule's constants from clashing with a later rule's; a rule that always applies has no
    // later rule, and needs none.
    if (assigns && opened === 0) lines.shift();
    else if (assigns) lines.push("}");
    out.push(...lines);
    return terminates && opened === 0;
  }

  const body: string[] = [];
  if (!rulesCode(set.rules, scope, "rules", body)) body.push(`throw endpointRuleError("Rules evaluation failed");`);

  const statements: string[] = [
    `/**\n * The parameters of the endpoint rule set, by their names in the model.\n * @public\n */\nexport type ${parametersType} = {\n${parameterTypes.join("\n")}\n};`,
  ];
  const runtimeTypes = ["EndpointRuleResult"];
  if (values.has("PARTITIONS")) {
    values.delete("PARTITIONS");
    runtimeTypes.push("PartitionData");
    statements.push(partitionData(partitions(), partitionWhole ? undefined : [...partitionFields].sort()));
  }
  statements.push(
    `/**\n * The model's endpoint rule set, compiled: where a call goes for the given parameters, or the rule set's\n * own error (a \`ConfigurationError\`).\n * @internal\n */\nexport function resolveEndpointRules(parameters: ${parametersType}): EndpointRuleResult {\n${[...prologue, ...body].join("\n")}\n}`,
  );
  return { code: statements.map((statement) => layoutBlock([statement])).join("\n\n"), runtimeValues: [...values].sort(), runtimeTypes };
}

function escapeTemplate(text: string): string {
  return text.replace(/[\\`]/g, (c) => `\\${c}`).replace(/\$\{/g, "\\${");
}

/**
 * The partition data the rules read: every partition with the outputs in `fields` (all when undefined), and
 * the regions whose outputs differ from what the regular expressions alone would give.
 */
function partitionData(json: PartitionsJson, fields: readonly string[] | undefined): string {
  if (!json.partitions.some((p) => p.id === "aws")) throw new RuleSetCompileError("the AWS partition data has no `aws` partition");
  const pick = (record: Readonly<Record<string, unknown>>): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    for (const key of fields ?? Object.keys(record)) if (record[key] !== undefined) out[key] = record[key];
    return out;
  };
  const byRegex = (region: string): Record<string, unknown> => {
    const partition = json.partitions.find((p) => new RegExp(p.regionRegex).test(region)) ?? json.partitions.find((p) => p.id === "aws")!;
    return pick(partition.outputs);
  };
  const outputKeys = fields ?? Object.keys(json.partitions.find((p) => p.id === "aws")!.outputs);
  const sample = json.partitions.find((p) => p.id === "aws")!.outputs;
  const outputsType = `{ ${outputKeys.map((k) => `readonly ${k}: ${typeof sample[k] === "boolean" ? "boolean" : "string"}`).join("; ")} }`;
  const entries = json.partitions.map((partition) => {
    const outputs = pick(partition.outputs);
    const regions: string[] = [];
    for (const [region, overrides] of Object.entries(partition.regions)) {
      const full = { ...outputs, ...pick(overrides) };
      if (JSON.stringify(full) !== JSON.stringify(byRegex(region))) regions.push(`${JSON.stringify(region)}: ${inlineLiteral(full)}`);
    }
    const regex = `/${partition.regionRegex.replace(/\//g, "\\/")}/`;
    return `{ id: ${JSON.stringify(partition.id)}, regionRegex: ${regex}, outputs: ${inlineLiteral(outputs)}, regions: ${regions.length === 0 ? "{}" : `{ ${regions.join(", ")} }`} }`;
  });
  return (
    `/** The AWS partitions as the rules read them (from the AWS SDK's partition data at generation time). */\n` +
    `const PARTITIONS: readonly PartitionData<${outputsType}>[] = [\n${entries.join(",\n")},\n];`
  );
}
