/**
 * `iotmi serve`: runs the emulator in the foreground until SIGINT or SIGTERM.
 *
 * `iotmi serve [--host H] [--port N] [--data DIR] [--region R] [--account A] [--credentials KEY:SECRET[:TOKEN]]...
 * [--no-auth] [--faults SPEC] [--seed N] [--shutdown-grace SECONDS] [--quiet]`
 *
 * @packageDocumentation
 */
import { FAULTS_SYNTAX, FaultSpecError, parseFaults, type FaultOptions } from "./faults.js";
import { startEmulator, type EmulatorCredential, type EmulatorOptions } from "./index.js";

/**
 * Where the command writes and how it waits for a stop signal (injectable for tests).
 * @public
 */
export interface ServeIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Resolves when the process should stop; SIGINT/SIGTERM by default. */
  readonly untilStopped?: () => Promise<string>;
  /** Hears the started emulator (tests use it to learn the port). */
  readonly onStarted?: (emulator: { url: string; port: number }) => void;
  /** Options the flags are laid over (e.g. other operations or handlers to serve). */
  readonly emulatorOptions?: EmulatorOptions;
}

/** Exit status of a usage error, as the AWS CLI v2 uses. */
const USAGE_ERROR = 252;

const USAGE = `usage: iotmi serve [--host HOST] [--port PORT] [--data DIR] [--region REGION] [--account ACCOUNT]
                   [--credentials ACCESS_KEY_ID:SECRET_ACCESS_KEY[:SESSION_TOKEN]]... [--no-auth]
                   [--faults SPEC] [--seed N] [--shutdown-grace SECONDS] [--quiet]

Runs a local emulator of AWS IoT Managed Integrations until interrupted.

  --host HOST          interface to bind (default 127.0.0.1)
  --port PORT          port, 0 for any free one (default 4566)
  --data DIR           keep tasks in DIR (an append-only log); default: in memory
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

class UsageError extends Error {}

interface ParsedArgs {
  readonly options: EmulatorOptions & { port: number };
  readonly help: boolean;
}

function parseArgs(argv: readonly string[]): ParsedArgs {
  let host = "127.0.0.1";
  let port = 4566;
  let dataDir: string | undefined;
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
  return {
    help,
    options: {
      host,
      port,
      dataDir,
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

/**
 * Listens for SIGINT/SIGTERM: the first resolves `first`, a second exits at once. One listener stays installed
 * from start to `dispose` — between two listeners Node would restore the default action, and a signal
 * arriving then would kill the process without a word.
 */
function listenForSignals(stdout: (text: string) => void): { readonly first: Promise<string>; dispose(): void } {
  let resolveFirst!: (signal: string) => void;
  const first = new Promise<string>((resolve) => (resolveFirst = resolve));
  let received: string | undefined;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (received === undefined) {
      received = signal;
      resolveFirst(signal);
      return;
    }
    // A second signal means "now": acknowledged tasks are already on disk.
    stdout(`iotmi emulator exiting at once (${signal})\n`);
    process.exit(signal === "SIGINT" ? 130 : 143);
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  return {
    first,
    dispose: () => {
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
    },
  };
}

/**
 * Runs `iotmi serve` with the arguments after `serve`; resolves with the exit status once stopped.
 * @public
 */
export async function runServe(argv: readonly string[], io?: Partial<ServeIo>): Promise<number> {
  const stdout = io?.stdout ?? ((t: string) => void process.stdout.write(t));
  const stderr = io?.stderr ?? ((t: string) => void process.stderr.write(t));
  let parsed: ParsedArgs;
  try {
    parsed = parseArgs(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    stderr(`${USAGE}\niotmi serve: error: ${e.message}\n`);
    return USAGE_ERROR;
  }
  if (parsed.help) {
    stdout(USAGE);
    return 0;
  }
  const { options } = parsed;
  // Signals are listened to before starting, so a stop that arrives during start-up is not lost.
  const signals = io?.untilStopped === undefined ? listenForSignals(stdout) : undefined;
  const stopped = signals?.first ?? io!.untilStopped!();
  let emulator;
  try {
    emulator = await startEmulator({ ...io?.emulatorOptions, ...options, log: (line) => stdout(`${line}\n`) });
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    const reason =
      err.code === "EADDRINUSE"
        ? `port ${options.port} on ${options.host ?? "127.0.0.1"} is already in use (try --port 0)`
        : err.code === "EACCES" && err.syscall === "listen"
          ? `not allowed to listen on ${options.host ?? "127.0.0.1"}:${options.port}`
          : err.message;
    stderr(`iotmi serve: cannot start: ${reason}\n`);
    signals?.dispose();
    return 255;
  }
  const creds = options.credentials ?? [{ accessKeyId: "AKIDEXAMPLE" }];
  stdout(
    `iotmi emulator listening on ${emulator.url} (region ${emulator.region}, account ${emulator.account}, ` +
      `${options.auth === false ? "SigV4 verification OFF" : `keys ${creds.map((c) => c.accessKeyId).join(", ")}`}, ` +
      `${options.dataDir !== undefined ? `data in ${options.dataDir}` : "in memory"}` +
      `${options.faults !== undefined ? `, faults seed ${emulator.seed}` : ""})\n`,
  );
  io?.onStarted?.(emulator);
  const signal = await stopped;
  stdout(`iotmi emulator stopping (${signal}); requests in flight get up to ${(options.shutdownGraceMs ?? 5000) / 1000}s, a second signal exits at once\n`);
  try {
    await emulator.close();
  } finally {
    signals?.dispose();
  }
  return 0;
}
