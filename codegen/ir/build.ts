/**
 * Builds the {@link ServiceIR} of one service from a loaded model.
 *
 * This is where the raw traits are read and every decision for the emitters is made: which operations the
 * service has (directly and through resources), names, wire names, HTTP bindings, merged constraints,
 * nullability, documentation. Features the generator does not support are reported, never skipped.
 */
import { collectResources, paginationOf, type PaginationIR } from "./resources.js";
import type { AstMember, AstShape, LoadedModel, Traits } from "../load/ast.js";
import { shapeName, shapeNamespace } from "../load/ast.js";
import { ProblemList, UnsupportedModelError } from "../load/errors.js";
import { UNIT } from "../load/prelude.js";
import { documentationToText } from "./docs.js";
import { clientNameFromSdkId, typeScriptName } from "./names.js";
import type {
  ClientContextParam,
  Constraints,
  EndpointParamSource,
  EndpointTestCase,
  ErrorInfo,
  HttpBinding,
  HttpMessageTest,
  MemberIR,
  NumberKind,
  OperationIR,
  ServiceIR,
  ShapeIR,
  StructureShape,
  TimestampFormat,
  WaiterAcceptorIR,
  WaiterIR,
  WaiterPathIR,
} from "./types.js";
import * as jmespath from "jmespath";
import { translatePattern } from "./pattern.js";
import { parseUri } from "./uri.js";

/**
 * Options of {@link buildServiceIR}.
 * @public
 */
export interface BuildOptions {
  /** Absolute id of the service to generate; needed only when the model has several services. */
  readonly service?: string;
  /** Path of the model as it should appear in the do-not-edit header (relative, no absolute paths). */
  readonly sourceModel: string;
  /**
   * Operation names to keep (`--operations`); the shapes are then the closure of these operations only.
   * Default: every operation of the service.
   */
  readonly operations?: readonly string[];
}

