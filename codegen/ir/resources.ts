/**
 * Resources and pagination as the IR records them: which resource each operation belongs to and in which
 * lifecycle role, the resources' identifiers and ARN templates, and each `@paginated` operation's members
 * with the service's defaults merged in.
 *
 * A resource that binds its operations only through `operations` (no lifecycle properties) gets roles from
 * its HTTP bindings, as Smithy's own lifecycle rules describe them: a POST to the collection creates, a PUT
 * on an instance updates, GET/DELETE on an instance read/delete, a GET of the collection lists. Its
 * identifier is then the label its instance operations share.
 */
import type { AstShape, LoadedModel } from "../load/ast.js";
import { shapeName } from "../load/ast.js";
import type { OperationIR } from "./types.js";

/** A lifecycle role; `instance` and `collection` are the resource's other operations. @internal */
export type ResourceRole = "create" | "put" | "read" | "update" | "delete" | "list" | "instance" | "collection";

/** `smithy.api#paginated` with the service defaults merged in. @internal */
export interface PaginationIR {
  readonly inputToken: string;
  readonly outputToken: string;
  readonly pageSize?: string;
  /** Path of the items list in the output (dots for nested members). */
  readonly items?: string;
}

/** One resource of the service. @internal */
export interface ResourceIR {
  readonly name: string;
  /** Identifier names in model order; for a resource without declared identifiers, its instance label. */
  readonly identifiers: readonly string[];
  /** `aws.api#arn`: the template after the account part, e.g. `ota-task/{Identifier}`. */
  readonly arn?: { readonly template: string; readonly absolute: boolean; readonly noRegion: boolean; readonly noAccount: boolean };
  /** The member of the create (else read) output that carries the new identifier, e.g. `TaskId`. */
  readonly idMember?: string;
  /** The member of the create (else read) output that carries the ARN (its target is an `aws.api#arnReference`). */
  readonly arnMember?: string;
  /** Operation name by role; `instance`/`collection` roles are listed in `operations`. */
  readonly lifecycle: Readonly<Partial<Record<Exclude<ResourceRole, "instance" | "collection">, string>>>;
  /** Every operation of the resource (lifecycle ones included), by name, with its role. */
  readonly operations: readonly { readonly name: string; readonly role: ResourceRole }[];
}

const LIFECYCLE = ["create", "put", "read", "update", "delete", "list"] as const;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * The pagination of an operation, or undefined when it is not `@paginated`.
 * @internal
 */
export function paginationOf(operation: AstShape, service: AstShape): PaginationIR | undefined {
  const own = operation.traits["smithy.api#paginated"];
  if (!isObject(own)) return undefined;
  const defaults = isObject(service.traits["smithy.api#paginated"]) ? service.traits["smithy.api#paginated"] : {};
  const pick = (key: string): string | undefined => {
    const value = own[key] ?? defaults[key];
    return typeof value === "string" ? value : undefined;
  };
  const inputToken = pick("inputToken");
  const outputToken = pick("outputToken");
  if (inputToken === undefined || outputToken === undefined) return undefined;
  const pageSize = pick("pageSize");
  const items = pick("items");
  return { inputToken, outputToken, ...(pageSize === undefined ? {} : { pageSize }), ...(items === undefined ? {} : { items }) };
}

/** The role an operation of a resource without lifecycle properties plays, from its HTTP binding. */
function roleFromHttp(op: OperationIR): ResourceRole {
  const instance = op.http.uri.segments.some((s) => s.kind === "label");
  switch (op.http.method) {
    case "POST":
      return instance ? "instance" : "create";
    case "PUT":
      return instance ? "update" : "collection";
    case "DELETE":
      return instance ? "delete" : "collection";
    case "GET":
      return instance ? "read" : "list";
    default:
      return instance ? "instance" : "collection";
  }
}

/**
 * Every resource the service binds (nested ones too), in model order.
 * @internal
 */
export function collectResources(model: LoadedModel, service: AstShape, operations: readonly OperationIR[]): ResourceIR[] {
  const byId = new Map(operations.map((op) => [op.id, op]));
  const out: ResourceIR[] = [];
  const seen = new Set<string>();
  const walk = (container: AstShape): void => {
    for (const id of container.resources ?? []) {
      const resource = model.shapes.get(id);
      if (resource === undefined || seen.has(id)) continue;
      seen.add(id);
      out.push(resourceIR(model, resource, byId));
      walk(resource);
    }
  };
  walk(service);
  return out;
}

