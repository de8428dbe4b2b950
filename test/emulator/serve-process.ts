/**
 * `iotmi serve` in a child process (through tsx, from the sources), for tests that kill it with SIGKILL and
 * start it again on the same data directory.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";

const REPO = fileURLToPath(new URL("../..", import.meta.url));

export interface ServeProcess {
  readonly url: string;
  /** SIGKILL, then waits for the exit. */
  kill9(): Promise<void>;
}

/** Starts `iotmi serve --port 0 --data <dir> --quiet` and resolves once it prints its URL. */
export async function startServeProcess(dataDir: string): Promise<ServeProcess> {
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "src/cli/main.ts", "serve", "--port", "0", "--data", dataDir, "--quiet"], {
    cwd: REPO,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const match = /http:\/\/[\d.]+:\d+/.exec(out);
      if (match) resolve(match[0]);
    });
    child.stderr!.on("data", (chunk: Buffer) => (out += chunk.toString()));
    child.once("exit", (code) => reject(new Error(`iotmi serve exited with ${code}: ${out}`)));
  });
  return {
    url,
    kill9: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGKILL");
      await exited;
    },
  };
}
