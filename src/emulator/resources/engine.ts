/**
 * Resource lifecycle semantics, implemented once from the model's resource declarations (the service
 * descriptor): create, read, update, delete and list of any resource, with identifiers from the operations'
 * labels, ARNs from `aws.api#arn` templates, `NextToken`/`MaxResults` pagination, 404
 * `ResourceNotFoundException` for unknown identifiers and 409 `ConflictException` when an idempotency token is
 * reused with other parameters. Every change goes through the durable store before it is answered.
 *
 * What a particular service adds on top (statuses, child records, cross-resource checks, extra operations)
 * comes from a {@link ServiceBehaviour}; see `ota-behaviour.ts`.
 *
 * @packageDocumentation
 */
import type { MemberSchema, OperationDescriptor, ResourceDescriptor, ServiceDescriptor, ShapeSchema } from "../../runtime/index.js";
import type { RecordStore, StoredRecord } from "../store/record-store.js";

/**
 * A modelled (or service-framework) error an operation answers with.
 * @public
 */
export class ServiceFailure extends Error {
  override readonly name = "ServiceFailure";
  constructor(
    /** The error shape name, sent as `X-Amzn-ErrorType`. */
    readonly code: string,
    /** The status to use when the operation does not model the error. */
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * What an operation's semantics may use.
 * @public
 */
export interface HandlerContext {
  readonly region: string;
  readonly account: string;
  /** The emulator's clock. */
  readonly now: () => Date;
  /** A fresh random alphanumeric id. */
  readonly newId: () => string;
  readonly store: RecordStore;
}

/**
 * What an operation's semantics produced: the output to serialise, and the record when the store changed.
 * @public
 */
export interface HandlerResult {
  readonly output: object;
  readonly committed?: StoredRecord;
}

/**
 * The semantics of one operation; the HTTP, authentication, validation and faults around it are generic.
 * @public
 */
export interface OperationHandler {
  /** The operation it implements, e.g. `GetOtaTask`. */
  readonly operation: string;
  /** Runs the operation on a valid input; throws {@link ServiceFailure} for an error answer. */
  handle(input: object, context: HandlerContext): Promise<HandlerResult>;
}

/** A resource's state as stored: its members as the read operation's output names them, plus service extras. */
export type ResourceState = Record<string, unknown>;

/**
 * Service-specific behaviour of one resource kind, layered over the generic lifecycle.
 * @public
 */
export interface ResourceBehaviour {
  /** Completes a new resource (statuses, children) or refuses it with a {@link ServiceFailure}. */
  onCreate?(state: ResourceState, context: HandlerContext): ResourceState;
  /** Checks or completes an update; `state` already has the new values merged in. */
  onUpdate?(state: ResourceState, previous: ResourceState, context: HandlerContext): ResourceState;
  /** Refuses a delete with a {@link ServiceFailure}, when the service would. */
  onDelete?(state: ResourceState, context: HandlerContext): void;
  /** What reads and lists show: derived members (counters, for instance) computed from the state. */
  view?(state: ResourceState): ResourceState;
}

/**
 * Behaviour a service adds: per resource kind (by resource shape name), operations without generic
 * semantics, and extra `_emulator` routes.
 * @public
 */
export interface ServiceBehaviour {
  readonly resources?: Readonly<Record<string, ResourceBehaviour>>;
  /** Operations the generic lifecycle cannot implement, given the engine for lookups. */
  readonly operations?: (engine: ResourceEngine) => readonly OperationHandler[];
  /** Extra loopback-only routes under `/_emulator/`, e.g. to advance a child record's status. */
  readonly routes?: (engine: ResourceEngine) => readonly EmulatorRoute[];
}

/**
 * A loopback-only route under `/_emulator/`.
 * @public
 */
export interface EmulatorRoute {
  readonly method: string;
  /** Matched against the decoded path; groups are passed to `handle`. */
  readonly path: RegExp;
  handle(groups: readonly string[], body: unknown, context: HandlerContext): Promise<unknown>;
}

/** The default page size when a list request gives none. */
const DEFAULT_PAGE_SIZE = 100;

/** `OtaTaskResource` → `OtaTask`, for messages. */
function label(resource: ResourceDescriptor): string {
  return resource.name.replace(/Resource$/, "");
}

/**
 * The resource's kebab-case plural for `_emulator` routes: `OtaTaskResource` → `ota-tasks`.
 * @internal
 */
export function routeName(resource: ResourceDescriptor): string {
  return `${label(resource)
    .replace(/([a-z0-9])([A-Z])/g, "$1-$2")
    .toLowerCase()}s`;
}

/** The partition of a region, for ARNs. */
function partition(region: string): string {
  if (region.startsWith("cn-")) return "aws-cn";
  if (region.startsWith("us-gov-")) return "aws-us-gov";
  return "aws";
}

/** An ARN template split once: literal text at even positions, identifier names at odd ones. */
const templateParts = new Map<string, readonly string[]>();

/** The resource part of an ARN: the template with each `{Identifier}` replaced by its value. */
function arnPath(template: string, identifiers: Readonly<Record<string, string>>): string {
  let parts = templateParts.get(template);
  if (parts === undefined) templateParts.set(template, (parts = template.split(/\{([^}]+)\}/)));
  let out = "";
  for (let i = 0; i < parts.length; i++) out += i % 2 === 0 ? parts[i]! : (identifiers[parts[i]!] ?? "");
  return out;
}

/** A base64url cursor (fits both `NextToken` patterns of the model). */
function encodeToken(seq: number): string {
  return Buffer.from(`seq:${seq}`, "utf8").toString("base64url");
}

function decodeToken(token: unknown, member: string): number {
  if (token === undefined) return 0;
  const text = typeof token === "string" ? Buffer.from(token, "base64url").toString("utf8") : "";
  const match = /^seq:(\d+)$/.exec(text);
  if (match === null) throw new ServiceFailure("ValidationException", 400, `Invalid ${member}: '${String(token)}' was not returned by this emulator.`);
  return Number(match[1]);
}

/**
 * Turns stored JSON back into what the generated serialisers expect (timestamps as `Date`), following the
 * output schema; members the schema does not know are left as they are (serialisers skip them). Only what can
 * hold a timestamp is copied; the rest is shared with the store, which nothing downstream writes to.
 * @internal
 */
export function revive(value: unknown, schema: ShapeSchema): unknown {
  if (value === null || value === undefined || !holdsTimestamp(schema)) return value;
  switch (schema.kind) {
    case "timestamp":
      return value instanceof Date ? value : new Date(typeof value === "number" ? value * 1000 : String(value));
    case "list":
      return Array.isArray(value) ? value.map((item) => revive(item, schema.member)) : value;
    case "map": {
      if (typeof value !== "object") return value;
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = revive(v, schema.value);
      return out;
    }
    case "structure":
    case "union": {
      if (typeof value !== "object") return value;
      const out: Record<string, unknown> = { ...(value as Record<string, unknown>) };
      for (const member of timestampMembers(schema)) if (out[member.name] != null) out[member.name] = revive(out[member.name], member.schema);
      return out;
    }
    default:
      return value;
  }
}

/** Per schema: can a timestamp occur inside? Only those values need reviving; the rest is passed on as stored. */
const timestampInside = new WeakMap<ShapeSchema, boolean>();

function holdsTimestamp(schema: ShapeSchema): boolean {
  const known = timestampInside.get(schema);
  if (known !== undefined) return known;
  // Met again while still being worked out (a recursive shape): assume yes, reviving is always safe.
  timestampInside.set(schema, true);
  let found: boolean;
  switch (schema.kind) {
    case "timestamp":
      found = true;
      break;
    case "list":
      found = holdsTimestamp(schema.member);
      break;
    case "map":
      found = holdsTimestamp(schema.value);
      break;
    case "structure":
    case "union":
      found = schema.members.some((member) => holdsTimestamp(member.schema));
      break;
    default:
      found = false;
  }
  timestampInside.set(schema, found);
  return found;
}

const membersWithTimestamps = new WeakMap<ShapeSchema, readonly MemberSchema[]>();

/** The members of a structure or union that can hold a timestamp. */
function timestampMembers(schema: ShapeSchema & { readonly members: readonly MemberSchema[] }): readonly MemberSchema[] {
  let members = membersWithTimestamps.get(schema);
  if (members === undefined) membersWithTimestamps.set(schema, (members = schema.members.filter((m) => holdsTimestamp(m.schema))));
  return members;
}

/** The members of a structure schema present in `state` (what a create's replay needs to remember). */
function project(state: ResourceState, schema: ShapeSchema): ResourceState {
  if (schema.kind !== "structure") return {};
  const out: ResourceState = {};
  for (const member of schema.members) if (state[member.name] !== undefined) out[member.name] = state[member.name];
  return out;
}

/**
 * Pages through items by a stable cursor.
 * @internal
 */
export function page<T>(
  items: Iterable<readonly [number, T]>,
  input: Record<string, unknown>,
  pagination: { readonly inputToken: string; readonly pageSize?: string },
): { readonly items: T[]; readonly nextToken?: string } {
  const after = decodeToken(input[pagination.inputToken], pagination.inputToken);
  const size = pagination.pageSize !== undefined && typeof input[pagination.pageSize] === "number" ? (input[pagination.pageSize] as number) : DEFAULT_PAGE_SIZE;
  const out: T[] = [];
  let last = after;
  for (const [seq, item] of items) {
    if (seq <= after) continue;
    if (out.length === size) return { items: out, nextToken: encodeToken(last) };
    out.push(item);
    last = seq;
  }
  return { items: out };
}

/**
 * The generic lifecycle of every resource a service declares.
 * @public
 */
export class ResourceEngine {
  readonly #service: ServiceDescriptor;
  readonly #behaviour: ServiceBehaviour;
  readonly #operations: ReadonlyMap<string, OperationDescriptor>;
  /** Per resource: the timestamp members of its state (what `#stamp` may set). */
  readonly #timestampMembers = new Map<ResourceDescriptor, ReadonlySet<string>>();

