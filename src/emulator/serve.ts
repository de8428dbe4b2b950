/**
 * The emulator in the foreground: start, announce, run until SIGINT or SIGTERM (or the caller's stop), close with
 * a grace period for requests in flight. Typed options only; `iotmi serve` (src/cli/serve.ts) turns its command
 * line into these options.
 *
 * @packageDocumentation
 */
import { startEmulator, type EmulatorOptions } from "./index.js";

/**
 * Where the emulator announces itself and how it waits for a stop (injectable for tests).
 * @public
 */
export interface ServeIo {
  /** Receives the start and stop announcements and, unless `quiet`, one line per request. */
  readonly stdout: (text: string) => void;
  /** Resolves (with a signal name) when the emulator should stop; SIGINT/SIGTERM by default. */
  readonly untilStopped?: () => Promise<string>;
  /** Hears the started emulator (tests use it to learn the port). */
  readonly onStarted?: (emulator: { url: string; port: number }) => void;
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
 * Runs the emulator until stopped, then closes it. Rejects with the start-up error (e.g. `EADDRINUSE`) when it
 * cannot start; resolves once it has stopped.
 * @public
 */
export async function serveEmulator(options: EmulatorOptions, io: ServeIo): Promise<void> {
  const { stdout } = io;
  // Signals are listened to before starting, so a stop that arrives during start-up is not lost.
  const signals = io.untilStopped === undefined ? listenForSignals(stdout) : undefined;
  const stopped = signals?.first ?? io.untilStopped!();
  let emulator;
  try {
    emulator = await startEmulator({ ...options, log: (line) => stdout(`${line}\n`) });
  } catch (e) {
    signals?.dispose();
    throw e;
  }
  const creds = options.credentials ?? [{ accessKeyId: "AKIDEXAMPLE" }];
  stdout(
    `iotmi emulator listening on ${emulator.url} (region ${emulator.region}, account ${emulator.account}, ` +
      `${options.auth === false ? "SigV4 verification OFF" : `keys ${creds.map((c) => c.accessKeyId).join(", ")}`}, ` +
      `${options.dataDir !== undefined ? `data in ${options.dataDir}${options.fsync === true ? ", fsync" : ""}` : "in memory"}` +
      `${options.faults !== undefined ? `, faults seed ${emulator.seed}` : ""})\n`,
  );
  io.onStarted?.(emulator);
  const signal = await stopped;
  stdout(`iotmi emulator stopping (${signal}); requests in flight get up to ${(options.shutdownGraceMs ?? 5000) / 1000}s, a second signal exits at once\n`);
  try {
    await emulator.close();
  } finally {
    signals?.dispose();
  }
}
