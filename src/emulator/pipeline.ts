/**
 * The emulator's request pipeline, from a Node request to a written response: read the raw request, serve
 * the inspection route, verify SigV4, route to an operation, inject faults, check the media type, deserialise
 * and validate with the generated code, commit idempotently, answer. Every failure becomes an AWS-shaped
 * error response; nothing a client sends can crash the process.
 *
 * @packageDocumentation
 */
import { isUtf8 } from "node:buffer";
import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse as NodeResponse } from "node:http";
import {
  RequestDeserializationError,
  type ServerOperationSpec,
  type ServerResponse,
  type Violation,
  MAX_LISTED_VIOLATIONS,
} from "../runtime/index.js";
import { frameworkError, modelledError } from "./errors.js";
import type { FaultInjector } from "./faults.js";
import { BodyTooLargeError, readBody, readHead, receivedRequest, type ReceivedRequest } from "./http-request.js";
import { ServiceFailure, type EmulatorRoute, type HandlerContext, type OperationHandler } from "./resources/engine.js";
import type { RecordStore } from "./store/record-store.js";
import type { SigV4Verifier } from "./sigv4/verify.js";
import { TurnWrites } from "./turn-writes.js";

/**
 * Everything the pipeline works with.
 * @internal
 */
export interface PipelineConfig {
  // The specs' input/output types differ per operation; the pipeline treats them all as plain objects.
  readonly operations: readonly ServerOperationSpec<any, any>[];
  readonly handlers: ReadonlyMap<string, OperationHandler>;
  /** Loopback-only `/_emulator/` routes (inspection, test controls). */
  readonly routes: readonly EmulatorRoute[];
  readonly store: RecordStore;
  /** Absent with `auth: false`. */
  readonly verifier: SigV4Verifier | undefined;
  readonly faults: FaultInjector | undefined;
  readonly region: string;
  readonly account: string;
  readonly clock: () => Date;
  readonly sleep: (ms: number) => Promise<void>;
  readonly newId: () => string;
  /** One line per request; absent when quiet. */
  readonly log: ((line: string) => void) | undefined;
  readonly maxBodyBytes: number;
  /** How many bodies may be read at once for requests whose signature is not yet proven. */
  readonly maxUnverifiedBodies: number;
}

/** What one request came to, for the log line. */
interface Outcome {
  status: number | "reset";
  operation?: string;
  error?: string;
}

type AnySpec = ServerOperationSpec<object, object>;

/**
 * Builds the `request` listener for a `node:http` server, plus a way to wait for requests in flight.
 * @internal
 */