function resourceIR(model: LoadedModel, resource: AstShape, byId: ReadonlyMap<string, OperationIR>): ResourceIR {
  const declared = resource.lifecycle ?? {};
  const inferRoles = LIFECYCLE.every((role) => declared[role] === undefined);
  const lifecycle: Partial<Record<(typeof LIFECYCLE)[number], string>> = {};
  const operations: { name: string; role: ResourceRole }[] = [];
  for (const role of LIFECYCLE) {
    const op = declared[role] === undefined ? undefined : byId.get(declared[role]);
    if (op === undefined) continue;
    lifecycle[role] = op.name;
    operations.push({ name: op.name, role });
  }
  for (const [ids, fallback] of [
    [resource.operations ?? [], "instance"],
    [resource.collectionOperations ?? [], "collection"],
  ] as const) {
    for (const id of ids) {
      const op = byId.get(id);
      if (op === undefined || operations.some((o) => o.name === op.name)) continue;
      let role: ResourceRole = fallback;
      if (inferRoles) {
        role = roleFromHttp(op);
        const known = role as (typeof LIFECYCLE)[number];
        if ((LIFECYCLE as readonly string[]).includes(role) && lifecycle[known] === undefined) lifecycle[known] = op.name;
        else if ((LIFECYCLE as readonly string[]).includes(role)) role = fallback;
      }
      operations.push({ name: op.name, role });
    }
  }
  let identifiers = Object.keys(resource.identifiers ?? {});
  if (identifiers.length === 0) {
    // No declared identifiers: the label the instance operations bind.
    const byName = new Map([...byId.values()].map((op) => [op.name, op]));
    const instanceOp = operations.map((o) => byName.get(o.name)!).find((op) => op.http.uri.segments.some((s) => s.kind === "label"));
    identifiers = instanceOp?.http.uri.segments.flatMap((s) => (s.kind === "label" ? [s.name] : [])) ?? [];
  }
  const arnTrait = resource.traits["aws.api#arn"];
  const arn = isObject(arnTrait) && typeof arnTrait["template"] === "string"
    ? {
        template: arnTrait["template"],
        absolute: arnTrait["absolute"] === true,
        noRegion: arnTrait["noRegion"] === true,
        noAccount: arnTrait["noAccount"] === true,
      }
    : undefined;
  const { idMember, arnMember } = outputMembers(model, resource, identifiers, lifecycle, byId);
  return {
    name: shapeName(resource.id),
    identifiers,
    ...(arn === undefined ? {} : { arn }),
    ...(idMember === undefined ? {} : { idMember }),
    ...(arnMember === undefined ? {} : { arnMember }),
    lifecycle,
    operations,
  };
}

/**
 * Finds the output members that echo the identifier (same target shape as the identifier) and the ARN (a target
 * marked `aws.api#arnReference`) in the create operation's output, else the read operation's.
 */
function outputMembers(
  model: LoadedModel,
  resource: AstShape,
  identifiers: readonly string[],
  lifecycle: Partial<Record<(typeof LIFECYCLE)[number], string>>,
  byId: ReadonlyMap<string, OperationIR>,
): { idMember?: string; arnMember?: string } {
  const ops = [...byId.values()];
  const read = ops.find((op) => op.name === lifecycle.read);
  const first = identifiers[0];
  const idTarget = first === undefined ? undefined : (resource.identifiers?.[first] ?? read?.input.members.find((m) => m.name === first)?.target.id);
  for (const role of ["create", "put", "read"] as const) {
    const op = ops.find((o) => o.name === lifecycle[role]);
    if (op === undefined) continue;
    const idMember = op.output.members.find((m) => m.target.id === idTarget)?.name;
    const arnMember = op.output.members.find((m) => model.shapes.get(m.target.id)?.traits["aws.api#arnReference"] !== undefined)?.name;
    if (idMember !== undefined || arnMember !== undefined) {
      return { ...(idMember === undefined ? {} : { idMember }), ...(arnMember === undefined ? {} : { arnMember }) };
    }
  }
  return {};
}
