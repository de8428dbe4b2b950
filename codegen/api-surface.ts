/**
 * A small, deterministic snapshot of a generated API — operations (HTTP binding, errors, idempotency), structure
 * members (target type, required, HTTP binding, constraints, idempotency token) and enum values — and the
 * changes between two snapshots, each marked BREAKING or not by the rules `smithy diff` applies, so regeneration
 * can say what changed and `--fail-on breaking` can stop a build.
 */
import type { PaginationIR } from "./ir/resources.js";
import type { MemberIR, ShapeIR, ServiceIR } from "./ir/types.js";

/**
 * One member in the snapshot. Older snapshots stored only `"required"` / `"optional"`; those still compare,
 * on that fact alone.
 * @internal
 */
export interface MemberSurface {
  /** `string`, `integer`, `list<Foo>`, `map<string, Foo>`, or the name of a structure, union or enum. */
  readonly target: string;
  readonly required: boolean;
  /** `header X-Foo`, `query foo`, `label`, `payload`, `body` … (inputs, outputs and errors only). */
  readonly binding?: string;
  readonly length?: readonly [number | null, number | null];
  readonly range?: readonly [number | null, number | null];
  readonly pattern?: string;
  readonly idempotencyToken?: true;
}

/** @internal */
export interface OperationSurface {
  readonly input: string;
  readonly output: string;
  /** `POST /ota-tasks 201`. */
  readonly http?: string;
  readonly errors?: readonly string[];
  readonly idempotent?: true;
  /** `smithy.api#paginated`, service defaults merged in. */
  readonly pagination?: PaginationSurface;
}

/** @internal */
export interface PaginationSurface {
  readonly inputToken: string;
  readonly outputToken: string;
  readonly pageSize?: string;
  readonly items?: string;
}

/**
 * The public surface of one generated service.
 * @internal
 */
export interface ApiSurface {
  readonly operations: Readonly<Record<string, OperationSurface>>;
  readonly structures: Readonly<Record<string, Readonly<Record<string, MemberSurface | "required" | "optional">>>>;
  /** Enum name → wire values. */
  readonly enums: Readonly<Record<string, readonly (string | number)[]>>;
}

/** File name of the snapshot, next to the generated code. @internal */
export const API_SURFACE_FILE = "api-surface.json";