export function createPipeline(config: PipelineConfig): {
  readonly listener: (req: IncomingMessage, res: NodeResponse) => void;
  readonly idle: () => Promise<void>;
  /** Shutdown has begun: answers ask clients to close their connection. */
  readonly drain: () => void;
  /** The grace period is over: injected delays end and nothing more is committed. */
  readonly stop: () => void;
} {
  const inFlight = new Set<Promise<void>>();
  let draining = false;
  let unverifiedBodies = 0;
  let stopped = false;
  let onStop!: () => void;
  const stopping = new Promise<void>((resolve) => (onStop = resolve));
  const context: HandlerContext = { region: config.region, account: config.account, now: config.clock, newId: config.newId, store: config.store };
  // Answers leave together at the end of each turn of the event loop (see turn-writes.ts for why).
  const answers = new TurnWrites();

  const listener = (req: IncomingMessage, res: NodeResponse): void => {
    const started = config.log === undefined ? 0n : process.hrtime.bigint();
    const requestId = randomUUID();
    const outcome: Outcome = { status: 0 };
    const finished = (): void => {
      inFlight.delete(done);
      if (config.log !== undefined) config.log(logLine(req, outcome, started, requestId));
    };
    const failed = (error: unknown): void => {
      // Only a bug gets here; still answer (if we can) instead of dropping the connection.
      outcome.error = error instanceof Error ? error.message : String(error);
      try {
        if (!res.headersSent && !res.destroyed) {
          send(res, frameworkError(500, "InternalFailure", "The request processing has failed because of an unknown error."), requestId, config.clock());
          outcome.status = 500;
        }
      } finally {
        finished();
      }
    };
    const done: Promise<void> = handle(req, res, requestId, outcome).then(finished, failed);
    inFlight.add(done);
  };

  async function handle(req: IncomingMessage, res: NodeResponse, requestId: string, outcome: Outcome): Promise<void> {
    // Settles once the answer is written: the request stays in flight (for `idle`) until then.
    const reply = (response: ServerResponse, afterLogWrite = false): Promise<void> => {
      outcome.status = response.statusCode;
      const answer = draining ? { ...response, headers: { ...response.headers, connection: "close" } } : response;
      const now = config.clock();
      return answers.queue(() => send(res, answer, requestId, now), afterLogWrite);
    };

    const head = readHead(req);
    const isInspection = head.path === "/_emulator" || head.path.startsWith("/_emulator/");
    // Authentication before the body: a request refused on its headers is answered without reading it, and
    // only a bounded number of bodies are read at once for requests whose signature is still unproven.
    const verdict = isInspection || config.verifier === undefined ? undefined : config.verifier.checkHead(head);
    if (verdict !== undefined && !verdict.ok) {
      outcome.error = verdict.code;
      return reply(frameworkError(403, verdict.code, verdict.message, { connection: "close" }));
    }
    const unproven = verdict !== undefined && !verdict.proven;
    if (unproven && unverifiedBodies >= config.maxUnverifiedBodies) {
      outcome.error = "too many unverified uploads";
      return reply(frameworkError(503, "ServiceUnavailableException", "Too many requests are uploading at once; retry later.", { connection: "close" }));
    }
    let request: ReceivedRequest;
    if (unproven) unverifiedBodies++;
    try {
      const body = readBody(req, config.maxBodyBytes);
      request = receivedRequest(head, body instanceof Buffer ? body : await body);
    } catch (e) {
      if (e instanceof BodyTooLargeError) {
        return reply(frameworkError(413, "RequestEntityTooLargeException", `Request body exceeds ${config.maxBodyBytes} bytes.`, { connection: "close" }));
      }
      throw e;
    } finally {
      if (unproven) unverifiedBodies--;
    }

    if (isInspection) {
      if (!isLoopback(req.socket.remoteAddress)) return reply(frameworkError(403, "AccessDeniedException", "The emulator's inspection routes answer loopback clients only."));
      return reply(await emulatorRoute(request));
    }

    if (verdict !== undefined) {
      const signed = verdict.finish(request.body);
      if (!signed.ok) {
        outcome.error = signed.code;
        return reply(frameworkError(403, signed.code, signed.message));
      }
    }

    const route = findRoute(config.operations, request.method, request.path);
    if (route.kind === "not-found") {
      return reply(frameworkError(404, "UnknownOperationException", `No operation matches ${request.method} ${request.path}.`));
    }
    if (route.kind === "wrong-method") {
      return reply(
        frameworkError(405, "MethodNotAllowedException", `${request.method} is not allowed on ${request.path}; allowed: ${route.allowed.join(", ")}.`, {
          allow: route.allowed.join(", "),
        }),
      );
    }
    const spec = route.spec;
    outcome.operation = spec.name;

    let resetAfterCommit = false;
    if (config.faults !== undefined) {
      const { outcome: fault, delayMs } = config.faults.next();
      if (delayMs > 0) await Promise.race([config.sleep(delayMs), stopping]);
      if (fault.kind === "reset-before-commit") {
        outcome.status = "reset";
        outcome.error = "injected reset before commit";
        return reset(req);
      }
      if (fault.kind === "status") {
        outcome.error = `injected ${fault.status}`;
        const headers: Record<string, string> = fault.retryAfterSeconds !== undefined ? { "retry-after": String(fault.retryAfterSeconds) } : {};
        return reply(injectedStatus(spec, fault.status, headers));
      }
      resetAfterCommit = fault.kind === "reset-after-commit";
    }

    if (request.body.length > 0 && !isJson(request.server.headers["content-type"])) {
      const given = request.server.headers["content-type"];
      return reply(
        frameworkError(415, "UnsupportedMediaTypeException", `Expected Content-Type application/json, got ${given === undefined ? "none" : `'${given}'`}.`),
      );
    }

    // JSON text is UTF-8; a body that is not would be decoded with U+FFFD in place of its bad bytes and stored so.
    if (request.body.length > 0 && !isUtf8(request.body)) {
      outcome.error = "SerializationException";
      return reply(frameworkError(400, "SerializationException", "Request body is not valid UTF-8."));
    }

    let input: object;
    try {
      input = spec.deserializeRequest(request.server, route.labels);
    } catch (e) {
      if (e instanceof RequestDeserializationError) {
        outcome.error = "SerializationException";
        const message = e.path !== undefined && e.path !== "" && !e.message.includes(e.path) ? `${e.message} (at ${e.path})` : e.message;
        return reply(frameworkError(400, "SerializationException", message));
      }
      throw e;
    }

    const violations = spec.validate(input);
    if (violations.length > 0) {
      outcome.error = "ValidationException";
      return reply(modelledError(spec, "ValidationException", 400, validationMessage(violations)));
    }

    const handler = config.handlers.get(spec.name);
    if (handler === undefined) {
      outcome.error = "NotImplementedException";
      return reply(frameworkError(501, "NotImplementedException", `The emulator does not implement ${spec.name}.`));
    }
    if (stopped) {
      // Past the shutdown grace period the store is about to close: drop the request uncommitted.
      outcome.status = "reset";
      outcome.error = "not committed: the emulator is shutting down";
      return reset(req);
    }
    let result: Awaited<ReturnType<OperationHandler["handle"]>>;
    try {
      result = await handler.handle(input, context);
    } catch (e) {
      if (!(e instanceof ServiceFailure)) throw e;
      outcome.error = e.code;
      return reply(modelledError(spec, e.code, e.status, e.message));
    }
    if (resetAfterCommit && result.committed !== undefined) {
      outcome.status = "reset";
      outcome.error = `injected reset after commit (${result.committed.operation} ${result.committed.id})`;
      return reset(req);
    }
    // A durable commit's answer leaves as soon as the continuations of what released it have run: a new record's
    // with its whole batch, released by one log write; a replayed token's (already on disk) at once.
    return reply(spec.serializeResponse(result.output), result.committed !== undefined && config.store.durable);
  }

  /** A loopback-only `/_emulator/` route: 404 for an unknown path, 405 for a known path with another method. */
  async function emulatorRoute(request: ReceivedRequest): Promise<ServerResponse> {
    let path: string;
    try {
      path = decodeURIComponent(request.path);
    } catch {
      return frameworkError(400, "ValidationException", `Malformed path ${request.path}.`);
    }
    const matching = config.routes.filter((r) => r.path.test(path));
    if (matching.length === 0) return frameworkError(404, "UnknownOperationException", `No emulator route ${request.path}.`);
    const route = matching.find((r) => r.method === request.method);
    if (route === undefined) {
      const allowed = [...new Set(matching.map((r) => r.method))].join(", ");
      return frameworkError(405, "MethodNotAllowedException", `${request.method} is not allowed on ${request.path}; use ${allowed}.`, { allow: allowed });
    }
    let body: unknown;
    try {
      body = request.body.length === 0 ? undefined : JSON.parse(Buffer.from(request.body).toString("utf8"));
    } catch {
      return frameworkError(400, "SerializationException", "The body is not valid JSON.");
    }
    try {
      const result = await route.handle(route.path.exec(path)!.slice(1), body, context);
      return { statusCode: 200, headers: { "content-type": "application/json" }, body: JSON.stringify(result) };
    } catch (e) {
      if (!(e instanceof ServiceFailure)) throw e;
      return frameworkError(e.status, e.code, e.message);
    }
  }

  return {
    listener,
    idle: async () => {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
    drain: () => {
      draining = true;
    },
    stop: () => {
      stopped = true;
      onStop();
    },
  };
}

type Route =
  | { readonly kind: "found"; readonly spec: AnySpec; readonly labels: Record<string, string> }
  | { readonly kind: "wrong-method"; readonly allowed: string[] }
  | { readonly kind: "not-found" };

/**
 * Finds the operation for a method and undecoded path.
 * @internal
 */
export function findRoute(operations: readonly AnySpec[], method: string, path: string): Route {
  // Operations of the request's method first: only a miss needs the others' paths (for 405's Allow list).
  for (const spec of operations) {
    if (spec.method !== method) continue;
    const labels = matchPath(spec, path);
    if (labels !== undefined) return { kind: "found", spec, labels };
  }
  const allowed: string[] = [];
  for (const spec of operations) {
    if (spec.method === method || allowed.includes(spec.method)) continue;
    if (matchPath(spec, path) !== undefined) allowed.push(spec.method);
  }
  return allowed.length > 0 ? { kind: "wrong-method", allowed } : { kind: "not-found" };
}

function matchPath(spec: AnySpec, path: string): Record<string, string> | undefined {
  try {
    return spec.matchPath(path);
  } catch {
    return undefined; // a malformed escape in a label: treat as no match
  }
}

/** The message of a 400 `ValidationException`: how many, then the first 100 violations. @internal */
export function validationMessage(violations: readonly Violation[]): string {
  const n = violations.length;
  // The first MAX_LISTED_VIOLATIONS messages and the count of the rest, as the client and the CLI list them.
  const listed = violations.slice(0, MAX_LISTED_VIOLATIONS).map((v) => v.message);
  if (n > MAX_LISTED_VIOLATIONS) listed.push(`and ${n - MAX_LISTED_VIOLATIONS} more`);
  return `${n} validation error${n === 1 ? "" : "s"} detected: ${listed.join("; ")}`;
}

function injectedStatus(spec: AnySpec, status: 500 | 503 | 429, headers: Record<string, string>): ServerResponse {
  switch (status) {
    case 500:
      return modelledError(spec, "InternalServerException", 500, "Internal server error (injected by the emulator).", headers);
    case 503:
      return modelledError(spec, "ServiceUnavailableException", 503, "Service unavailable (injected by the emulator).", headers);
    case 429:
      return modelledError(spec, "ThrottlingException", 429, "Rate exceeded (injected by the emulator).", headers);
  }
}

function isJson(contentType: string | undefined): boolean {
  if (contentType === undefined) return false;
  const media = contentType.split(";")[0]!.trim().toLowerCase();
  return media === "application/json";
}

/** True for IPv4/IPv6 loopback peers, including IPv4-mapped ones. @internal */
export function isLoopback(address: string | undefined): boolean {
  if (address === undefined) return false;
  const a = address.startsWith("::ffff:") ? address.slice(7) : address;
  return a === "::1" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(a);
}

/** Drops the connection with a TCP reset, as a crashed or overloaded front end would. */
function reset(req: IncomingMessage): void {
  const socket = req.socket as typeof req.socket & { resetAndDestroy?: () => void };
  if (typeof socket.resetAndDestroy === "function") socket.resetAndDestroy();
  else socket.destroy();
}

/** The last `Date` header made, by the second it names: answers within one second share the text. */
let dateHeader = { second: Number.NaN, text: "" };

function httpDate(now: Date): string {
  const second = Math.floor(now.getTime() / 1000);
  if (second !== dateHeader.second) dateHeader = { second, text: now.toUTCString() };
  return dateHeader.text;
}

function send(res: NodeResponse, response: ServerResponse, requestId: string, now: Date): void {
  if (res.headersSent || res.destroyed) return;
  const body = response.body;
  // The operation's headers, then ours: Node writes a flat [name, value, …] list as it is.
  const headers: (string | number)[] = [];
  for (const name in response.headers) headers.push(name, response.headers[name]!);
  headers.push(
    "x-amzn-RequestId",
    requestId,
    // From the emulator's clock, so a client can correct its skew against it (also with a test clock).
    "Date",
    httpDate(now),
    "Content-Length",
    typeof body === "string" ? Buffer.byteLength(body, "utf8") : body.length,
  );
  res.writeHead(response.statusCode, headers);
  // A string body leaves in one chunk with the header block (Node joins them); bytes would be a second chunk.
  res.end(body);
}

function logLine(req: IncomingMessage, outcome: Outcome, started: bigint, requestId: string): string {
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  // The path only: a presigned query string carries credentials and a signature.
  const url = req.url ?? "/";
  const q = url.indexOf("?");
  const path = (q === -1 ? url : url.slice(0, q)).replace(/[^\x21-\x7e]/g, "?");
  const extra = outcome.error !== undefined ? ` ${outcome.error}` : "";
  return `${new Date().toISOString()} ${req.method ?? "?"} ${path} ${outcome.status} ${ms.toFixed(1)}ms ${requestId}${extra}`;
}
