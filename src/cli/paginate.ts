/**
 * The AWS CLI's automatic pagination of `@paginated` operations: `--starting-token`, `--page-size`,
 * `--max-items` and `--no-paginate`, page walking with the service's tokens, truncation at `--max-items` and the
 * resume token the AWS CLI prints as `NextToken` (base64 of a small JSON object holding the service's token
 * and, when a page was cut, how many of its items were already shown).
 *
 * @packageDocumentation
 */
import type { PaginationSpec } from "../runtime/index.js";
import { valueAt } from "../runtime/client/paginate.js";
import { CliError, ExitCode, UsageError } from "./errors.js";

/**
 * The paging options as given on the command line.
 * @public
 */
export interface PagingOptions {
  readonly startingToken?: string;
  readonly pageSize?: number;
  readonly maxItems?: number;
}

/** The paging options' names, as the AWS CLI adds them to paginated operations. @internal */
export const PAGING_OPTIONS = ["--starting-token", "--page-size", "--max-items"] as const;

/**
 * Reads the raw paging option values (`--page-size`/`--max-items` must be integers, as argparse insists).
 * @internal
 */
export function readPagingOptions(values: ReadonlyMap<string, string>): PagingOptions {
  const int = (name: string): number | undefined => {
    const raw = values.get(name);
    if (raw === undefined) return undefined;
    if (!/^[-+]?\d+$/.test(raw.trim())) throw new UsageError(`argument ${name}: invalid int value: '${raw}'`);
    return Number.parseInt(raw, 10);
  };
  const startingToken = values.get("--starting-token");
  const pageSize = int("--page-size");
  const maxItems = int("--max-items");
  return {
    ...(startingToken === undefined ? {} : { startingToken }),
    ...(pageSize === undefined ? {} : { pageSize }),
    ...(maxItems === undefined ? {} : { maxItems }),
  };
}

/**
 * Whether to walk pages, as the AWS CLI decides: not with `--no-paginate`, and not when the caller set the
 * operation's own token or page-size member (then it sends exactly one request). Paging options together with
 * `--no-paginate` are an error.
 * @internal
 */
export function shouldPaginate(paginate: boolean, paging: PagingOptions, input: Readonly<Record<string, unknown>>, spec: PaginationSpec): boolean {
  const manual = [spec.inputToken, spec.pageSize].some((member) => member !== undefined && input[member] !== undefined);
  const walk = paginate && !manual;
  if (!walk) {
    const used = (
      [
        ["--starting-token", paging.startingToken],
        ["--page-size", paging.pageSize],
        ["--max-items", paging.maxItems],
      ] as const
    )
      .filter(([, value]) => value !== undefined && value !== "" && value !== 0)
      .map(([name]) => name);
    if (used.length > 0) throw new CliError(`Cannot specify --no-paginate along with pagination arguments: ${used.join(", ")}`, ExitCode.usage);
  }
  return walk;
}

/** The resume token: base64 of the JSON Python's `json.dumps` writes (`", "` and `": "` separators). */
function encodeResumeToken(token: Readonly<Record<string, unknown>>): string {
  const json = `{${Object.entries(token)
    .map(([k, v]) => `${JSON.stringify(k)}: ${JSON.stringify(v)}`)
    .join(", ")}}`;
  return Buffer.from(json, "utf8").toString("base64");
}

/** A starting token back into the service token and the number of items to skip on its page. */
function decodeStartingToken(token: string, spec: PaginationSpec): { serviceToken: unknown; skip: number } {
  try {
    const decoded = JSON.parse(Buffer.from(token, "base64").toString("utf8")) as Record<string, unknown>;
    if (decoded !== null && typeof decoded === "object" && !Array.isArray(decoded)) {
      const skip = typeof decoded["boto_truncate_amount"] === "number" ? decoded["boto_truncate_amount"] : 0;
      return { serviceToken: decoded[spec.inputToken] ?? null, skip };
    }
  } catch {
    // Not one of ours: the older `token___index` form, or an opaque service token, as the AWS CLI accepts.
  }
  const parts = token.split("___");
  if (parts.length === 2 && /^\d+$/.test(parts[1]!)) return { serviceToken: parts[0] === "None" ? null : parts[0], skip: Number(parts[1]) };
  return { serviceToken: token === "None" ? null : token, skip: 0 };
}

function setAt(target: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split(".");
  let at = target;
  for (const part of parts.slice(0, -1)) {
    if (typeof at[part] !== "object" || at[part] === null) at[part] = {};
    at = at[part] as Record<string, unknown>;
  }
  at[parts.at(-1)!] = value;
}