const NUMBER_KINDS: ReadonlySet<string> = new Set<NumberKind>(["byte", "short", "integer", "long", "float", "double", "bigInteger", "bigDecimal"]);
const SCALAR_KINDS: ReadonlySet<string> = new Set([...NUMBER_KINDS, "string", "enum", "intEnum", "boolean", "timestamp"]);
const AUTH_TRAITS = ["smithy.api#httpBasicAuth", "smithy.api#httpDigestAuth", "smithy.api#httpBearerAuth", "smithy.api#httpApiKeyAuth"];
const REST_JSON = "aws.protocols#restJson1";
const COMPARATORS: ReadonlySet<string> = new Set(["stringEquals", "booleanEquals", "allStringEquals", "anyStringEquals"]);

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Builds the IR of the service `options.service` (or the model's only service).
 * @throws {@link ModelError} listing every unsupported feature or inconsistent binding found.
 * @public
 */
export function buildServiceIR(model: LoadedModel, options: BuildOptions): ServiceIR {
  return new IrBuilder(model, options).build();
}

class IrBuilder {
  private readonly problems = new ProblemList();
  private readonly warnings: { shapeId: string; message: string }[] = [];
  /** Event-stream unions met while building (refused together, in one line). */
  private readonly eventStreams: string[] = [];
  private readonly shapes = new Map<string, ShapeIR>();
  /** Shape name → id of the shapes built so far. */
  private readonly names = new Map<string, string>();
  /** Shape id → TypeScript name, decided up front (`assignNames`). */
  private readonly assigned = new Map<string, string>();
  /** Every name given out, lower-cased. */
  private readonly taken = new Set<string>();
  /** Structure id → role and binding signature it was first bound with. */
  private readonly boundAs = new Map<string, { role: string; signature: string }>();
  private rename: Readonly<Record<string, string>> = {};

  constructor(
    private readonly model: LoadedModel,
    private readonly options: BuildOptions,
  ) {}

  build(): ServiceIR {
    const service = this.findService();
    this.problems.throwIfAny(this.model.source);
    if (!service) throw new Error("unreachable: no service and no problem");
    this.rename = service.rename ?? {};
    const traits = service.traits;
    this.checkProtocol(service);

    const aws = isObject(traits["aws.api#service"]) ? traits["aws.api#service"] : {};
    const sigv4 = isObject(traits["aws.auth#sigv4"]) ? traits["aws.auth#sigv4"] : undefined;
    const name = shapeName(service.id);
    const sdkId = typeof aws["sdkId"] === "string" ? aws["sdkId"] : name;
    const clientName = clientNameFromSdkId(sdkId);
    if (!/^[A-Za-z_]/.test(clientName)) this.problems.add(service.id, `sdkId \`${sdkId}\` does not start with a letter`);
    const arnNamespace = typeof aws["arnNamespace"] === "string" ? aws["arnNamespace"] : name.toLowerCase();
    const signingName = sigv4 && typeof sigv4["name"] === "string" ? sigv4["name"] : arnNamespace;
    const endpointPrefix = typeof aws["endpointPrefix"] === "string" ? aws["endpointPrefix"] : arnNamespace;

    const operationIds = this.selectOperations(this.collectOperations(service));
    const serviceErrors = service.errors ?? [];
    this.assignNames(clientName, operationIds, serviceErrors);
    const operations = operationIds.flatMap((id) => this.operation(id, serviceErrors) ?? []);
    if (this.eventStreams.length > 0) {
      const line = `unsupported feature event streams (unions marked \`smithy.api#streaming\`): ${this.eventStreams.join(", ")}`;
      throw new UnsupportedModelError(line, this.eventStreams.map((shapeId) => ({ shapeId, message: line })), this.model.source);
    }
    this.checkMethodNames(operations);
    this.problems.throwIfAny(this.model.source);

    const named = [...this.shapes.values()].filter((s) => !s.id.startsWith("smithy.api#"));
    const byName = (a: { name: string }, b: { name: string }): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
    const errorShapes = named.filter((s): s is StructureShape => s.kind === "structure" && s.error !== undefined).sort(byName);
    const documentation = this.docs(traits);
    const title = typeof traits["smithy.api#title"] === "string" ? traits["smithy.api#title"] : undefined;
    return {
      id: service.id,
      name,
      sdkId,
      clientName,
      apiVersion: service.version ?? "",
      signingName,
      endpointPrefix,
      ...(title === undefined ? {} : { title }),
      ...(documentation === undefined ? {} : { documentation }),
      protocol: "restJson1",
      ...("smithy.rules#endpointRuleSet" in traits ? { endpointRuleSet: traits["smithy.rules#endpointRuleSet"] } : {}),
      endpointTests: this.endpointTests(service),
      clientContextParams: this.clientContextParams(service),
      auth: this.authSchemes(service),
      operations: [...operations].sort(byName),
      shapes: named.sort(byName),
      errorShapes,
      arnNamespace,
      resources: collectResources(this.model, service, operations),
      sourceModel: this.options.sourceModel,
      warnings: this.warnings,
    };
  }

  private findService(): AstShape | undefined {
    const services = [...this.model.shapes.values()].filter((s) => s.type === "service");
    if (this.options.service !== undefined) {
      const found = this.model.shapes.get(this.options.service);
      if (!found || found.type !== "service") {
        this.problems.add(this.options.service, `no service with this id; the model has ${services.map((s) => `\`${s.id}\``).join(", ") || "none"}`);
        return undefined;
      }
      return found;
    }
    if (services.length === 1) return services[0];
    this.problems.add(
      "(model)",
      services.length === 0
        ? "the model has no service shape"
        : `the model has ${services.length} services (${services.map((s) => s.id).join(", ")}); choose one with --service`,
    );
    return undefined;
  }

  /** Another protocol, or auth other than SigV4/bearer, refuses the whole model in one line. */
  private checkProtocol(service: AstShape): void {
    const protocols = Object.keys(service.traits).filter((t) => t.startsWith("aws.protocols#") || t.startsWith("smithy.protocols#"));
    if (!protocols.includes(REST_JSON)) {
      const named = protocols.length === 0 ? "none named" : protocols.map((p) => `\`${p}\``).join(", ");
      const line = `unsupported protocol ${named}: iotmi generates clients for \`${REST_JSON}\` only (service ${service.id})`;
      throw new UnsupportedModelError(line, [{ shapeId: service.id, message: line }], this.model.source);
    }
    const auth = AUTH_TRAITS.filter((t) => t in service.traits);
    if (!("aws.auth#sigv4" in service.traits) && !("smithy.api#httpBearerAuth" in service.traits) && auth.length > 0) {
      const line = `unsupported auth ${auth.map((a) => `\`${a}\``).join(", ")}: iotmi signs with \`aws.auth#sigv4\` or sends \`smithy.api#httpBearerAuth\` tokens (service ${service.id})`;
      throw new UnsupportedModelError(line, [{ shapeId: service.id, message: line }], this.model.source);
    }
  }


  /** The operations `options.operations` names (all when it names none); an unknown name is a problem. */
  private selectOperations(ids: readonly string[]): string[] {
    const wanted = this.options.operations;
    if (wanted === undefined) return [...ids];
    const byName = new Map(ids.map((id) => [this.rename[id] ?? shapeName(id), id]));
    const unknown = wanted.filter((name) => !byName.has(name));
    if (unknown.length > 0) {
      this.problems.add("(model)", `--operations: no operation named ${unknown.map((n) => `\`${n}\``).join(", ")}; the service has ${[...byName.keys()].sort().join(", ")}`);
      this.problems.throwIfAny(this.model.source);
    }
    return ids.filter((id) => wanted.includes(this.rename[id] ?? shapeName(id)));
  }

  /** Operations bound to the service directly and through its resources, in model order, without duplicates. */
  private collectOperations(service: AstShape): string[] {
    const out: string[] = [];
    const seenResources = new Set<string>();
    const add = (id: string): void => {
      if (!out.includes(id)) out.push(id);
    };
    const walk = (container: AstShape): void => {
      for (const role of ["create", "put", "read", "update", "delete", "list"]) {
        const id = container.lifecycle?.[role];
        if (id !== undefined) add(id);
      }
      for (const id of container.operations ?? []) add(id);
      for (const id of container.collectionOperations ?? []) add(id);
      for (const id of container.resources ?? []) {
        const resource = this.model.shapes.get(id);
        if (!resource || seenResources.has(id)) continue;
        seenResources.add(id);
        walk(resource);
      }
    };
    walk(service);
    return out;
  }

  /**
   * Decides every TypeScript name up front, so names never depend on the order shapes are reached in: the
   * generator's own declarations first, then operations (and the commands named after them), then the other
   * shapes of the service closure, each sorted by shape id. A name already taken — compared ignoring case, as
   * Smithy does and as case-insensitive file systems need — or one a keyword, global or runtime import owns gets
   * a `_` prefix until it is free.
   */
  private assignNames(clientName: string, operationIds: readonly string[], serviceErrors: readonly string[]): void {
    for (const generated of [clientName, `${clientName}Client`, `${clientName}ClientConfig`, `${clientName}ServiceException`, "ServiceInputTypes", "ServiceOutputTypes"]) {
      this.taken.add(generated.toLowerCase());
    }
    for (const id of [...operationIds].sort()) {
      const name = this.freeName(this.rename[id] ?? shapeName(id));
      this.assigned.set(id, name);
      for (const suffix of ["Command", "CommandInput", "CommandOutput"]) this.taken.add(`${name}${suffix}`.toLowerCase());
    }
    for (const id of [...this.closure(operationIds, serviceErrors)].sort()) {
      if (!this.assigned.has(id)) this.assigned.set(id, this.freeName(this.rename[id] ?? shapeName(id)));
    }
  }

  /** `base` (made safe by `typeScriptName`), prefixed with `_` until no other name has it; then taken. */
  private freeName(base: string): string {
    let name = typeScriptName(base);
    while (this.taken.has(name.toLowerCase())) name = `_${name}`;
    this.taken.add(name.toLowerCase());
    return name;
  }

  /** Non-prelude shape ids reachable from the operations and service errors. */
  private closure(operationIds: readonly string[], serviceErrors: readonly string[]): Set<string> {
    const seen = new Set<string>();
    const stack = [...serviceErrors];
    for (const id of operationIds) {
      const op = this.model.shapes.get(id);
      if (op?.input !== undefined) stack.push(op.input);
      if (op?.output !== undefined) stack.push(op.output);
      stack.push(...(op?.errors ?? []));
    }
    while (stack.length > 0) {
      const id = stack.pop()!;
      const shape = this.model.shapes.get(id);
      if (seen.has(id) || shape === undefined || shape.prelude) continue;
      seen.add(id);
      for (const member of [...(shape.members ?? []), shape.member, shape.key, shape.value]) if (member !== undefined) stack.push(member.target);
    }
    return seen;
  }

  private checkMethodNames(operations: readonly OperationIR[]): void {
    // Methods of the aggregated client must not hide what `Client` itself has.
    const clientMembers = new Set(["send", "destroy", "config", "middlewareStack", "initConfig", "handlers", "constructor"]);
    for (const op of operations) {
      const method = op.name.charAt(0).toLowerCase() + op.name.slice(1);
      if (clientMembers.has(method)) {
        this.problems.add(op.id, `operation name \`${op.name}\` would become method \`${method}\`, which the client already has; rename it with the service's \`rename\` property`);
      }
    }
  }

  /** The name `assignNames` decided (prelude shapes keep theirs). */
  private nameOf(id: string): string {
    return this.assigned.get(id) ?? typeScriptName(this.rename[id] ?? shapeName(id));
  }

  private claimName(id: string, name: string): void {
    this.names.set(name, id);
  }

  private docs(traits: Traits): string | undefined {
    const doc = traits["smithy.api#documentation"];
    if (typeof doc !== "string") return undefined;
    const text = documentationToText(doc);
    return text === "" ? undefined : text;
  }

  private deprecated(traits: Traits): { deprecated?: string | true } {
    const value = traits["smithy.api#deprecated"];
    if (!isObject(value)) return {};
    return { deprecated: typeof value["message"] === "string" ? value["message"] : true };
  }

  /** Constraints of a shape or member; `where` names it in warnings. */
  private constraints(traits: Traits, where: string): Constraints {
    const out: Mutable<Constraints> = {};
    const length = traits["smithy.api#length"];
    if (isObject(length)) {
      out.length = {
        ...(length["min"] === undefined ? {} : { min: Number(length["min"]) }),
        ...(length["max"] === undefined ? {} : { max: Number(length["max"]) }),
      };
    }
    const range = traits["smithy.api#range"];
    if (isObject(range)) {
      out.range = {
        ...(range["min"] === undefined ? {} : { min: Number(range["min"]) }),
        ...(range["max"] === undefined ? {} : { max: Number(range["max"]) }),
      };
    }
    const pattern = traits["smithy.api#pattern"];
    if (typeof pattern === "string") {
      const translated = translatePattern(pattern);
      // (A pattern that is no regular expression at all was refused by the loader.)
      if ("untranslatable" in translated) {
        this.warnings.push({ shapeId: where, message: `pattern ${JSON.stringify(pattern)} not checked by the client: ${translated.untranslatable}` });
      } else if ("source" in translated) {
        out.pattern = translated;
      }
    }
    if ("smithy.api#uniqueItems" in traits) out.uniqueItems = true;
    return out;
  }

  private shape(id: string): ShapeIR {
    const cached = this.shapes.get(id);
    if (cached) return cached;
    const ast = this.model.shapes.get(id);
    if (!ast) throw new Error(`unreachable: unchecked target ${id}`);
    const name = this.nameOf(id);
    if (!ast.prelude) this.claimName(id, name);
    const traits = ast.traits;
    const documentation = this.docs(traits);
    const base = {
      id,
      name,
      ...(documentation === undefined ? {} : { documentation }),
      sensitive: "smithy.api#sensitive" in traits,
      ...this.deprecated(traits),
      constraints: this.constraints(traits, id),
    };
    const mediaType = typeof traits["smithy.api#mediaType"] === "string" ? { mediaType: traits["smithy.api#mediaType"] } : {};
    let shape: ShapeIR;
    switch (ast.type) {
      case "string":
        shape = isObject(traits) && Array.isArray(traits["smithy.api#enum"])
          ? { ...base, kind: "enum", values: this.legacyEnum(id, traits["smithy.api#enum"]) }
          : { ...base, kind: "string", ...mediaType };
        break;
      case "enum":
      case "intEnum": {
        const values = (ast.members ?? []).map((m) => {
          const doc = this.docs(m.traits);
          const value = m.traits["smithy.api#enumValue"] ?? m.name;
          return { name: m.name, value, ...(doc === undefined ? {} : { documentation: doc }) };
        });
        shape = ast.type === "enum"
          ? { ...base, kind: "enum", values: values as { name: string; value: string }[] }
          : { ...base, kind: "intEnum", values: values as { name: string; value: number }[] };
        break;
      }
      case "boolean":
      case "document":
        shape = { ...base, kind: ast.type };
        break;
      case "blob":
        shape = { ...base, kind: "blob", ...mediaType, streaming: "smithy.api#streaming" in traits };
        break;
      case "timestamp": {
        const format = traits["smithy.api#timestampFormat"] as TimestampFormat | undefined;
        shape = { ...base, kind: "timestamp", ...(format === undefined ? {} : { format }) };
        break;
      }
      case "list":
      case "set": {
        const list: Mutable<ShapeIR & { kind: "list" }> = {
          ...base,
          kind: "list",
          sparse: "smithy.api#sparse" in traits,
          member: undefined as unknown as MemberIR,
        };
        if (ast.type === "set") list.constraints = { ...list.constraints, uniqueItems: true };
        this.shapes.set(id, list);
        list.member = this.member(ast.member as AstMember);
        return list;
      }
      case "map": {
        const map: Mutable<ShapeIR & { kind: "map" }> = {
          ...base,
          kind: "map",
          sparse: "smithy.api#sparse" in traits,
          key: undefined as unknown as MemberIR,
          value: undefined as unknown as MemberIR,
        };
        this.shapes.set(id, map);
        map.key = this.member(ast.key as AstMember);
        map.value = this.member(ast.value as AstMember);
        return map;
      }
      case "structure":
      case "union": {
        if (ast.type === "union" && "smithy.api#streaming" in traits) {
          this.eventStreams.push(id);
        }
        const aggregate: Mutable<StructureShape> | Mutable<ShapeIR & { kind: "union" }> =
          ast.type === "union" ? { ...base, kind: "union", members: [] } : { ...base, kind: "structure", members: [] };
        if (aggregate.kind === "structure") {
          const error = this.errorInfo(traits);
          if (error) {
            aggregate.error = error;
            const tests = this.messageTests(traits["smithy.test#httpResponseTests"]);
            if (tests.length > 0) aggregate.responseTests = tests;
          }
          if ("smithy.api#input" in traits) aggregate.role = "input";
          else if ("smithy.api#output" in traits) aggregate.role = "output";
        }
        this.shapes.set(id, aggregate);
        aggregate.members = (ast.members ?? []).map((m) => this.member(m));
        return aggregate;
      }
      default:
        if (NUMBER_KINDS.has(ast.type)) {
          shape = { ...base, kind: ast.type as NumberKind };
          break;
        }
        this.problems.add(id, `a ${ast.type} cannot be used as a data shape`);
        shape = { ...base, kind: "document" };
    }
    this.shapes.set(id, shape);
    return shape;
  }

  private legacyEnum(id: string, entries: unknown[]): { name: string; value: string }[] {
    return entries.flatMap((entry, index) => {
      if (!isObject(entry) || typeof entry["value"] !== "string") {
        this.problems.add(id, `\`smithy.api#enum\` entry ${index} needs a string \`value\``);
        return [];
      }
      const value = entry["value"];
      const name = typeof entry["name"] === "string" ? entry["name"] : value.replace(/[^A-Za-z0-9_]+/g, "_").replace(/^(\d)/, "_$1").toUpperCase();
      return [{ name, value }];
    });
  }

  private errorInfo(traits: Traits): ErrorInfo | undefined {
    const fault = traits["smithy.api#error"];
    if (fault !== "client" && fault !== "server") return undefined;
    const status = traits["smithy.api#httpError"];
    const retryable = traits["smithy.api#retryable"];
    return {
      fault,
      httpStatus: typeof status === "number" ? status : fault === "client" ? 400 : 500,
      ...(isObject(retryable) ? { retryable: { throttling: retryable["throttling"] === true } } : {}),
    };
  }

  private member(ast: AstMember): MemberIR {
    const target = this.shape(ast.target);
    const traits = ast.traits;
    const own = this.constraints(traits, ast.id);
    const constraints: Mutable<Constraints> = { ...target.constraints, ...own };
    // A member's own pattern replaces its target's, also when it could not be translated.
    if (typeof traits["smithy.api#pattern"] === "string" && own.pattern === undefined) delete constraints.pattern;
    const documentation = this.docs(traits) ?? target.documentation;
    const format = (traits["smithy.api#timestampFormat"] as TimestampFormat | undefined) ?? (target.kind === "timestamp" ? target.format : undefined);
    const required = "smithy.api#required" in traits && !("smithy.api#clientOptional" in traits);
    return {
      name: ast.name,
      jsonName: typeof traits["smithy.api#jsonName"] === "string" ? traits["smithy.api#jsonName"] : ast.name,
      target,
      required,
      ...("smithy.api#clientOptional" in traits ? { clientOptional: true } : {}),
      ...("smithy.api#required" in traits && !required ? { modelRequired: true } : {}),
      ...("smithy.api#default" in traits ? { default: traits["smithy.api#default"] } : {}),
      idempotencyToken: "smithy.api#idempotencyToken" in traits,
      sensitive: "smithy.api#sensitive" in traits || target.sensitive,
      constraints,
      ...(format === undefined ? {} : { timestampFormat: format }),
      ...(documentation === undefined ? {} : { documentation }),
      ...this.deprecated(traits),
    };
  }

  private operation(id: string, serviceErrors: readonly string[]): OperationIR | undefined {
    const ast = this.model.shapes.get(id);
    if (!ast || ast.type !== "operation") return undefined;
    const name = this.nameOf(id);
    this.claimName(id, name);
    const traits = ast.traits;
    const http = traits["smithy.api#http"];
    if (!isObject(http)) {
      this.problems.add(id, "operation has no `smithy.api#http` trait, which restJson1 needs");
      return undefined;
    }
    const uri = parseUri(http["uri"] as string);
    if (typeof uri === "string") {
      this.problems.add(id, `\`smithy.api#http\` uri ${JSON.stringify(http["uri"])}: ${uri}`);
      return undefined;
    }
    const input = this.ioStructure(id, name, ast.input ?? UNIT, "input");
    const output = this.ioStructure(id, name, ast.output ?? UNIT, "output");
    const errors: StructureShape[] = [];
    for (const errorId of [...(ast.errors ?? []), ...serviceErrors]) {
      const error = this.shape(errorId);
      if (error.kind === "structure" && !errors.includes(error)) errors.push(error);
    }
    const method = (http["method"] as string).toUpperCase();
    this.bindInput(id, input, uri.segments);
    this.bindResponse(id, output, "output");
    for (const error of errors) this.bindResponse(id, error, "error");
    const endpoint = traits["smithy.api#endpoint"];
    const documentation = this.docs(traits);
    return {
      id,
      name,
      ...(documentation === undefined ? {} : { documentation }),
      ...this.deprecated(traits),
      input,
      output,
      errors,
      http: { method, uri, code: typeof http["code"] === "number" ? http["code"] : 200 },
      ...(isObject(endpoint) && typeof endpoint["hostPrefix"] === "string" ? { hostPrefix: endpoint["hostPrefix"] } : {}),
      ...this.endpointParams(id, ast),
      ...this.waiters(id, traits["smithy.waiters#waitable"]),
      idempotent: "smithy.api#idempotent" in traits,
      readonly: "smithy.api#readonly" in traits,
      requestTests: this.messageTests(traits["smithy.test#httpRequestTests"]),
      responseTests: this.messageTests(traits["smithy.test#httpResponseTests"]),
      ...("smithy.api#httpChecksumRequired" in traits ? { httpChecksumRequired: true } : {}),
      ...this.requestCompression(id, traits["smithy.api#requestCompression"]),
      ...this.pagination(ast),
    };
  }

  /**
   * The operation's endpoint-parameter bindings (Smithy rules spec). Later sources override earlier ones, as the
   * SDK v3 merges them: `operationContextParams`, then `contextParam` members, then `staticContextParams`.
   */
  private endpointParams(id: string, ast: AstShape): { endpointParams?: Readonly<Record<string, EndpointParamSource>> } {
    const out: Record<string, EndpointParamSource> = {};
    const paths = ast.traits["smithy.rules#operationContextParams"];
    if (isObject(paths)) {
      for (const [name, value] of Object.entries(paths)) {
        if (isObject(value) && typeof value["path"] === "string") out[name] = { kind: "path", path: value["path"] };
        else this.problems.add(id, `\`smithy.rules#operationContextParams\` ${name}: needs a \`path\` string`);
      }
    }
    const input = ast.input === undefined ? undefined : this.model.shapes.get(ast.input);
    for (const member of input?.members ?? []) {
      const trait = member.traits["smithy.rules#contextParam"];
      if (trait === undefined) continue;
      if (isObject(trait) && typeof trait["name"] === "string") out[trait["name"]] = { kind: "member", member: member.name };
      else this.problems.add(member.id, "`smithy.rules#contextParam` needs a `name` string");
    }
    const statics = ast.traits["smithy.rules#staticContextParams"];
    if (isObject(statics)) {
      for (const [name, value] of Object.entries(statics)) {
        const v = isObject(value) ? value["value"] : undefined;
        if (typeof v === "string" || typeof v === "boolean" || (Array.isArray(v) && v.every((s) => typeof s === "string"))) {
          out[name] = { kind: "static", value: v as string | boolean | string[] };
        } else {
          this.problems.add(id, `\`smithy.rules#staticContextParams\` ${name}: \`value\` must be a string, boolean or list of strings`);
        }
      }
    }
    return Object.keys(out).length === 0 ? {} : { endpointParams: out };
  }

  /** `smithy.waiters#waitable`: each waiter checked (acceptor forms, comparators, JMESPath paths, delays). */
  private waiters(id: string, trait: unknown): { waiters?: readonly WaiterIR[] } {
    if (trait === undefined) return {};
    if (!isObject(trait)) {
      this.problems.add(id, "`smithy.waiters#waitable` must be an object of waiters");
      return {};
    }
    const out: WaiterIR[] = [];
    for (const [name, value] of Object.entries(trait)) {
      const bad = (what: string): void => this.problems.add(id, `waiter ${name}: ${what}`);
      if (!/^[A-Z][A-Za-z0-9]*$/.test(name)) bad("the name must be UpperCamelCase");
      if (!isObject(value) || !Array.isArray(value["acceptors"]) || value["acceptors"].length === 0) {
        bad("needs a non-empty `acceptors` list");
        continue;
      }
      const minDelay = value["minDelay"] === undefined ? 2 : value["minDelay"];
      const maxDelay = value["maxDelay"] === undefined ? 120 : value["maxDelay"];
      if (typeof minDelay !== "number" || typeof maxDelay !== "number" || minDelay < 1 || maxDelay < minDelay) bad("minDelay ≥ 1 and maxDelay ≥ minDelay");
      const acceptors: WaiterAcceptorIR[] = [];
      for (const acceptor of value["acceptors"] as unknown[]) {
        const state = isObject(acceptor) ? acceptor["state"] : undefined;
        const matcher = isObject(acceptor) && isObject(acceptor["matcher"]) ? acceptor["matcher"] : undefined;
        if ((state !== "success" && state !== "failure" && state !== "retry") || matcher === undefined || Object.keys(matcher).length !== 1) {
          bad("each acceptor needs a state (success, failure, retry) and a matcher with exactly one member");
          continue;
        }
        const [kind, body] = Object.entries(matcher)[0]!;
        if (kind === "success" && typeof body === "boolean") acceptors.push({ state, matcher: { success: body } });
        else if (kind === "errorType" && typeof body === "string") acceptors.push({ state, matcher: { errorType: body } });
        else if ((kind === "output" || kind === "inputOutput") && isObject(body) && typeof body["path"] === "string" && typeof body["expected"] === "string" && COMPARATORS.has(body["comparator"] as string)) {
          try {
            (jmespath as unknown as { compile(expression: string): unknown }).compile(body["path"]);
          } catch (error) {
            bad(`path ${JSON.stringify(body["path"])} is not a JMESPath expression (${(error as Error).message})`);
            continue;
          }
          const path = { path: body["path"], expected: body["expected"], comparator: body["comparator"] as WaiterPathIR["comparator"] };
          acceptors.push({ state, matcher: kind === "output" ? { output: path } : { inputOutput: path } });
        } else bad(`matcher \`${kind}\` is not one of output, inputOutput, success, errorType with a valid value`);
      }
      const documentation = typeof value["documentation"] === "string" ? documentationToText(value["documentation"]) : undefined;
      out.push({
        name,
        ...(documentation === undefined || documentation === "" ? {} : { documentation }),
        ...(value["deprecated"] === true ? { deprecated: true } : {}),
        minDelay: typeof minDelay === "number" ? minDelay : 2,
        maxDelay: typeof maxDelay === "number" ? maxDelay : 120,
        acceptors,
      });
    }
    return out.length === 0 ? {} : { waiters: out };
  }

  /** SigV4 and bearer in the order the service prefers them: `smithy.api#auth`, else by trait id (Smithy's default). */
  private authSchemes(service: AstShape): ("sigv4" | "bearer")[] {
    const ids: Record<string, "sigv4" | "bearer"> = { "aws.auth#sigv4": "sigv4", "smithy.api#httpBearerAuth": "bearer" };
    const declared = service.traits["smithy.api#auth"];
    const order = Array.isArray(declared) ? (declared as unknown[]).filter((t): t is string => typeof t === "string") : Object.keys(ids).filter((t) => t in service.traits).sort();
    const out = order.flatMap((t) => (ids[t] === undefined || !(t in service.traits) ? [] : [ids[t]!]));
    return out.length === 0 ? ["sigv4"] : out;
  }

  /** `smithy.rules#clientContextParams` of the service: client options feeding the endpoint rules. */
  private clientContextParams(service: AstShape): ClientContextParam[] {
    const trait = service.traits["smithy.rules#clientContextParams"];
    if (!isObject(trait)) return [];
    const out: ClientContextParam[] = [];
    for (const [name, value] of Object.entries(trait)) {
      const type = isObject(value) ? value["type"] : undefined;
      if (type !== "string" && type !== "boolean" && type !== "stringArray") {
        this.problems.add(service.id, `\`smithy.rules#clientContextParams\` ${name}: type must be string, boolean or stringArray`);
        continue;
      }
      const documentation = isObject(value) && typeof value["documentation"] === "string" ? value["documentation"] : undefined;
      out.push({ name, option: name.charAt(0).toLowerCase() + name.slice(1), type, ...(documentation === undefined ? {} : { documentation }) });
    }
    return out;
  }

  /** `smithy.api#paginated` merged with the service's defaults. */
  private pagination(operation: AstShape): { pagination?: PaginationIR } {
    const service = this.findService();
    const pagination = service === undefined ? undefined : paginationOf(operation, service);
    return pagination === undefined ? {} : { pagination };
  }

  /** `smithy.api#requestCompression`: the `encodings` list, checked to be strings. */
  private requestCompression(id: string, trait: unknown): { requestCompression?: readonly string[] } {
    if (trait === undefined) return {};
    const encodings = isObject(trait) ? trait["encodings"] : undefined;
    if (!Array.isArray(encodings) || !encodings.every((e): e is string => typeof e === "string")) {
      this.problems.add(id, "`smithy.api#requestCompression` needs `encodings`, a list of strings");
      return {};
    }
    return { requestCompression: encodings };
  }

  /** The input/output structure of an operation; `smithy.api#Unit` becomes a synthesized empty structure. */
  private ioStructure(opId: string, opName: string, target: string, role: "input" | "output"): StructureShape {
    if (target === UNIT) {
      const name = this.freeName(`${opName}${role === "input" ? "Input" : "Output"}`);
      const id = `${shapeNamespace(opId)}#${name}`;
      const synthesized: StructureShape = { id, name, sensitive: false, constraints: {}, kind: "structure", members: [], role };
      this.claimName(id, name);
      this.shapes.set(id, synthesized);
      return synthesized;
    }
    const shape = this.shape(target);
    if (shape.kind !== "structure") throw new Error(`unreachable: ${role} of ${opId} is a ${shape.kind}`);
    if (shape.error) this.problems.add(opId, `the ${role} \`${target}\` is an error structure`);
    return shape;
  }

  private bindInput(opId: string, input: StructureShape, segments: OperationIR["http"]["uri"]["segments"]): void {
    const inputAst = this.model.shapes.get(input.id);
    const labels = new Map(segments.flatMap((s) => (s.kind === "label" ? [[s.name, s] as const] : [])));
    const bindings: HttpBinding[] = [];
    const queryNames = new Map<string, string>();
    const headerNames = new Map<string, string>();
    let payload: string | undefined;
    for (const member of input.members) {
      const traits = this.memberTraits(inputAst, member.name);
      const where = `${input.id}$${member.name}`;
      const target = member.target;
      let binding: HttpBinding;
      if ("smithy.api#httpLabel" in traits) {
        const label = labels.get(member.name);
        if (!label) this.problems.add(where, `member is bound to a URI label, but the URI of \`${opId}\` has no \`{${member.name}}\``);
        if (!("smithy.api#required" in traits)) this.problems.add(where, "a URI label member must be required");
        if (!SCALAR_KINDS.has(target.kind)) this.problems.add(where, `a URI label cannot carry a ${target.kind}`);
        labels.delete(member.name);
        binding = { location: "label", greedy: label?.greedy ?? false };
      } else if (typeof traits["smithy.api#httpQuery"] === "string") {
        const name = traits["smithy.api#httpQuery"];
        if (queryNames.has(name)) this.problems.add(where, `query parameter \`${name}\` is also bound to \`${queryNames.get(name)}\``);
        queryNames.set(name, member.name);
        this.checkScalarOrList(where, target, "query parameter");
        binding = { location: "query", name };
      } else if ("smithy.api#httpQueryParams" in traits) {
        if (target.kind !== "map") this.problems.add(where, "`smithy.api#httpQueryParams` must target a map");
        binding = { location: "queryParams" };
      } else if (typeof traits["smithy.api#httpHeader"] === "string") {
        binding = this.headerBinding(where, traits["smithy.api#httpHeader"], target, headerNames, member.name);
      } else if (typeof traits["smithy.api#httpPrefixHeaders"] === "string") {
        binding = this.prefixHeaders(where, traits["smithy.api#httpPrefixHeaders"], target);
      } else if ("smithy.api#httpPayload" in traits) {
        binding = this.payload(where, target);
        payload = member.name;
      } else if ("smithy.api#hostLabel" in traits) {
        if (target.kind !== "string") this.problems.add(where, "a host label must target a string");
        binding = { location: "hostLabel" };
      } else {
        binding = { location: "body" };
      }
      this.checkStreaming(where, member.target, binding);
      bindings.push(binding);
    }
    for (const name of labels.keys()) {
      this.problems.add(opId, `URI label \`{${name}}\` has no input member marked \`smithy.api#httpLabel\` with that name`);
    }
    this.checkPayloadAlone(input, bindings, payload);
    this.assignBindings(input, bindings, `input of ${opId}`);
  }

  private bindResponse(opId: string, shape: StructureShape, role: "output" | "error"): void {
    const ast = this.model.shapes.get(shape.id);
    const bindings: HttpBinding[] = [];
    const headerNames = new Map<string, string>();
    let payload: string | undefined;
    for (const member of shape.members) {
      const traits = this.memberTraits(ast, member.name);
      const where = `${shape.id}$${member.name}`;
      let binding: HttpBinding;
      if (typeof traits["smithy.api#httpHeader"] === "string") {
        binding = this.headerBinding(where, traits["smithy.api#httpHeader"], member.target, headerNames, member.name);
      } else if (typeof traits["smithy.api#httpPrefixHeaders"] === "string") {
        binding = this.prefixHeaders(where, traits["smithy.api#httpPrefixHeaders"], member.target);
      } else if ("smithy.api#httpPayload" in traits) {
        binding = this.payload(where, member.target);
        payload = member.name;
      } else if ("smithy.api#httpResponseCode" in traits && role === "output") {
        if (member.target.kind !== "integer") this.problems.add(where, "`smithy.api#httpResponseCode` must target an integer");
        binding = { location: "responseCode" };
      } else {
        binding = { location: "body" };
      }
      this.checkStreaming(where, member.target, binding);
      bindings.push(binding);
    }
    this.checkPayloadAlone(shape, bindings, payload);
    this.assignBindings(shape, bindings, `${role} of ${opId}`);
  }

  private memberTraits(ast: AstShape | undefined, name: string): Traits {
    return ast?.members?.find((m) => m.name === name)?.traits ?? {};
  }

  private headerBinding(where: string, name: string, target: ShapeIR, seen: Map<string, string>, member: string): HttpBinding {
    const lower = name.toLowerCase();
    if (seen.has(lower)) this.problems.add(where, `header \`${name}\` is also bound to \`${seen.get(lower)}\``);
    seen.set(lower, member);
    this.checkScalarOrList(where, target, "header");
    return { location: "header", name };
  }

  private prefixHeaders(where: string, prefix: string, target: ShapeIR): HttpBinding {
    if (target.kind !== "map" || !["string", "enum"].includes(target.value.target.kind)) {
      this.problems.add(where, "`smithy.api#httpPrefixHeaders` must target a map of strings");
    }
    return { location: "prefixHeaders", prefix };
  }

  private payload(where: string, target: ShapeIR): HttpBinding {
    if (!["structure", "union", "document", "blob", "string", "enum"].includes(target.kind)) {
      this.problems.add(where, `an HTTP payload cannot be a ${target.kind}`);
    }
    return { location: "payload" };
  }

  /** Streaming blobs are buffered payloads; Smithy allows them nowhere else (and we could not carry them). */
  private checkStreaming(where: string, target: ShapeIR, binding: HttpBinding): void {
    if (target.kind === "blob" && target.streaming && binding.location !== "payload") {
      this.problems.add(where, "a streaming blob must be bound with `smithy.api#httpPayload`");
    }
  }

  private checkScalarOrList(where: string, target: ShapeIR, what: string): void {
    const scalar = (s: ShapeIR): boolean => SCALAR_KINDS.has(s.kind) || (what === "header" && s.kind === "string");
    if (scalar(target) || (target.kind === "list" && scalar(target.member.target))) return;
    this.problems.add(where, `a ${what} cannot carry a ${target.kind}`);
  }

  private checkPayloadAlone(shape: StructureShape, bindings: readonly HttpBinding[], payload: string | undefined): void {
    if (payload === undefined) return;
    if (bindings.filter((b) => b.location === "payload").length > 1) {
      this.problems.add(shape.id, "only one member can be bound to the HTTP payload");
    }
    shape.members.forEach((m, i) => {
      if (bindings[i]?.location === "body") {
        this.problems.add(`${shape.id}$${m.name}`, `member is unbound, but \`${payload}\` is the HTTP payload; bind it to a header, query or label`);
      }
    });
  }

  /** Stores the bindings on the structure's members; a structure bound two different ways is a problem. */
  private assignBindings(shape: StructureShape, bindings: readonly HttpBinding[], role: string): void {
    const signature = JSON.stringify(bindings);
    const previous = this.boundAs.get(shape.id);
    if (previous) {
      if (previous.signature !== signature) {
        this.problems.add(shape.id, `structure is used as the ${previous.role} and the ${role} with different HTTP bindings; use separate structures`);
      }
      return;
    }
    this.boundAs.set(shape.id, { role, signature });
    (shape as Mutable<StructureShape>).members = shape.members.map((m, i) => {
      const binding = bindings[i];
      const bound: Mutable<MemberIR> = m as Mutable<MemberIR>;
      // Members are shared objects; setting the binding in place keeps recursive references intact.
      if (binding) bound.binding = binding;
      return bound;
    });
  }

  private endpointTests(service: AstShape): EndpointTestCase[] {
    const tests = service.traits["smithy.rules#endpointTests"];
    if (tests === undefined) return [];
    if (!isObject(tests) || !Array.isArray(tests["testCases"])) {
      this.problems.add(service.id, "`smithy.rules#endpointTests` needs a `testCases` list");
      return [];
    }
    return tests["testCases"].flatMap((test, index) => {
      if (!isObject(test) || !isObject(test["expect"])) {
        this.problems.add(service.id, `endpoint test ${index} needs an \`expect\` object`);
        return [];
      }
      const doc = test["documentation"];
      return [
        {
          ...(typeof doc === "string" ? { documentation: doc } : {}),
          params: isObject(test["params"]) ? test["params"] : {},
          expect: test["expect"] as EndpointTestCase["expect"],
        },
      ];
    });
  }

  private messageTests(value: unknown): HttpMessageTest[] {
    if (!Array.isArray(value)) return [];
    return value.filter((t): t is HttpMessageTest => isObject(t) && typeof t["id"] === "string" && typeof t["protocol"] === "string");
  }
}
