/**
 * Writes values as AWS CLI shorthand (the inverse of `shorthand.ts` + schema typing): top-level structures and
 * maps as `Key=value,...`, nested ones as `{...}`, lists as `[...]`, strings quoted when they hold characters
 * the grammar reserves. Used for examples and to check the parser by round trip.
 *
 * @packageDocumentation
 */

const PLAIN = /^[A-Za-z0-9_.\-/:@+*~!#$%&()^|?<>;]+( +[A-Za-z0-9_.\-/:@+*~!#$%&()^|?<>;]+)*$/;

/**
 * Quotes a scalar when needed. Returns undefined for strings no quoting can carry (a backslash inside quotes,
 * or both quote characters).
 * @public
 */
export function shorthandScalar(value: string | number | boolean): string | undefined {
  if (typeof value !== "string") return String(value);
  if (PLAIN.test(value)) return value;
  if (value.includes("\\")) return undefined;
  if (!value.includes('"')) return `"${value}"`;
  if (!value.includes("'")) return `'${value}'`;
  return undefined;
}

type Value = string | number | boolean | Value[] | { [key: string]: Value };

/**
 * Shorthand for one option value; `top` writes a structure or map without braces.
 * @throws Error when a string cannot be written in shorthand.
 * @public
 */
export function formatShorthand(value: Value, top = true): string {
  if (Array.isArray(value)) return `[${value.map((v) => formatShorthand(v, false)).join(",")}]`;
  if (typeof value === "object") {
    const body = Object.entries(value)
      .map(([k, v]) => `${k}=${formatShorthand(v, false)}`)
      .join(",");
    return top ? body : `{${body}}`;
  }
  const scalar = shorthandScalar(value);
  if (scalar === undefined) throw new Error(`cannot write ${JSON.stringify(value)} in shorthand`);
  return scalar;
}