function sortedRecord<T>(entries: [string, T][]): Record<string, T> {
  return Object.fromEntries(entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** How a target reads in the report. */
function targetName(shape: ShapeIR): string {
  switch (shape.kind) {
    case "list":
      return `list<${targetName(shape.member.target)}>`;
    case "map":
      return `map<${targetName(shape.key.target)}, ${targetName(shape.value.target)}>`;
    case "structure":
    case "union":
    case "enum":
    case "intEnum":
      return shape.name;
    default:
      return shape.kind;
  }
}

function bindingText(member: MemberIR): string | undefined {
  const b = member.binding;
  if (b === undefined) return undefined;
  switch (b.location) {
    case "header":
    case "query":
      return `${b.location} ${b.name}`;
    case "prefixHeaders":
      return `prefixHeaders ${b.prefix}`;
    case "body":
      return member.jsonName === member.name ? "body" : `body ${member.jsonName}`;
    default:
      return b.location;
  }
}

function bounds(b: { readonly min?: number; readonly max?: number } | undefined): [number | null, number | null] | undefined {
  return b === undefined ? undefined : [b.min ?? null, b.max ?? null];
}

function memberSurface(m: MemberIR): MemberSurface {
  const binding = bindingText(m);
  const length = bounds(m.constraints.length);
  const range = bounds(m.constraints.range);
  return {
    target: targetName(m.target),
    required: m.required,
    ...(binding === undefined ? {} : { binding }),
    ...(length === undefined ? {} : { length }),
    ...(range === undefined ? {} : { range }),
    ...(m.constraints.pattern === undefined ? {} : { pattern: m.constraints.pattern.source }),
    ...(m.idempotencyToken ? { idempotencyToken: true as const } : {}),
  };
}

/** Takes the snapshot of an IR. @internal */
export function apiSurface(ir: ServiceIR): ApiSurface {
  const structures: [string, Record<string, MemberSurface>][] = [];
  const enums: [string, (string | number)[]][] = [];
  for (const shape of ir.shapes) {
    if (shape.kind === "structure" || shape.kind === "union") {
      structures.push([shape.name, sortedRecord(shape.members.map((m) => [m.name, memberSurface(m)]))]);
    } else if (shape.kind === "enum" || shape.kind === "intEnum") {
      enums.push([shape.name, shape.values.map((v) => v.value)]);
    }
  }
  const operations = ir.operations.map((op): [string, OperationSurface] => [
    op.name,
    {
      input: op.input.name,
      output: op.output.name,
      http: `${op.http.method} ${op.http.uri.text} ${op.http.code}`,
      errors: op.errors.map((e) => e.name).sort(),
      ...(op.idempotent ? { idempotent: true as const } : {}),
      ...(op.pagination === undefined ? {} : { pagination: paginationSurface(op.pagination) }),
    },
  ]);
  return { operations: sortedRecord(operations), structures: sortedRecord(structures), enums: sortedRecord(enums) };
}

function paginationSurface(p: PaginationIR): PaginationSurface {
  return {
    inputToken: p.inputToken,
    outputToken: p.outputToken,
    ...(p.pageSize === undefined ? {} : { pageSize: p.pageSize }),
    ...(p.items === undefined ? {} : { items: p.items }),
  };
}

/** The snapshot as the text of its file. @internal */
export function apiSurfaceText(surface: ApiSurface): string {
  return `${JSON.stringify(surface, null, 2)}\n`;
}

/**
 * One change between two snapshots.
 * @internal
 */
export interface ApiChange {
  readonly breaking: boolean;
  readonly text: string;
}

/** A member as the diff reads it: old snapshots know only whether it was required. */
function asMember(value: MemberSurface | "required" | "optional"): Partial<MemberSurface> & { required: boolean } {
  return typeof value === "string" ? { required: value === "required" } : value;
}

const show = (b: readonly [number | null, number | null] | undefined): string => (b === undefined ? "none" : `${b[0] ?? "-∞"}..${b[1] ?? "∞"}`);

/** True when `after` accepts less than `before` (a minimum raised, a maximum lowered, or bounds added). */
function tightened(before: readonly [number | null, number | null] | undefined, after: readonly [number | null, number | null] | undefined): boolean {
  if (after === undefined) return false;
  if (before === undefined) return after[0] !== null || after[1] !== null;
  const raisedMin = after[0] !== null && (before[0] === null || after[0] > before[0]);
  const loweredMax = after[1] !== null && (before[1] === null || after[1] < before[1]);
  return raisedMin || loweredMax;
}

/**
 * The changes from `before` to `after`, in a stable order. Breaking, as `smithy diff` judges it: removed
 * operations, shapes, members and enum values; changed HTTP method, URI or status; a changed member target
 * (list, map and scalar included) or binding; a new required member or one that became required; constraints
 * tightened (length, range) or a pattern added or changed; an idempotency token removed; pagination removed or
 * its tokens, page size or items changed as {@link diffPagination} says. Additions, relaxed constraints, added or
 * removed errors and idempotency changes of an operation are listed but not breaking.
 * @internal
 */
export function diffApiSurface(before: ApiSurface, after: ApiSurface): ApiChange[] {
  const changes: ApiChange[] = [];
  const add = (breaking: boolean, text: string): void => {
    changes.push({ breaking, text });
  };
  const keys = (a: object, b: object): string[] => [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  for (const name of keys(before.operations, after.operations)) {
    const was = before.operations[name];
    const now = after.operations[name];
    if (!was) add(false, `operation ${name} added`);
    else if (!now) add(true, `operation ${name} removed`);
    else {
      if (was.http !== undefined && now.http !== undefined && was.http !== now.http) add(true, `operation ${name} HTTP binding changed from ${was.http} to ${now.http}`);
      if (was.input !== now.input) add(true, `operation ${name} input changed from ${was.input} to ${now.input}`);
      if (was.output !== now.output) add(true, `operation ${name} output changed from ${was.output} to ${now.output}`);
      if (was.errors !== undefined && now.errors !== undefined) {
        for (const e of now.errors.filter((x) => !was.errors!.includes(x))) add(false, `operation ${name} error ${e} added`);
        for (const e of was.errors.filter((x) => !now.errors!.includes(x))) add(false, `operation ${name} error ${e} removed`);
      }
      if (was.http !== undefined && now.http !== undefined && (was.idempotent === true) !== (now.idempotent === true)) {
        add(false, `operation ${name} ${now.idempotent ? "became" : "is no longer"} idempotent`);
      }
      diffPagination(name, was.pagination, now.pagination, add);
    }
  }
  for (const name of keys(before.structures, after.structures)) {
    const was = before.structures[name];
    const now = after.structures[name];
    if (!was) {
      add(false, `shape ${name} added`);
      continue;
    }
    if (!now) {
      add(true, `shape ${name} removed`);
      continue;
    }
    for (const member of keys(was, now)) {
      const path = `${name}.${member}`;
      const a = was[member] === undefined ? undefined : asMember(was[member]!);
      const b = now[member] === undefined ? undefined : asMember(now[member]!);
      if (a === undefined && b !== undefined) add(b.required, `member ${path} added${b.required ? " as required" : ""}`);
      else if (b === undefined) add(true, `member ${path} removed`);
      else if (a !== undefined) diffMember(path, a, b, add);
    }
  }
  for (const name of keys(before.enums, after.enums)) {
    const was = before.enums[name];
    const now = after.enums[name];
    if (!was) {
      add(false, `enum ${name} added`);
      continue;
    }
    if (!now) {
      add(true, `enum ${name} removed`);
      continue;
    }
    for (const value of now.filter((v) => !was.includes(v))) add(false, `enum ${name} value ${JSON.stringify(value)} added`);
    for (const value of was.filter((v) => !now.includes(v))) add(true, `enum ${name} value ${JSON.stringify(value)} removed`);
  }
  return changes;
}

/**
 * Pagination changes by the `breakingChanges` of the prelude's `paginated` trait (what `smithy diff` applies):
 * removing the trait, changing `inputToken`/`outputToken`, changing or removing `pageSize`, and removing `items`
 * break; adding the trait or a property, and changing `items`, do not.
 */
function diffPagination(name: string, a: PaginationSurface | undefined, b: PaginationSurface | undefined, add: (breaking: boolean, text: string) => void): void {
  if (a === undefined && b === undefined) return;
  if (a === undefined) return add(false, `operation ${name} became paginated (${showPagination(b!)})`);
  if (b === undefined) return add(true, `operation ${name} is no longer paginated`);
  for (const key of ["inputToken", "outputToken", "pageSize", "items"] as const) {
    const was = a[key];
    const now = b[key];
    if (was === now) continue;
    const text = `operation ${name} pagination ${key}`;
    if (was === undefined) add(false, `${text} added: ${now}`);
    else if (now === undefined) add(true, `${text} removed (was ${was})`);
    else add(key !== "items", `${text} changed from ${was} to ${now}`);
  }
}

const showPagination = (p: PaginationSurface): string =>
  (["inputToken", "outputToken", "pageSize", "items"] as const).flatMap((k) => (p[k] === undefined ? [] : [`${k} ${p[k]}`])).join(", ");

function diffMember(path: string, a: Partial<MemberSurface> & { required: boolean }, b: Partial<MemberSurface> & { required: boolean }, add: (breaking: boolean, text: string) => void): void {
  if (a.required !== b.required) add(b.required, `member ${path} became ${b.required ? "required" : "optional"}`);
  // Older snapshots carry only `required`; the rest is compared when both sides know it.
  if (a.target === undefined || b.target === undefined) return;
  if (a.target !== b.target) add(true, `member ${path} type changed from ${a.target} to ${b.target}`);
  if (a.binding !== b.binding) add(true, `member ${path} binding changed from ${a.binding ?? "none"} to ${b.binding ?? "none"}`);
  for (const key of ["length", "range"] as const) {
    if (show(a[key]) === show(b[key])) continue;
    const breaking = tightened(a[key], b[key]);
    add(breaking, `member ${path} ${key} ${breaking ? "tightened" : "relaxed"} from ${show(a[key])} to ${show(b[key])}`);
  }
  if (a.pattern !== b.pattern) {
    if (b.pattern === undefined) add(false, `member ${path} pattern removed`);
    else add(true, `member ${path} pattern ${a.pattern === undefined ? "added" : "changed"}: ${b.pattern}`);
  }
  if (a.idempotencyToken !== b.idempotencyToken) add(b.idempotencyToken !== true, `member ${path} ${b.idempotencyToken ? "became" : "is no longer"} an idempotency token`);
}

/** One line per change, breaking ones flagged. @internal */
export function formatApiChanges(changes: readonly ApiChange[]): string {
  return changes.map((c) => `${c.breaking ? "  BREAKING " : "  "}${c.text}`).join("\n");
}
