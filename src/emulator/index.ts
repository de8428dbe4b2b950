/**
 * `iotmi/emulator`: a local emulator of AWS IoT Managed Integrations over real HTTP, for tests and demos. It
 * verifies SigV4 like the service, validates with the code generated from the model, keeps the model's
 * resources (create, read, update, delete, list) in a durable store, idempotently, and can inject faults.
 *
 * @packageDocumentation
 */
import { randomBytes, randomUUID } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { serviceDescriptor } from "../generated/descriptor.js";
import type { ServerOperationSpec, ServiceDescriptor } from "../runtime/index.js";
import { FaultInjector, parseFaults, type FaultOptions } from "./faults.js";
import { createPipeline } from "./pipeline.js";
import { ResourceEngine, type OperationHandler, type ServiceBehaviour } from "./resources/engine.js";
import { inspectionRoutes } from "./resources/inspection.js";
import { otaBehaviour } from "./resources/ota-behaviour.js";
import { RecordStore, type StoredRecord } from "./store/record-store.js";
import { SigV4Verifier, type EmulatorCredential } from "./sigv4/verify.js";

export type { EmulatorCredential } from "./sigv4/verify.js";
export type { FaultOptions } from "./faults.js";
export { FAULTS_SYNTAX, FaultSpecError, parseFaults } from "./faults.js";
export { serveEmulator } from "./serve.js";
export type { ServeIo } from "./serve.js";
export type { RecordStore, StoredRecord } from "./store/record-store.js";
export { DataDirectoryError, StoreLockedError } from "./store/dir-lock.js";
export { StoreCorruptError } from "./store/append-log.js";
export type {
  EmulatorRoute,
  HandlerContext,
  HandlerResult,
  OperationHandler,
  ResourceBehaviour,
  ResourceState,
  ServiceBehaviour,
} from "./resources/engine.js";
export { ResourceEngine, ServiceFailure } from "./resources/engine.js";
export { otaBehaviour } from "./resources/ota-behaviour.js";

/**
 * The documentation key pair the emulator accepts by default (and `npm start` and the README use).
 * @public
 */
