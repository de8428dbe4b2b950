/**
 * A small, deterministic snapshot of a generated API (operations, structure members with their
 * required flag, enum values) and the list of changes between two snapshots, so regeneration can say what
 * changed and flag what breaks callers.
 */
import type { ServiceIR } from "./ir/types.js";

/**
 * The public surface of one generated service.
 * @internal
 */
export interface ApiSurface {
  /** Operation name → input and output shape names. */
  readonly operations: Readonly<Record<string, { readonly input: string; readonly output: string }>>;
  /** Structure/union name → member name → `"required"` or `"optional"`. */
  readonly structures: Readonly<Record<string, Readonly<Record<string, "required" | "optional">>>>;
  /** Enum name → wire values. */
  readonly enums: Readonly<Record<string, readonly (string | number)[]>>;
}

/** File name of the snapshot, next to the generated code. @internal */
export const API_SURFACE_FILE = "api-surface.json";

function sortedRecord<T>(entries: [string, T][]): Record<string, T> {
  return Object.fromEntries(entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Takes the snapshot of an IR. @internal */
export function apiSurface(ir: ServiceIR): ApiSurface {
  const structures: [string, Record<string, "required" | "optional">][] = [];
  const enums: [string, (string | number)[]][] = [];
  for (const shape of ir.shapes) {
    if (shape.kind === "structure" || shape.kind === "union") {
      structures.push([shape.name, sortedRecord(shape.members.map((m) => [m.name, m.required ? "required" : "optional"]))]);
    } else if (shape.kind === "enum" || shape.kind === "intEnum") {
      enums.push([shape.name, shape.values.map((v) => v.value)]);
    }
  }
  return {
    operations: sortedRecord(ir.operations.map((op) => [op.name, { input: op.input.name, output: op.output.name }])),
    structures: sortedRecord(structures),
    enums: sortedRecord(enums),
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

/**
 * The changes from `before` to `after`, in a stable order. Removals and members that became required are
 * breaking; additions are not.
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
      const a = was[member];
      const b = now[member];
      if (a === undefined) add(b === "required", `member ${name}.${member} added${b === "required" ? " as required" : ""}`);
      else if (b === undefined) add(true, `member ${name}.${member} removed`);
      else if (a !== b) add(b === "required", `member ${name}.${member} became ${b}`);
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

/** One line per change, breaking ones flagged. @internal */
export function formatApiChanges(changes: readonly ApiChange[]): string {
  return changes.map((c) => `${c.breaking ? "  BREAKING " : "  "}${c.text}`).join("\n");
}