/**
 * The pages of one paginated call, and the resume token when `--max-items` stopped the walk early.
 * @public
 */
export interface PagedResult {
  readonly pages: readonly Record<string, unknown>[];
  readonly resumeToken?: string;
  /** The items member (the first result key). */
  readonly resultKey: string;
}

/**
 * Walks the pages as the AWS CLI's paginator does: `--page-size` sent as the page-size member, truncation at
 * `--max-items` (the last page cut, the resume token pointing into it), a starting token resumed (its page
 * cut at the front), and an error when the service repeats a token.
 * @internal
 */
export async function walkPages(
  send: (input: Record<string, unknown>) => Promise<Record<string, unknown>>,
  input: Readonly<Record<string, unknown>>,
  spec: PaginationSpec,
  paging: PagingOptions,
): Promise<PagedResult> {
  const resultKey = spec.items ?? "";
  const request: Record<string, unknown> = { ...input };
  let current: unknown = null;
  let skip = 0;
  if (paging.startingToken !== undefined) {
    const start = decodeStartingToken(paging.startingToken, spec);
    current = start.serviceToken;
    skip = start.skip;
    if (current !== null && current !== undefined && current !== "None") request[spec.inputToken] = current;
  }
  if (spec.pageSize !== undefined && paging.pageSize !== undefined) request[spec.pageSize] = paging.pageSize;

  const pages: Record<string, unknown>[] = [];
  let total = 0;
  let previous: unknown = undefined;
  for (let first = true; ; first = false) {
    const page = { ...(await send({ ...request })) };
    if (first && skip > 0) {
      const items = valueAt(page, resultKey);
      if (Array.isArray(items) || typeof items === "string") setAt(page, resultKey, items.slice(skip));
    } else if (!first) skip = 0;
    const items = valueAt(page, resultKey);
    const count = Array.isArray(items) ? items.length : 0;
    const over = paging.maxItems === undefined ? 0 : total + count - paging.maxItems;
    if (over > 0) {
      const keep = count - over;
      setAt(page, resultKey, (items as unknown[]).slice(0, keep));
      pages.push(page);
      return { pages, resultKey, resumeToken: encodeResumeToken({ [spec.inputToken]: current, boto_truncate_amount: keep + skip }) };
    }
    pages.push(page);
    total += count;
    const next = valueAt(page, spec.outputToken);
    if (next === undefined || next === null || next === "") return { pages, resultKey };
    if (paging.maxItems !== undefined && total === paging.maxItems) return { pages, resultKey, resumeToken: encodeResumeToken({ [spec.inputToken]: next }) };
    if (previous !== undefined && previous === next) {
      throw new CliError(`Error during pagination: The same next token was received twice: {'${spec.inputToken}': '${String(next)}'}`, ExitCode.other);
    }
    request[spec.inputToken] = next;
    current = next;
    previous = next;
  }
}

/**
 * The pages merged as the AWS CLI shows them in json, yaml and table output: the items of every page in one
 * list, and `NextToken` (the resume token) when the walk stopped early.
 * @internal
 */
export function fullResult(result: PagedResult): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const page of result.pages) {
    const value = valueAt(page, result.resultKey);
    if (value === undefined || value === null) continue;
    const existing = valueAt(out, result.resultKey);
    if (existing === undefined) setAt(out, result.resultKey, Array.isArray(value) ? [...value] : value);
    else if (Array.isArray(existing) && Array.isArray(value)) existing.push(...value);
    else if (typeof existing === "number" && typeof value === "number") setAt(out, result.resultKey, existing + value);
    else if (typeof existing === "string" && typeof value === "string") setAt(out, result.resultKey, existing + value);
  }
  if (result.resumeToken !== undefined) out["NextToken"] = result.resumeToken;
  return out;
}

/**
 * What `--output text` prints of each page: only the items (the AWS CLI formats page by page, `--query`
 * applied to each), then the resume token as `NEXTTOKEN`.
 * @internal
 */
export function textPages(result: PagedResult): Record<string, unknown>[] {
  const out = result.pages.map((page) => {
    const current: Record<string, unknown> = {};
    setAt(current, result.resultKey, valueAt(page, result.resultKey) ?? null);
    return current;
  });
  if (result.resumeToken !== undefined) out.push({ NextToken: { NextToken: result.resumeToken } });
  return out;
}
