/**
 * Evaluation steps of the JMESPath subset Smithy allows in `smithy.rules#operationContextParams` paths (field
 * access, `[*]` projections, `[]` flattening, multi-select lists, `keys()`). The generator compiles each path
 * into a chain of these calls, so no expression is parsed per call. Null-safe as JMESPath is: a step on a
 * value of the wrong kind yields undefined.
 */

/** `value.name`: the member of an object, else undefined. @internal */
export function pathField(value: unknown, name: string): unknown {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>)[name] : undefined;
}

/** `value[*].…`: `map` over each element of a list, dropping null results; undefined for a non-list. @internal */
export function pathProject(value: unknown, map: (item: unknown) => unknown): unknown[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const out: unknown[] = [];
  for (const item of value) {
    const mapped = map(item);
    if (mapped !== undefined && mapped !== null) out.push(mapped);
  }
  return out;
}

/** `value[]`: one level of nested lists merged; undefined for a non-list. @internal */
export function pathFlatten(value: unknown): unknown[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const out: unknown[] = [];
  for (const item of value) {
    if (Array.isArray(item)) out.push(...(item as unknown[]));
    else if (item !== undefined && item !== null) out.push(item);
  }
  return out;
}

/** `[a, b]` on `value`: each expression's result, or undefined when `value` itself is null. @internal */
export function pathMultiSelect(value: unknown, parts: readonly ((value: unknown) => unknown)[]): unknown[] | undefined {
  return value === undefined || value === null ? undefined : parts.map((part) => part(value) ?? null);
}

/** `keys(value)`: an object's member names; undefined for anything else. @internal */
export function pathKeys(value: unknown): string[] | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? Object.keys(value) : undefined;
}

/**
 * A path's result as an endpoint parameter value: a string, a boolean or a list of strings, else undefined
 * (the rule set then sees the parameter unset).
 * @internal
 */
export function endpointParamValue(value: unknown): string | boolean | string[] | undefined {
  if (typeof value === "string" || typeof value === "boolean") return value;
  if (Array.isArray(value) && value.every((item) => typeof item === "string")) return value as string[];
  return undefined;
}