  constructor(service: ServiceDescriptor, behaviour: ServiceBehaviour = {}) {
    this.#service = service;
    this.#behaviour = behaviour;
    this.#operations = new Map(service.operations.map((op) => [op.name, op]));
  }

  /** The resources the service declares. */
  get resources(): readonly ResourceDescriptor[] {
    return this.#service.resources;
  }

  /** A resource by shape name. */
  resource(name: string): ResourceDescriptor {
    const found = this.#service.resources.find((r) => r.name === name);
    if (found === undefined) throw new Error(`the service declares no resource ${name}`);
    return found;
  }

  /** The state of a resource, or a 404 `ResourceNotFoundException`. */
  require(resource: ResourceDescriptor, id: unknown, context: HandlerContext): ResourceState {
    const state = typeof id === "string" ? context.store.state(resource.name, id) : undefined;
    if (state === undefined) throw new ServiceFailure("ResourceNotFoundException", 404, `${label(resource)} '${String(id)}' does not exist.`);
    return state as ResourceState;
  }

  /** What reads show of a state: the service's derived members added. */
  view(resource: ResourceDescriptor, state: ResourceState): ResourceState {
    return this.#behaviour.resources?.[resource.name]?.view?.(state) ?? state;
  }

  /** The ARN of a resource from its `aws.api#arn` template, or undefined without one. */
  arn(resource: ResourceDescriptor, identifiers: Readonly<Record<string, string>>, context: HandlerContext): string | undefined {
    if (resource.arn === undefined) return undefined;
    const path = arnPath(resource.arn.template, identifiers);
    if (resource.arn.absolute) return path;
    const region = resource.arn.noRegion ? "" : context.region;
    const account = resource.arn.noAccount ? "" : context.account;
    return `arn:${partition(context.region)}:${this.#service.arnNamespace}:${region}:${account}:${path}`;
  }

