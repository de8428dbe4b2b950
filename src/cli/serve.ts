/**
 * `iotmi serve`: the command line of the emulator. Reads the flags into the emulator's typed options and runs
 * it in the foreground (`serveEmulator`, from the `iotmi/emulator` entry) until SIGINT or SIGTERM.
 *
 * `iotmi serve [--host H] [--port N] [--data DIR [--fsync]] [--region R] [--account A]
 * [--credentials KEY:SECRET[:TOKEN]]... [--no-auth] [--faults SPEC] [--seed N] [--shutdown-grace SECONDS] [--quiet]`
 *
 * @packageDocumentation
 */
import { FAULTS_SYNTAX, FaultSpecError, parseFaults, serveEmulator } from "../emulator/index.js";
import type { EmulatorCredential, EmulatorOptions, FaultOptions, ServeIo } from "../emulator/index.js";
import { ExitCode, UsageError } from "./errors.js";

/**
 * Where the command writes and how it waits for a stop signal (injectable for tests).
 * @public
 */
export interface ServeCommandIo extends ServeIo {
  readonly stderr: (text: string) => void;
  /** Options the flags are laid over (e.g. other operations or handlers to serve). */
  readonly emulatorOptions?: EmulatorOptions;
}

const USAGE = `usage: iotmi serve [--host HOST] [--port PORT] [--data DIR [--fsync]] [--region REGION] [--account ACCOUNT]
                   [--credentials ACCESS_KEY_ID:SECRET_ACCESS_KEY[:SESSION_TOKEN]]... [--no-auth]
                   [--faults SPEC] [--seed N] [--shutdown-grace SECONDS] [--quiet]

Runs a local emulator of AWS IoT Managed Integrations until interrupted.

  --host HOST          interface to bind (default 127.0.0.1)
  --port PORT          port, 0 for any free one (default 4566)
  --data DIR           keep tasks in DIR (an append-only log); default: in memory. A change survives
                       the emulator's crash or kill -9 once answered, and is on disk within a second
  --fsync              with --data: put each change on disk before answering it (survives power loss too;
                       slower)
  --region REGION      region requests must be signed for (default us-east-1)
  --account ACCOUNT    account id in ARNs (default 123456789012)
  --credentials K:S    accept this key pair (repeatable); default AKIDEXAMPLE with the documentation secret
  --no-auth            do not verify SigV4 signatures
  --faults SPEC        inject faults: ${FAULTS_SYNTAX}
  --seed N             seed of the fault generator (default random, printed at start)
  --shutdown-grace S   on SIGINT/SIGTERM, let requests in flight finish for up to S seconds (default 5),
                       then drop them; a second signal exits at once
  --quiet              no per-request log lines
`;

interface ParsedArgs {
  readonly options: EmulatorOptions & { host: string; port: number };
  readonly help: boolean;
}

