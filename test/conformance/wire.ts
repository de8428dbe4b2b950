/**
 * A loopback `node:http` server that records requests exactly as they arrive (raw target, raw header list,
 * body bytes), so request cases can be judged on what the runtime's real HTTP handler puts on the wire —
 * query and path encoding, header folding, Content-Length — and not only on the `HttpRequest` object.
 */
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { RequestLike } from "./http-checks.js";

/** A request as the server read it. @internal */
export interface WireRequest {
  readonly method: string;
  /** The request target as sent: path and raw query string. */
  readonly target: string;
  readonly rawHeaders: readonly string[];
  readonly body: Uint8Array;
}

/** The recording server. @internal */
export interface WireTap {
  readonly port: number;
  /** Resolves with the next request the server receives. */
  next(): Promise<WireRequest>;
  close(): Promise<void>;
}

/** Starts a recording server on 127.0.0.1 (port chosen by the OS). @internal */
export async function startWireTap(): Promise<WireTap> {
  const waiting: ((request: WireRequest) => void)[] = [];
  const arrived: WireRequest[] = [];
  const server: Server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const request: WireRequest = { method: req.method ?? "", target: req.url ?? "", rawHeaders: req.rawHeaders, body: new Uint8Array(Buffer.concat(chunks)) };
      const waiter = waiting.shift();
      if (waiter !== undefined) waiter(request);
      else arrived.push(request);
      res.writeHead(200, { "content-type": "application/json" }).end("{}");
    });
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  return {
    port: (server.address() as AddressInfo).port,
    next: () => {
      const ready = arrived.shift();
      return ready !== undefined ? Promise.resolve(ready) : new Promise((resolve) => waiting.push(resolve));
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * The request as the checks read it, from what arrived: path and query from the raw target (query values
 * decoded pair by pair, so a separator the client failed to encode shows up as a wrong pair), headers from
 * the raw list (repeats joined with `, `, as HTTP defines), `hostname` from the client's own request since
 * the socket went to the loopback address.
 * @internal
 */
export function wireToRequest(wire: WireRequest, hostname: string | undefined): RequestLike {
  const q = wire.target.indexOf("?");
  const path = q === -1 ? wire.target : wire.target.slice(0, q);
  const query: Record<string, string[]> = {};
  if (q !== -1) {
    for (const part of wire.target.slice(q + 1).split("&")) {
      if (part === "") continue;
      const eq = part.indexOf("=");
      const key = decode(eq === -1 ? part : part.slice(0, eq));
      (query[key] ??= []).push(eq === -1 ? "" : decode(part.slice(eq + 1)));
    }
  }
  const headers: Record<string, string> = {};
  for (let i = 0; i + 1 < wire.rawHeaders.length; i += 2) {
    const name = wire.rawHeaders[i]!.toLowerCase();
    const value = wire.rawHeaders[i + 1]!;
    headers[name] = name in headers ? `${headers[name]}, ${value}` : value;
  }
  return { method: wire.method, ...(hostname === undefined ? {} : { hostname }), path, query, headers, body: wire.body };
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    // A malformed escape stays visible in the comparison instead of aborting it.
    return text;
  }
}
