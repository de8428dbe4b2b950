#!/usr/bin/env node
/**
 * The `iotmi` executable: runs the CLI with the process's argv and streams, turns Ctrl-C into exit code 130,
 * and exits with the CLI's code.
 *
 * @packageDocumentation
 */
import { ExitCode } from "./errors.js";
import { runCli } from "./run.js";
import { loadServiceBinding } from "./service-binding.js";

const controller = new AbortController();
// Ctrl-C: abort any request in flight and leave at once with 130, as the AWS CLI does (no trace, no output).
const onInterrupt = (): void => {
  controller.abort();
  process.stderr.write("\n");
  process.exit(ExitCode.interrupted);
};
process.on("SIGINT", onInterrupt);
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  // A pager or `head` that closed its end early is not an error of ours.
  if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
});

const io = { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env };
let code: number;
try {
  code = await runCli(process.argv.slice(2), io, await loadServiceBinding(), {
    signal: controller.signal,
    beforeServe: () => process.off("SIGINT", onInterrupt),
  });
} catch (error) {
  process.stderr.write(`\n${error instanceof Error ? error.message : String(error)}\n`);
  code = ExitCode.other;
}
process.exitCode = controller.signal.aborted ? ExitCode.interrupted : code;
