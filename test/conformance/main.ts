/**
 * `npm run conformance -- --protocol-tests <model.json> [--protocol-tests <model.json>…] [--sigv4 <suite.json>]
 *  [--keep] [--spec-only] [--typecheck]`
 *
 * Generates a client for each model into a temporary folder, runs the model's embedded client protocol tests
 * and endpoint tests, runs the SigV4 suite against the client signer and the emulator's verifier, prints one
 * line per failing test, per-suite counts, and last the total `N passed, M failed, K skipped`. Exits 1 when
 * anything failed, 2 on bad usage. `--keep` keeps the generated folder; `--spec-only` sends request cases
 * through the operation spec alone instead of the whole client; `--typecheck` also type-checks the generated
 * folder (one result per file).
 */
import { readFileSync } from "node:fs";
import { runProtocolTests } from "./protocol.js";
import { formatReport, count, type TestResult } from "./report.js";
import { runSigV4Suite, type SigV4Suite } from "./sigv4.js";

/** Parsed command line. @internal */
export interface ConformanceArgs {
  readonly protocolTests: readonly string[];
  readonly sigv4: readonly string[];
  readonly keep: boolean;
  readonly specOnly: boolean;
  readonly typecheck: boolean;
}

const USAGE = "usage: conformance --protocol-tests <model.json> [--sigv4 <suite.json>] [--keep] [--spec-only] [--typecheck]";

/** @internal */
export function parseArgs(argv: readonly string[]): ConformanceArgs {
  const protocolTests: string[] = [];
  const sigv4: string[] = [];
  let keep = false;
  let specOnly = false;
  let typecheck = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.includes("=") ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)] : [arg, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined || v === "") throw new Error(`${flag} needs a file`);
      return v;
    };
    if (flag === "--protocol-tests") protocolTests.push(value());
    else if (flag === "--sigv4") sigv4.push(value());
    else if (flag === "--keep") keep = true;
    else if (flag === "--spec-only") specOnly = true;
    else if (flag === "--typecheck") typecheck = true;
    else throw new Error(`unknown option ${arg}`);
  }
  if (protocolTests.length === 0 && sigv4.length === 0) throw new Error("nothing to run");
  return { protocolTests, sigv4, keep, specOnly, typecheck };
}

/**
 * Runs everything the arguments ask for; returns the report lines and the exit code.
 * @internal
 */
export async function runConformance(args: ConformanceArgs, log: (line: string) => void = () => {}): Promise<{ lines: string[]; exitCode: number; results: TestResult[] }> {
  const results: TestResult[] = [];
  for (const model of args.protocolTests) results.push(...(await runProtocolTests(model, { keep: args.keep, specOnly: args.specOnly, typecheck: args.typecheck, log })));
  for (const file of args.sigv4) {
    const suite = JSON.parse(readFileSync(file, "utf8")) as SigV4Suite;
    results.push(...(await runSigV4Suite(suite)));
  }
  const lines = formatReport(results);
  return { lines, exitCode: count(results).failed > 0 ? 1 : 0, results };
}

async function main(): Promise<void> {
  let args: ConformanceArgs;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
    process.exitCode = 2;
    return;
  }
  const { lines, exitCode } = await runConformance(args, (line) => process.stderr.write(`${line}\n`));
  process.stdout.write(`${lines.join("\n")}\n`);
  process.exitCode = exitCode;
}

// Run only as a script, not when the vitest suite imports the module.
if (process.argv[1] !== undefined && import.meta.url.endsWith(process.argv[1].replace(/\\/g, "/"))) await main();
