/**
 * Results of a conformance run and how they are printed: one line per failing test (suite, id, reason),
 * per-suite counts, and the closing `N passed, M failed, K skipped` line that CI and people read.
 */

/** The outcome of one test. @internal */
export type Outcome =
  | { readonly status: "pass" }
  | { readonly status: "fail"; readonly reason: string }
  | { readonly status: "skip"; readonly reason: string };

/** One executed (or skipped) test. @internal */
export interface TestResult {
  /** Which suite it belongs to, e.g. `restjson1 request`, `sigv4 sign`. */
  readonly suite: string;
  readonly id: string;
  readonly outcome: Outcome;
}

/** Totals over a list of results. @internal */
export interface Counts {
  readonly passed: number;
  readonly failed: number;
  readonly skipped: number;
}

/** @internal */
export function count(results: readonly TestResult[]): Counts {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  for (const r of results) {
    if (r.outcome.status === "pass") passed++;
    else if (r.outcome.status === "fail") failed++;
    else skipped++;
  }
  return { passed, failed, skipped };
}

/** The closing line, exactly `N passed, M failed, K skipped`. @internal */
export function totalLine(counts: Counts): string {
  return `${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`;
}

/** Messages may carry test data; keep each on one line so the report stays one line per test. */
function oneLine(text: string): string {
  const flat = text.replace(/\s*\n\s*/g, " ⏎ ");
  return flat.length > 400 ? `${flat.slice(0, 397)}...` : flat;
}

/**
 * Formats the whole report: failures, skips, per-suite counts, then the total as the last line.
 * @internal
 */
export function formatReport(results: readonly TestResult[]): string[] {
  const lines: string[] = [];
  for (const r of results) {
    if (r.outcome.status === "fail") lines.push(`FAIL [${r.suite}] ${r.id}: ${oneLine(r.outcome.reason)}`);
  }
  for (const r of results) {
    if (r.outcome.status === "skip") lines.push(`SKIP [${r.suite}] ${r.id}: ${oneLine(r.outcome.reason)}`);
  }
  const causes = failureCauses(results);
  if (causes.length > 1 || (causes.length === 1 && causes[0]![1] > 1)) {
    lines.push("failures by cause:");
    for (const [cause, n] of causes) lines.push(`  ${String(n).padStart(4)}  ${cause}`);
  }
  const suites = [...new Set(results.map((r) => r.suite))];
  for (const suite of suites) {
    lines.push(`${suite}: ${totalLine(count(results.filter((r) => r.suite === suite)))}`);
  }
  lines.push(totalLine(count(results)));
  return lines;
}

/**
 * Failing tests grouped by the shape of their first problem (quoted values, numbers and member paths
 * blanked), most frequent first — a first cut at "what is missing", not a diagnosis.
 * @internal
 */
export function failureCauses(results: readonly TestResult[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const r of results) {
    if (r.outcome.status !== "fail") continue;
    const first = r.outcome.reason.split("; ")[0]!.split("\n")[0]!;
    const cause = first
      .replace(/"(?:[^"\\]|\\.)*"/g, "…")
      .replace(/\/tmp\/[^\s:]+/g, "…")
      .replace(/\bhttps?:\/\/[^\s,;]+/g, "<url>")
      .replace(/\b(output|error|body|params)(\.[A-Za-z0-9_$]+|\[[^\]]*\])+/g, "$1.…")
      .replace(/\b[A-Z][A-Za-z0-9]*(Command|Spec)\b/g, "<Op>$1")
      .replace(/\b\d+(\.\d+)?\b/g, "#")
      .slice(0, 160);
    counts.set(cause, (counts.get(cause) ?? 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
}

/** Runs `check` and turns a thrown error into a failure with its message. @internal */
export async function outcomeOf(check: () => Promise<string | undefined> | string | undefined): Promise<Outcome> {
  try {
    const problem = await check();
    return problem === undefined ? { status: "pass" } : { status: "fail", reason: problem };
  } catch (error) {
    return { status: "fail", reason: `threw ${errorText(error)}` };
  }
}

/** `Name: message` of anything thrown. @internal */
export function errorText(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}
