/**
 * Runs one matrix case through the real AWS CLI v2 or through iotmi, each against its own loopback capture
 * server answering with the case's canned responses, with the case's files, config and environment in a
 * fresh folder. Outputs are normalised (endpoint port, folder, the program name) so that a recording made on
 * one machine compares with a run on another.
 */
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { startCaptureServer, type CannedResponse } from "../cli/helpers/capture-server.js";
import { cliBinding } from "../cli/helpers/binding.js";
import { runInProcess } from "../cli/helpers/run-in-process.js";

/** One row of the matrix. `@URL@` and `@DIR@` in args, files, config and env are replaced when run. */
export interface MatrixCase {
  readonly name: string;
  /** The words after `aws iot-managed-integrations` / `iotmi`. */
  readonly args: readonly string[];
  /** Files created in the case's folder (`@DIR@/<name>`). */
  readonly files?: Readonly<Record<string, string>>;
  /** Contents of the config file (`AWS_CONFIG_FILE`), empty by default. */
  readonly config?: string;
  /** Contents of the shared credentials file, empty by default. */
  readonly credentials?: string;
  /** Environment changes; null removes a variable. */
  readonly env?: Readonly<Record<string, string | null>>;
  /** What the server answers, in turn (the last repeats); 201 with a small task by default. */
  readonly responses?: readonly CannedResponse[];
  /**
   * How the outputs are compared: `help` the page layout only, `skeleton` a YAML skeleton without the
   * documentation text of its comments, `debug` the signing blocks of the log only.
   */
  readonly compare?: "exact" | "help" | "skeleton" | "debug";
}

/** A request as the capture server saw it. */
export interface SeenRequest {
  readonly method: string;
  readonly path: string;
  readonly body: string;
}

/** What one program did on one case. */
export interface Recording {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly requests: readonly SeenRequest[];
}

/** Credentials and settings every case starts from. */
const BASE_ENV: Readonly<Record<string, string>> = {
  AWS_ACCESS_KEY_ID: "AKIDEXAMPLE",
  AWS_SECRET_ACCESS_KEY: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
  AWS_PAGER: "",
  AWS_EC2_METADATA_DISABLED: "true",
};

/** Variables of the parent process that would change either program's behaviour. */
const CLEARED = /^(AWS_|IOTMI_)/;

interface Prepared {
  readonly dir: string;
  readonly url: string;
  readonly args: string[];
  readonly env: Record<string, string>;
}

function fill(text: string, dir: string, url: string): string {
  return text.replaceAll("@DIR@", dir).replaceAll("@URL@", url);
}

function prepare(c: MatrixCase, url: string): Prepared {
  const dir = mkdtempSync(join(tmpdir(), "iotmi-matrix-"));
  for (const [name, text] of Object.entries(c.files ?? {})) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), fill(text, dir, url));
  }
  writeFileSync(join(dir, "config"), fill(c.config ?? "", dir, url));
  writeFileSync(join(dir, "credentials"), fill(c.credentials ?? "", dir, url));
  const env: Record<string, string> = {
    ...BASE_ENV,
    HOME: dir,
    AWS_CONFIG_FILE: join(dir, "config"),
    AWS_SHARED_CREDENTIALS_FILE: join(dir, "credentials"),
  };
  for (const [key, value] of Object.entries(c.env ?? {})) {
    if (value === null) delete env[key];
    else env[key] = fill(value, dir, url);
  }
  return { dir, url, args: c.args.map((a) => fill(a, dir, url)), env };
}

/** Replaces what differs between runs: the server's port and the case folder. */
function normalise(text: string, p: Prepared): string {
  return text.replaceAll(p.dir, "@DIR@").replaceAll(p.url, "@URL@").replace(/127\.0\.0\.1:\d+/g, "127.0.0.1:@PORT@");
}

/**
 * The AWS CLI's text with its program name replaced by iotmi's (`aws iot-managed-integrations` → `iotmi`,
 * `aws: error:` → `iotmi: error:`, the usage block's `aws`).
 */
export function asIotmi(text: string): string {
  return text
    .replaceAll("aws iot-managed-integrations", "iotmi")
    .replace(/^usage: aws /gm, "usage: iotmi ")
    .replace(/^ {2}aws /gm, "  iotmi ")
    .replace(/^aws: error:/gm, "iotmi: error:");
}

async function record(c: MatrixCase, run: (p: Prepared) => Promise<{ code: number; stdout: string; stderr: string }>): Promise<Recording> {
  const server = await startCaptureServer();
  if (c.responses !== undefined) server.respond(c.responses);
  const p = prepare(c, server.url);
  try {
    const result = await run(p);
    return {
      code: result.code,
      stdout: normalise(result.stdout, p),
      stderr: normalise(result.stderr, p),
      requests: server.requests.map((r) => ({ method: r.method, path: r.path, body: normalise(r.body, p) })),
    };
  } finally {
    await server.close();
    rmSync(p.dir, { recursive: true, force: true });
  }
}

/** Runs the AWS CLI v2 (`binary`, with `AWS_DATA_PATH=dataPath`) on a case. */
export function recordAws(c: MatrixCase, binary: string, dataPath: string): Promise<Recording> {
  return record(c, (p) => {
    const base: Record<string, string> = {};
    for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !CLEARED.test(k)) base[k] = v;
    const env = { ...base, ...p.env, AWS_DATA_PATH: dataPath };
    return new Promise((resolve) => {
      execFile(binary, ["iot-managed-integrations", ...p.args], { env, encoding: "utf8" }, (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === "number" ? error.code : 255;
        resolve({ code, stdout, stderr });
      });
    });
  }).then((r) => ({ ...r, stdout: asIotmi(r.stdout), stderr: asIotmi(r.stderr) }));
}

/**
 * Runs iotmi in this process on a case. The runtime reads credentials and config from `process.env`, so the
 * case's environment replaces it for the duration: callers run cases one at a time.
 */
export async function recordIotmi(c: MatrixCase): Promise<Recording> {
  const binding = await cliBinding();
  return record(c, async (p) => {
    const saved = { ...process.env };
    replaceEnv(Object.fromEntries(Object.entries(saved).filter(([k]) => !CLEARED.test(k) && k !== "HOME")));
    Object.assign(process.env, p.env);
    try {
      return await runInProcess(p.args, { binding, env: p.env });
    } finally {
      replaceEnv(saved);
    }
  });
}

function replaceEnv(values: Record<string, string | undefined>): void {
  for (const key of Object.keys(process.env)) if (!Object.hasOwn(values, key)) delete process.env[key];
  for (const [key, value] of Object.entries(values)) if (value !== undefined) process.env[key] = value;
}
