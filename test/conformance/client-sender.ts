/**
 * Sends a request case through the whole generated client — `new <Client>(config).send(new <Op>Command(input))`
 * with the runtime's pipeline (endpoint rules, serializer, per-call headers such as Content-Length, signing)
 * — and captures the request at the request handler. With a {@link WireTap}, the captured request is then
 * handed to the runtime's real `NodeHttpRequestHandler`, redirected to the loopback recorder, and judged on
 * what arrived there. This is what "the client sends" means in a protocol test; the spec-only sender
 * (http-checks.ts) isolates the serde.
 *
 * Config: the case's host as custom endpoint, static test credentials, one attempt, no client-side
 * validation (the protocol tests' inputs are not all valid against their constraints, and the SDKs do not
 * validate), and the runtime's UUID hook fixed so idempotency tokens are the expected one.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { HttpRequest } from "@smithy/protocol-http";
import { NodeHttpRequestHandler } from "../../src/runtime/index.js";
import { FIXED_IDEMPOTENCY_TOKEN, type RequestLike, type RequestSender } from "./http-checks.js";
import { errorText } from "./report.js";
import { wireToRequest, type WireRequest, type WireTap } from "./wire.js";

/** Where the emitted protocol-tests module says the client class is. @internal */
export interface ClientLocation {
  readonly module: string;
  readonly className: string;
}

type Constructor = new (...args: unknown[]) => unknown;

/** Thrown by the capturing handler to stop the call once the request is in hand. */
class RequestCaptured extends Error {
  override readonly name = "RequestCaptured";
}

async function loadExport(file: string, name: string): Promise<Constructor | string> {
  if (!existsSync(file)) return `${file.split("/").slice(-2).join("/")} was not generated`;
  try {
    const mod = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
    const value = mod[name];
    return typeof value === "function" ? (value as Constructor) : `${name} is not exported by ${file.split("/").pop()}`;
  } catch (error) {
    return `${file.split("/").pop()} failed to load: ${errorText(error)}`;
  }
}

/**
 * A sender that goes through the generated client in `dir`.
 * @internal
 */
export function sendThroughClient(dir: string, client: ClientLocation, wire?: WireTap): RequestSender {
  // No keep-alive: every case is one request, and no socket should outlive the run.
  const transport = new NodeHttpRequestHandler({ keepAlive: false });
  const clientFile = join(dir, client.module.replace(/\.js$/, ".ts"));
  let clientClass: Promise<Constructor | string> | undefined;
  return async (test, input) => {
    clientClass ??= loadExport(clientFile, client.className);
    const Client = await clientClass;
    if (typeof Client === "string") return Client;
    if (test.commandName === undefined) return "the case names no command";
    const Command = await loadExport(join(dir, "commands", `${test.commandName}.ts`), test.commandName);
    if (typeof Command === "string") return Command;

    let captured: RequestLike | undefined;
    let arrived: WireRequest | undefined;
    const requestHandler = {
      handle: async (request: HttpRequest): Promise<never> => {
        captured = request;
        if (wire !== undefined) {
          const next = wire.next();
          const redirected = new HttpRequest({ ...request, protocol: "http:", hostname: "127.0.0.1", port: wire.port });
          await transport.handle(redirected);
          arrived = await next;
        }
        throw new RequestCaptured("request captured");
      },
    };
    const instance = new Client({
      endpoint: `https://${test.host}`,
      region: "us-east-1",
      credentials: { accessKeyId: "AKIDCONFORMANCE", secretAccessKey: "conformance-secret" },
      requestHandler,
      maxAttempts: 1,
      validateInput: false,
      runtimeHooks: { uuid: () => FIXED_IDEMPOTENCY_TOKEN },
    }) as { send: (command: unknown) => Promise<unknown>; destroy?: () => void };
    try {
      await instance.send(new Command(input));
    } catch (error) {
      if (captured === undefined) return `the client threw before sending: ${errorText(error)}`;
      if (wire !== undefined && arrived === undefined) return `the HTTP handler could not send the request: ${errorText(error)}`;
    } finally {
      instance.destroy?.();
    }
    if (captured === undefined) return "the client returned without sending a request";
    return arrived === undefined ? captured : wireToRequest(arrived, captured.hostname);
  };
}
