/**
 * Python's `str()` of a response value, which the AWS CLI's text and table output print for scalars
 * (`True`, `None`, numbers as written).
 *
 * @packageDocumentation
 */
import { pythonRepr } from "../python-repr.js";

/** @internal */
export function pyStr(value: unknown): string {
  if (typeof value === "string") return value;
  if (value === null || value === undefined) return "None";
  if (value === true) return "True";
  if (value === false) return "False";
  if (typeof value === "number") return Number.isInteger(value) || !Number.isFinite(value) ? pythonRepr(value) : String(value);
  return pythonRepr(value);
}

/** @internal */
export function isScalar(value: unknown): boolean {
  return value === null || typeof value !== "object";
}

/** @internal */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
