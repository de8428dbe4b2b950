/**
 * A sample input for an operation, built from the generator's IR: every member set (recursion cut after a few
 * levels), each value chosen to satisfy the model's length, range and pattern where one of a few candidates
 * does. The same object goes through the generated client and the official SDK v3 client.
 */
import type { MemberIR, ShapeIR, StructureShape } from "../../codegen/ir/types.js";

const MAX_DEPTH = 4;

/** Strings tried in order: the first one the member's constraints accept is used. */
const STRING_CANDIDATES = [
  "abc1",
  "sample",
  "a",
  "Abc-1_2",
  "arn:aws:cloudfront::123456789012:key-value-store/abc",
  "arn:aws:service:us-east-1:123456789012:thing/abc1",
  "123456789012",
  "https://example.com/a",
  "s3://bucket/key",
  "a@example.com",
  "1",
  "1.0",
  "us-east-1",
];
const ARN_FIRST = [STRING_CANDIDATES[4]!, ...STRING_CANDIDATES.filter((_, i) => i !== 4)];

let requiredOnly = false;

/**
 * The sample input of an operation: every member set, or with `minimal` only the `@required` ones (which
 * leaves payloads, bodies and defaulted members absent).
 * @internal
 */
export function sampleInput(shape: StructureShape, minimal = false): Record<string, unknown> {
  requiredOnly = minimal;
  return structureValue(shape, 0);
}

function structureValue(shape: { readonly members: readonly MemberIR[] }, depth: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const member of shape.members) {
    if (requiredOnly && !member.required && member.modelRequired !== true) continue;
    const value = memberValue(member, depth);
    if (value !== undefined) out[member.name] = value;
  }
  return out;
}

function memberValue(member: MemberIR, depth: number): unknown {
  const target = member.target;
  if (depth > MAX_DEPTH && (target.kind === "structure" || target.kind === "union" || target.kind === "list" || target.kind === "map")) {
    return undefined;
  }
  if (target.kind === "string") {
    // Host labels and path labels stay host-name safe.
    if (member.binding?.location === "hostLabel" || member.binding?.location === "label") return pickString(member, ["abc1", ...STRING_CANDIDATES]);
    return pickString(member, /arn/i.test(member.name) ? ARN_FIRST : STRING_CANDIDATES);
  }
  return value(target, member, depth);
}

function value(shape: ShapeIR, member: MemberIR | undefined, depth: number): unknown {
  switch (shape.kind) {
    case "string":
      return member === undefined ? "abc1" : pickString(member, STRING_CANDIDATES);
    case "enum":
      return shape.values[0]?.value;
    case "intEnum":
      return shape.values[0]?.value;
    case "boolean":
      return true;
    case "byte":
    case "short":
    case "integer":
    case "long": {
      const range = member?.constraints.range ?? shape.constraints.range;
      return range?.min !== undefined && range.min > 2 ? Math.ceil(range.min) : range?.max !== undefined && range.max < 2 ? Math.floor(range.max) : 2;
    }
    case "float":
    case "double":
      return 1.5;
    case "bigInteger":
      return 7n;
    case "bigDecimal":
      return "1.5";
    case "timestamp":
      return new Date(1_700_000_000_000);
    case "blob":
      return new Uint8Array([104, 105]);
    case "document":
      return { a: 1 };
    case "list": {
      const item = shape.member.target.kind === "string" ? pickString(shape.member, STRING_CANDIDATES) : value(shape.member.target, shape.member, depth + 1);
      return item === undefined ? [] : [item];
    }
    case "map": {
      const item = shape.value.target.kind === "string" ? pickString(shape.value, STRING_CANDIDATES) : value(shape.value.target, shape.value, depth + 1);
      const key = shape.key.target.kind === "enum" ? (shape.key.target.values[0]?.value ?? "k") : pickString(shape.key, ["k1", ...STRING_CANDIDATES]);
      return item === undefined ? {} : { [key]: item };
    }
    case "structure":
      return structureValue(shape, depth + 1);
    case "union": {
      for (const m of shape.members) {
        const v = memberValue(m, depth + 1);
        if (v !== undefined) return { [m.name]: v };
      }
      return undefined;
    }
  }
}

function pickString(member: MemberIR, candidates: readonly string[]): string {
  const { length, pattern } = member.constraints;
  let regex: RegExp | undefined;
  if (pattern !== undefined) {
    try {
      regex = new RegExp(pattern.source, pattern.flags);
    } catch {
      regex = undefined;
    }
  }
  const fits = (s: string): boolean =>
    (length?.min === undefined || [...s].length >= length.min) && (length?.max === undefined || [...s].length <= length.max) && (regex === undefined || regex.test(s));
  return candidates.find(fits) ?? candidates.map((c) => c.repeat(Math.max(1, Math.ceil((length?.min ?? 1) / c.length)))).find(fits) ?? candidates[0]!;
}