function parseArgs(argv: readonly string[]): ParsedArgs {
  let host = "127.0.0.1";
  let port = 4566;
  let dataDir: string | undefined;
  let fsync = false;
  let region = "us-east-1";
  let account = "123456789012";
  const credentials: EmulatorCredential[] = [];
  let auth = true;
  let faults: FaultOptions | undefined;
  let seed: number | undefined;
  let quiet = false;
  let help = false;
  let shutdownGraceMs = 5000;

  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const eq = arg.startsWith("--") ? arg.indexOf("=") : -1;
    const name = eq === -1 ? arg : arg.slice(0, eq);
    const inline = eq === -1 ? undefined : arg.slice(eq + 1);
    const value = (): string => {
      if (inline !== undefined) return inline;
      const next = argv[i + 1];
      if (next === undefined || next.startsWith("--")) throw new UsageError(`argument ${name}: expected one argument`);
      i++;
      return next;
    };
    switch (name) {
      case "--host":
        host = value();
        break;
      case "--port": {
        const text = value();
        port = Number(text);
        if (!/^\d+$/.test(text) || port > 65535) throw new UsageError(`argument --port: invalid port '${text}' (0-65535)`);
        break;
      }
      case "--data":
        dataDir = value();
        break;
      case "--fsync":
        if (inline !== undefined) throw new UsageError("argument --fsync: takes no value");
        fsync = true;
        break;
      case "--region":
        region = value();
        if (!/^[a-z0-9-]+$/.test(region)) throw new UsageError(`argument --region: invalid region '${region}'`);
        break;
      case "--account":
        account = value();
        if (!/^\d{12}$/.test(account)) throw new UsageError(`argument --account: expected 12 digits, got '${account}'`);
        break;
      case "--credentials": {
        const parts = value().split(":");
        if (parts.length < 2 || parts.length > 3 || parts.some((p) => p === "")) {
          throw new UsageError("argument --credentials: expected ACCESS_KEY_ID:SECRET_ACCESS_KEY[:SESSION_TOKEN]");
        }
        credentials.push({ accessKeyId: parts[0]!, secretAccessKey: parts[1]!, ...(parts[2] !== undefined ? { sessionToken: parts[2] } : {}) });
        break;
      }
      case "--no-auth":
        if (inline !== undefined) throw new UsageError("argument --no-auth: takes no value");
        auth = false;
        break;
      case "--faults":
        try {
          faults = parseFaults(value());
        } catch (e) {
          if (e instanceof FaultSpecError) throw new UsageError(`argument --faults: ${e.message}`);
          throw e;
        }
        break;
      case "--seed": {
        const text = value();
        seed = Number(text);
        if (!/^\d+$/.test(text) || seed > 0xffffffff) throw new UsageError(`argument --seed: expected an integer 0-4294967295, got '${text}'`);
        break;
      }
      case "--shutdown-grace": {
        const text = value();
        const seconds = /^\d+(\.\d+)?$/.test(text) ? Number(text) : NaN;
        if (!(seconds <= 3600)) throw new UsageError(`argument --shutdown-grace: expected seconds between 0 and 3600, got '${text}'`);
        shutdownGraceMs = seconds * 1000;
        break;
      }
      case "--quiet":
        quiet = true;
        break;
      case "--help":
      case "-h":
      case "help":
        help = true;
        break;
      default:
        throw new UsageError(`unknown argument: ${arg}`);
    }
  }
  if (fsync && dataDir === undefined) throw new UsageError("argument --fsync: only with --data DIR (an in-memory emulator writes nothing)");
  return {
    help,
    options: {
      host,
      port,
      dataDir,
      ...(fsync ? { fsync } : {}),
      region,
      account,
      auth,
      faults,
      seed,
      quiet,
      shutdownGraceMs,
      ...(credentials.length > 0 ? { credentials } : {}),
    },
  };
}

/** Why the emulator could not start, in the user's terms. */
function startFailure(error: unknown, options: ParsedArgs["options"]): string {
  const err = error as NodeJS.ErrnoException;
  if (err.code === "EADDRINUSE") return `port ${options.port} on ${options.host} is already in use (try --port 0)`;
  if (err.code === "EACCES" && err.syscall === "listen") return `not allowed to listen on ${options.host}:${options.port}`;
  return err.message;
}

/**
 * Runs `iotmi serve` with the arguments after `serve`; resolves with the exit status once stopped.
 * @public
 */
export async function runServe(argv: readonly string[], io?: Partial<ServeCommandIo>): Promise<number> {
  const stdout = io?.stdout ?? ((t: string) => void process.stdout.write(t));
  const stderr = io?.stderr ?? ((t: string) => void process.stderr.write(t));
  let parsed: ParsedArgs;
  try {
    parsed = parseArgs(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    stderr(`${USAGE}\niotmi serve: error: ${e.message}\n`);
    return ExitCode.usage;
  }
  if (parsed.help) {
    stdout(USAGE);
    return ExitCode.ok;
  }
  const { options } = parsed;
  let started = false;
  const onStarted = (emulator: { url: string; port: number }): void => {
    started = true;
    io?.onStarted?.(emulator);
  };
  try {
    await serveEmulator({ ...io?.emulatorOptions, ...options }, { stdout, onStarted, ...(io?.untilStopped === undefined ? {} : { untilStopped: io.untilStopped }) });
  } catch (e) {
    // Only a failed start is the command's to explain; anything later is a bug to surface as is.
    if (started) throw e;
    stderr(`iotmi serve: cannot start: ${startFailure(e, options)}\n`);
    return ExitCode.other;
  }
  return ExitCode.ok;
}