  /** Handlers for every operation with lifecycle semantics, plus the service's own ones. */
  handlers(): OperationHandler[] {
    const out: OperationHandler[] = [];
    for (const op of this.#service.operations) {
      if (op.resource === undefined) continue;
      const resource = this.resource(op.resource.name);
      const handler = this.#lifecycleHandler(op, resource);
      if (handler !== undefined) out.push(handler);
    }
    for (const handler of this.#behaviour.operations?.(this) ?? []) {
      const at = out.findIndex((h) => h.operation === handler.operation);
      if (at === -1) out.push(handler);
      else out[at] = handler;
    }
    return out;
  }

  /** The service's extra `_emulator` routes. */
  routes(): readonly EmulatorRoute[] {
    return this.#behaviour.routes?.(this) ?? [];
  }

  #lifecycleHandler(op: OperationDescriptor, resource: ResourceDescriptor): OperationHandler | undefined {
    switch (op.resource?.role) {
      case "create":
      case "put":
        return { operation: op.name, handle: (input, context) => this.#create(op, resource, input as ResourceState, context) };
      case "read":
        return { operation: op.name, handle: (input, context) => this.#read(op, resource, input as ResourceState, context) };
      case "update":
        return { operation: op.name, handle: (input, context) => this.#update(op, resource, input as ResourceState, context) };
      case "delete":
        return { operation: op.name, handle: (input, context) => this.#delete(op, resource, input as ResourceState, context) };
      case "list":
        return { operation: op.name, handle: (input, context) => this.#list(op, resource, input as ResourceState, context) };
      default:
        return undefined;
    }
  }

  /** The read operation's output schema: what a state looks like. */
  #stateSchema(resource: ResourceDescriptor): ShapeSchema | undefined {
    const read = resource.lifecycle.read === undefined ? undefined : this.#operations.get(resource.lifecycle.read);
    return read?.schema.output;
  }

  /** Input members that describe the resource (not its identifier labels, not the idempotency token). */
  #changes(op: OperationDescriptor, resource: ResourceDescriptor, input: ResourceState): ResourceState {
    const out: ResourceState = {};
    for (const name in input) {
      const value = input[name];
      if (value === undefined || name === op.idempotencyTokenMember || resource.identifiers.includes(name)) continue;
      out[name] = value;
    }
    return out;
  }

  /** Sets the conventional timestamp members the read output has (`CreatedAt`, `LastUpdatedAt`). */
  #stamp(resource: ResourceDescriptor, state: ResourceState, names: readonly string[], now: Date): void {
    let stamped = this.#timestampMembers.get(resource);
    if (stamped === undefined) {
      const schema = this.#stateSchema(resource);
      const members = schema?.kind === "structure" ? schema.members.filter((m) => m.schema.kind === "timestamp").map((m) => m.name) : [];
      this.#timestampMembers.set(resource, (stamped = new Set(members)));
    }
    let text: string | undefined;
    for (const name of names) if (stamped.has(name)) state[name] = text ??= now.toISOString();
  }

  async #create(op: OperationDescriptor, resource: ResourceDescriptor, input: ResourceState, context: HandlerContext): Promise<HandlerResult> {
    const behaviour = this.#behaviour.resources?.[resource.name];
    const commit = await context.store.commit(op.name, input, () => {
      const id = context.newId();
      const now = context.now();
      let state: ResourceState = this.#changes(op, resource, input);
      const identifiers = Object.fromEntries(resource.identifiers.map((name) => [name, id]));
      if (resource.idMember !== undefined) state[resource.idMember] = id;
      const arn = this.arn(resource, identifiers, context);
      if (resource.arnMember !== undefined && arn !== undefined) state[resource.arnMember] = arn;
      this.#stamp(resource, state, ["CreatedAt", "LastUpdatedAt"], now);
      if (behaviour?.onCreate !== undefined) state = behaviour.onCreate(state, { ...context, now: () => now });
      return { id, output: project(state, op.schema.output), createdAt: now.toISOString(), resource: resource.name, effect: "create", state };
    });
    if (commit.kind === "conflict") {
      throw new ServiceFailure(
        "ConflictException",
        409,
        `${op.idempotencyTokenMember ?? "Idempotency token"} '${commit.record.clientToken ?? ""}' was already used with different parameters (${label(resource)} ${commit.record.id}).`,
      );
    }
    return { output: revive(commit.record.output, op.schema.output) as object, committed: commit.record };
  }

