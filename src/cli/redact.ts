/**
 * Replaces members marked sensitive in the schema with `***SensitiveInformation***`, so debug output never
 * shows them (e.g. tags).
 *
 * @packageDocumentation
 */
import type { ShapeSchema } from "../runtime/index.js";

/** What stands for a sensitive value (or key) wherever the CLI would show it. @internal */
export const REDACTED = "***SensitiveInformation***";

function isSensitive(schema: ShapeSchema): boolean {
  return (schema.kind === "string" || schema.kind === "map") && schema.sensitive === true;
}

/**
 * A copy of `value` with every sensitive member, at any depth, replaced.
 * @public
 */
export function redactValue(value: unknown, schema: ShapeSchema): unknown {
  if (value === null || value === undefined) return value;
  if (isSensitive(schema)) return REDACTED;
  switch (schema.kind) {
    case "structure":
    case "union": {
      if (typeof value !== "object" || Array.isArray(value)) return value;
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) {
        const member = schema.members.find((m) => m.name === k);
        out[k] = member === undefined ? v : redactValue(v, member.schema);
      }
      return out;
    }
    case "list":
      return Array.isArray(value) ? value.map((v) => redactValue(v, schema.member)) : value;
    case "map": {
      if (typeof value !== "object" || Array.isArray(value)) return value;
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) out[k] = redactValue(v, schema.value);
      return out;
    }
    default:
      return value;
  }
}
