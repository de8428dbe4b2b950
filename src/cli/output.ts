/**
 * Prints a response: drops `$metadata`, turns dates and bytes into text as the AWS CLI does, applies
 * `--query` (JMESPath), then renders the chosen format. JMESPath and YAML are imported only when used.
 *
 * @packageDocumentation
 */
import type { OutputFormat } from "./argv.js";
import { CliError, ExitCode, UsageError } from "./errors.js";
import { formatJson } from "./format/json.js";
import { checkJmespathSyntax, JmespathSyntaxError } from "./jmespath-syntax.js";
import { formatTable } from "./format/table.js";
import { formatText } from "./format/text.js";

/** @public */
export interface RenderOptions {
  readonly format: OutputFormat;
  readonly query?: string | undefined;
  /** Operation name, the table's title. */
  readonly title: string;
  readonly width: number;
  readonly color: boolean;
}

/**
 * A response made printable: no `$metadata`, timestamps as ISO 8601 with `+00:00`, blobs as base64.
 * @public
 */
export function toPrintable(value: unknown, top = true): unknown {
  if (value instanceof Date) return isoTimestamp(value);
  if (value instanceof Uint8Array) return Buffer.from(value).toString("base64");
  if (Array.isArray(value)) return value.map((v) => toPrintable(v, false));
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (top && k === "$metadata") continue;
      if (v === undefined) continue;
      out[k] = toPrintable(v, false);
    }
    return out;
  }
  return value;
}

/** Python's `datetime.isoformat()` for a UTC time: microseconds only when non-zero. */
function isoTimestamp(date: Date): string {
  const iso = date.toISOString();
  const ms = date.getUTCMilliseconds();
  const base = iso.slice(0, 19);
  return ms === 0 ? `${base}+00:00` : `${base}.${String(ms * 1000).padStart(6, "0")}+00:00`;
}

/**
 * Checks a `--query` expression before any request is sent, as the AWS CLI does: syntax only, with Python
 * jmespath's messages (functions are looked up when the expression runs).
 * @public
 */
export function compileQuery(expression: string): void {
  try {
    checkJmespathSyntax(expression);
  } catch (error) {
    if (!(error instanceof JmespathSyntaxError)) throw error;
    throw new UsageError(`Bad value for --query ${expression}: ${error.message}`, false);
  }
}

function isEmptyObject(value: unknown): boolean {
  return typeof value === "object" && value !== null && !Array.isArray(value) && Object.keys(value).length === 0;
}

/**
 * Renders a printable response; empty string when there is nothing to print (the AWS CLI prints nothing for
 * an empty response, also after a query).
 * @public
 */
export async function render(data: unknown, options: RenderOptions): Promise<string> {
  let value = data;
  if (options.query !== undefined) {
    const jmespath = await import("jmespath");
    try {
      value = jmespath.search(value as never, checkJmespathSyntax(options.query));
    } catch (error) {
      // A function that does not exist, or arguments of the wrong type: the AWS CLI fails after the call.
      throw new CliError((error as Error).message, ExitCode.other);
    }
  }
  switch (options.format) {
    case "json":
      return formatJson(value);
    case "text":
      return formatText(value);
    case "table":
      return formatTable(options.title, value, { width: options.width, color: options.color });
    case "yaml":
    case "yaml-stream": {
      // Nothing for an empty response, as for JSON.
      if (isEmptyObject(value)) return "";
      const { formatYaml } = await import("./format/yaml.js");
      return formatYaml(value, options.format === "yaml-stream");
    }
  }
}
