/**
 * Runs the CLI in this process with captured streams, with the generated client when present (else the
 * fixture), or the binding a test passes.
 */
import { PassThrough, Writable } from "node:stream";
import type { ServiceBinding } from "../../../src/cli/binding.js";
import { runCli } from "../../../src/cli/run.js";
import { cliBinding } from "./binding.js";

export interface RunResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function collector(): { stream: Writable; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer | string, _enc, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  return { stream, text: () => chunks.join("") };
}

/** Runs `argv`; `stdin` feeds prompts. The environment defaults to an empty one plus `env`. */
export async function runInProcess(
  argv: readonly string[],
  options: { env?: Record<string, string>; stdin?: string; binding?: ServiceBinding; tty?: boolean; keepPagerUnset?: boolean } = {},
): Promise<RunResult> {
  const out = collector();
  const err = collector();
  const stdin = new PassThrough();
  stdin.end(options.stdin ?? "");
  const stdout = Object.assign(out.stream, options.tty === true ? { isTTY: true, columns: 80 } : {});
  const code = await runCli(argv, { stdout, stderr: err.stream, stdin, env: { ...(options.keepPagerUnset === true ? {} : { AWS_PAGER: "" }), ...options.env } }, options.binding ?? (await cliBinding()));
  return { code, stdout: out.text(), stderr: err.text() };
}
