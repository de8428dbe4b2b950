/**
 * Pipes output through the user's pager (`AWS_PAGER`, `cli_pager`, default `less` with `LESS=FRX`) when stdout
 * is a terminal, as the AWS CLI v2 does.
 *
 * @packageDocumentation
 */
import { spawn } from "node:child_process";
import type { Env } from "./settings.js";

/**
 * Runs `pager` with `text` on its stdin; resolves false when the pager could not start (the caller then
 * writes to stdout itself).
 * @internal
 */
export function pipeToPager(pager: string, text: string, env: Env): Promise<boolean> {
  return new Promise((resolve) => {
    const childEnv: Record<string, string> = {};
    for (const [k, v] of Object.entries(env)) if (v !== undefined) childEnv[k] = v;
    childEnv["LESS"] ??= "FRX";
    const child = spawn(pager, { shell: true, stdio: ["pipe", "inherit", "inherit"], env: childEnv });
    let started = true;
    child.on("error", () => {
      started = false;
      resolve(false);
    });
    child.stdin.on("error", () => undefined);
    child.on("close", (code) => {
      if (started) resolve(code !== 127);
    });
    child.stdin.end(text);
  });
}