  async #read(op: OperationDescriptor, resource: ResourceDescriptor, input: ResourceState, context: HandlerContext): Promise<HandlerResult> {
    const state = this.require(resource, input[resource.identifiers[0] ?? ""], context);
    return { output: revive(this.view(resource, state), op.schema.output) as object };
  }

  async #update(op: OperationDescriptor, resource: ResourceDescriptor, input: ResourceState, context: HandlerContext): Promise<HandlerResult> {
    const behaviour = this.#behaviour.resources?.[resource.name];
    const id = input[resource.identifiers[0] ?? ""];
    const commit = await context.store.commit(op.name, input, () => {
      // Read inside the commit: the change builds on the latest state, also when updates race.
      const previous = this.require(resource, id, context);
      const now = context.now();
      let state: ResourceState = { ...previous, ...this.#changes(op, resource, input) };
      this.#stamp(resource, state, ["LastUpdatedAt"], now);
      if (behaviour?.onUpdate !== undefined) state = behaviour.onUpdate(state, previous, { ...context, now: () => now });
      return { id: String(id), output: {}, createdAt: now.toISOString(), resource: resource.name, effect: "update", state };
    });
    return { output: {}, committed: commit.record };
  }

  async #delete(op: OperationDescriptor, resource: ResourceDescriptor, input: ResourceState, context: HandlerContext): Promise<HandlerResult> {
    const behaviour = this.#behaviour.resources?.[resource.name];
    const id = input[resource.identifiers[0] ?? ""];
    const commit = await context.store.commit(op.name, input, () => {
      const state = this.require(resource, id, context);
      behaviour?.onDelete?.(state, context);
      return { id: String(id), output: {}, createdAt: context.now().toISOString(), resource: resource.name, effect: "delete" };
    });
    return { output: {}, committed: commit.record };
  }

  async #list(op: OperationDescriptor, resource: ResourceDescriptor, input: ResourceState, context: HandlerContext): Promise<HandlerResult> {
    const pagination = op.pagination;
    const itemsMember = pagination?.items ?? listMember(op.schema.output);
    if (itemsMember === undefined) throw new ServiceFailure("NotImplementedException", 501, `The emulator cannot tell which member of ${op.name}'s output lists the items.`);
    const all = function* (store: RecordStore): Generator<readonly [number, unknown]> {
      for (const [, entry] of store.states(resource.name)) yield [entry.seq, entry.state] as const;
    };
    const result = pagination === undefined ? { items: [...all(context.store)].map(([, s]) => s) } : page(all(context.store), input, pagination);
    const output: ResourceState = { [itemsMember]: result.items.map((state) => this.view(resource, state as ResourceState)) };
    if ("nextToken" in result && result.nextToken !== undefined && pagination !== undefined) output[pagination.outputToken] = result.nextToken;
    return { output: revive(output, op.schema.output) as object };
  }
}

/** The only list member of an output structure, when a list operation is not `@paginated`. */
function listMember(schema: ShapeSchema): string | undefined {
  if (schema.kind !== "structure") return undefined;
  const lists = schema.members.filter((m) => m.schema.kind === "list");
  return lists.length === 1 ? lists[0]!.name : undefined;
}
