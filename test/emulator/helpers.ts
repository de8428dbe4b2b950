/**
 * Test helpers: start an emulator on an ephemeral loopback port with the fixture spec, and send requests to it
 * signed by the AWS SDK's own signer (@smithy/signature-v4 + @aws-crypto/sha256-js), independent of the
 * emulator's verifier.
 */
import { Sha256 } from "@aws-crypto/sha256-js";
import { HttpRequest } from "@smithy/protocol-http";
import { SignatureV4 } from "@smithy/signature-v4";
import { request as httpRequest } from "node:http";
import { startEmulator, type Emulator, type EmulatorOptions } from "../../src/emulator/index.js";
import { createOtaTaskFixtureSpec } from "./fixtures/create-ota-task-spec.js";

export const DOC_KEY = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" };

/** Starts a quiet emulator serving the fixture spec unless told otherwise. */
export function start(options: EmulatorOptions = {}): Promise<Emulator> {
  return startEmulator({ quiet: true, operations: [createOtaTaskFixtureSpec], ...options });
}

export interface SendOptions {
  readonly method?: string;
  readonly path?: string;
  readonly query?: Record<string, string>;
  /** JSON text, a value to serialise, or exact bytes. */
  readonly body?: string | object | Buffer;
  readonly headers?: Record<string, string>;
  /** Omit to send unsigned. */
  readonly sign?: {
    readonly credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
    readonly region?: string;
    readonly service?: string;
    readonly date?: Date;
  } | false;
  /** Changes the signed request before it is sent (tampering). */
  readonly tamper?: (request: { method: string; path: string; headers: Record<string, string>; body: string | Buffer }) => void;
}

export interface Reply {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly text: string;
  readonly json: Record<string, unknown> | undefined;
}

export const VALID_BODY = { S3Url: "s3://bucket/firmware.bin", OtaType: "ONE_TIME" };

/** Builds, signs and sends one request; resolves with the reply (rejects on a connection error). */
export async function send(emulator: { url: string }, options: SendOptions = {}): Promise<Reply> {
  const url = new URL(emulator.url);
  const body =
    options.body === undefined ? JSON.stringify(VALID_BODY) : typeof options.body === "string" || Buffer.isBuffer(options.body) ? options.body : JSON.stringify(options.body);
  const request = new HttpRequest({
    method: options.method ?? "POST",
    protocol: "http:",
    hostname: url.hostname,
    port: Number(url.port),
    path: options.path ?? "/ota-tasks",
    query: options.query ?? {},
    headers: { host: url.host, "content-type": "application/json", "content-length": String(Buffer.byteLength(body)), ...options.headers },
    body,
  });
  let signed = request;
  if (options.sign !== false) {
    const s = options.sign ?? {};
    const signer = new SignatureV4({
      credentials: s.credentials ?? DOC_KEY,
      region: s.region ?? "us-east-1",
      service: s.service ?? "iotmanagedintegrations",
      sha256: Sha256,
    });
    signed = (await signer.sign(request, s.date !== undefined ? { signingDate: s.date } : {})) as HttpRequest;
  }
  const wire = { method: signed.method, path: signed.path, headers: { ...signed.headers }, body };
  const q = new URLSearchParams(signed.query as Record<string, string>).toString();
  if (q !== "") wire.path += `?${q}`;
  options.tamper?.(wire);
  return rawSend(url, wire);
}

/** Sends exactly the given method, path, headers and body. */
export function rawSend(url: URL, wire: { method: string; path: string; headers: Record<string, string>; body: string | Buffer }): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: url.hostname, port: Number(url.port), method: wire.method, path: wire.path, headers: wire.headers, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("error", reject);
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          let json: Record<string, unknown> | undefined;
          try {
            json = JSON.parse(text) as Record<string, unknown>;
          } catch {
            json = undefined;
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
        });
      },
    );
    req.on("error", reject);
    req.end(wire.body);
  });
}

/** The error code a client would read: `X-Amzn-ErrorType` cut at the first `:`. */
export function errorType(reply: Reply): string | undefined {
  const raw = reply.headers["x-amzn-errortype"];
  return typeof raw === "string" ? raw.split(":")[0] : undefined;
}

/** GET on the inspection route. */
export async function inspect(emulator: { url: string }): Promise<{ TaskId: string; Input: Record<string, unknown>; ClientToken?: string }[]> {
  const reply = await rawSend(new URL(emulator.url), { method: "GET", path: "/_emulator/ota-tasks", headers: {}, body: "" });
  return (reply.json as { tasks: { TaskId: string; Input: Record<string, unknown> }[] }).tasks;
}