export const DEFAULT_CREDENTIALS: readonly EmulatorCredential[] = Object.freeze([
  { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" },
]);


/**
 * How to start the emulator. Every option has a default.
 * @public
 */
export interface EmulatorOptions {
  /** Interface to bind; `127.0.0.1` by default. */
  readonly host?: string;
  /** Port; 0 (the default here) picks a free one. `iotmi serve` defaults to 4566. */
  readonly port?: number;
  /** Directory of the durable store; absent keeps everything in memory. */
  readonly dataDir?: string | undefined;
  /**
   * With `dataDir`: put every change on disk (`O_DSYNC`) before answering it, so that it survives an
   * operating-system crash or power loss too. By default a change is answered once the operating system has
   * it — it survives the emulator's own crash or kill -9 at once — and is on disk within a second.
   */
  readonly fsync?: boolean | undefined;
  /** `us-east-1` by default. */
  readonly region?: string;
  /** `123456789012` by default. */
  readonly account?: string;
  /** Accepted keys; by default the documentation pair {@link DEFAULT_CREDENTIALS}. */
  readonly credentials?: readonly EmulatorCredential[];
  /** Verify SigV4 (default true). `false` accepts unsigned requests. */
  readonly auth?: boolean;
  /** Fault rates, as options or a `--faults` string. */
  readonly faults?: FaultOptions | string | undefined;
  /** Seed of the fault generator; random (and reported in {@link Emulator.seed}) by default. */
  readonly seed?: number | undefined;
  /** No request log lines. */
  readonly quiet?: boolean;
  /** Where request log lines and warnings go; stderr by default. */
  readonly log?: (line: string) => void;
  /** The emulator's clock (SigV4 skew, timestamps, `Date`); the system clock by default. */
  readonly clock?: () => Date;
  /** How injected delays wait; `setTimeout` by default. */
  readonly sleep?: (ms: number) => Promise<void>;
  /** The service emulated: its descriptor (operations, resources); the generated one by default. */
  readonly service?: ServiceDescriptor;
  /** What the service adds to the generic resource lifecycle; the OTA behaviour by default. */
  readonly behaviour?: ServiceBehaviour;
  /** Operations served; the service's server side by default. Input and output types differ per operation. */
  readonly operations?: readonly ServerOperationSpec<any, any>[];
  /**
   * Semantics per operation; by default the resource lifecycle of every operation the model gives a role,
   * plus the behaviour's own. Operations without one answer 501 `NotImplementedException`.
   */
  readonly handlers?: readonly OperationHandler[];
  /** New resource ids; random 32-character alphanumeric strings by default. */
  readonly newId?: () => string;
  /** Largest accepted request body; 1 MiB by default. */
  readonly maxBodyBytes?: number;
  /**
   * How many request bodies may be read at once before their signature is proven (a signature's head checks
   * pass first; the signature itself covers the body); more get 503. 64 by default.
   */
  readonly maxUnverifiedBodies?: number;
  /**
   * How long {@link Emulator.close} lets requests in flight finish before it drops their connections
   * (a stalled upload must not hold a shutdown); 5000 ms by default. A write being committed always completes.
   */
  readonly shutdownGraceMs?: number;
}

/**
 * A running emulator.
 * @public
 */
export interface Emulator {
  /** `http://host:port`, ready for a client's `endpoint`. */
  readonly url: string;
  readonly host: string;
  readonly port: number;
  readonly region: string;
  readonly account: string;
  /** The fault generator's seed (reuse it to replay a run). */
  readonly seed: number;
  /** Operations the emulator implements (other routed operations answer 501). */
  readonly operations: readonly string[];
  /** Stored records (all operations, oldest first). */
  records(operation?: string): readonly StoredRecord[];
  /**
   * Stops accepting connections, lets requests in flight finish for up to the shutdown grace period, then
   * drops the connections still open (commits under way complete first), flushes and closes the store.
   */
  close(): Promise<void>;
}

/**
 * Starts an emulator.
 * @public
 */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const host = options.host ?? "127.0.0.1";
  const region = options.region ?? "us-east-1";
  const account = options.account ?? "123456789012";
  const clock = options.clock ?? (() => new Date());
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const service = options.service ?? serviceDescriptor;
  const operations = options.operations ?? (await service.loadServer()).operations;
  const engine = new ResourceEngine(service, options.behaviour ?? otaBehaviour);
  const handlers = new Map((options.handlers ?? engine.handlers()).map((h) => [h.operation, h]));
  const routes = [...inspectionRoutes(service, engine), ...engine.routes()];
  const seed = options.seed ?? randomBytes(4).readUInt32LE(0);
  const faultOptions = typeof options.faults === "string" ? parseFaults(options.faults) : options.faults;
  const faults = faultOptions === undefined ? undefined : new FaultInjector(faultOptions, seed);

  const tokenMembers = new Map<string, string>();
  for (const spec of operations) if (spec.idempotencyTokenMember !== undefined) tokenMembers.set(spec.name, spec.idempotencyTokenMember);
  const store = await RecordStore.open({ dataDir: options.dataDir, fsync: options.fsync, tokenMembers, warn: log });

  const verifier =
    options.auth === false
      ? undefined
      : new SigV4Verifier({ credentials: options.credentials ?? DEFAULT_CREDENTIALS, region, service: service.service.signingName, now: clock });

  const pipeline = createPipeline({
    operations,
    handlers,
    routes,
    store,
    verifier,
    faults: faults === undefined || faults.inactive ? undefined : faults,
    region,
    account,
    clock,
    sleep: options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
    newId: options.newId ?? (() => randomUUID().replace(/-/g, "")),
    log: options.quiet === true ? undefined : log,
    maxBodyBytes: options.maxBodyBytes ?? 1024 * 1024,
    maxUnverifiedBodies: options.maxUnverifiedBodies ?? 64,
  });

  const server = createServer({ keepAliveTimeout: 5000 }, pipeline.listener);
  // A malformed request line or header never reaches the pipeline: answer it like a front end would.
  server.on("clientError", (error: NodeJS.ErrnoException, socket) => {
    if (socket.writable && error.code !== "ECONNRESET") {
      socket.end("HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
    } else socket.destroy();
  });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(options.port ?? 0, host, () => {
        server.off("error", reject);
        resolve();
      });
    });
  } catch (e) {
    await store.close();
    throw e;
  }
  const port = (server.address() as AddressInfo).port;
  const graceMs = options.shutdownGraceMs ?? 5000;
  const urlHost = host.includes(":") ? `[${host}]` : host;

  let closing: Promise<void> | undefined;
  return {
    url: `http://${urlHost}:${port}`,
    host,
    port,
    region,
    account,
    seed,
    operations: [...handlers.keys()],
    records: (operation) => store.list(operation),
    close: () =>
      (closing ??= (async () => {
        pipeline.drain();
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        let timer: NodeJS.Timeout | undefined;
        const graceOver = new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs)));
        await Promise.race([pipeline.idle(), graceOver]);
        clearTimeout(timer);
        pipeline.stop();
        server.closeAllConnections();
        await pipeline.idle();
        await closed;
        await store.close();
      })()),
  };
}
