/**
 * The client-side scenarios, each sending the same CreateOtaTask-shaped request to the same loopback server:
 *
 * - `floor`: raw `node:http` with a keep-alive agent and a prebuilt body; reads and parses the JSON answer.
 * - `floor+sign`: the same plus a fresh SigV4 signature per request with `@smithy/signature-v4` and
 *   `@aws-crypto/sha256-js`, as a hand-rolled client would do.
 * - `floor+sign(node)`: the same signer hashing with `node:crypto` (the AWS SDK v3's Node hash, which iotmi uses
 *   in Node by default): the floor the per-call targets are set against.
 * - `by hand`: the work iotmi does, written out without the client: the generated validator and serializer, the
 *   headers the SDK sends (user agents, invocation id, attempt), floor+sign(node)'s signer, `node:http`, and the
 *   generated deserializer. What a client doing this work cannot go below; the difference to `iotmi` is the
 *   client's own cost (runtime steps, retries, Client/Command).
 * - `iotmi`: `client.send(new CreateOtaTaskCommand(input))` with static credentials.
 * - `sdk`: the official AWS SDK v3 (a stand-in restJson1 client, see locate.ts) for comparison, if installed.
 */
import { Sha256 } from "@aws-crypto/sha256-js";
import { SignatureV4 } from "@smithy/signature-v4";
import { randomUUID } from "node:crypto";
import { Agent, type IncomingMessage, request } from "node:http";
import { release } from "node:os";
import { createRequire } from "node:module";
import { NodeSha256 } from "../src/runtime/client/default-hash.node.js";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { type Found, firstLine, loadIotmi, ROOT, SDK_DIR, SDK_PACKAGE, sdkPackageDir } from "./locate.js";
import type { Send } from "./measure.js";
import { CREDENTIALS, createOtaTaskInput, PATH, PREBUILT_BODY, REGION, SIGNING_NAME } from "./workload.js";

export interface Prepared {
  readonly send: Send;
  readonly close: () => void;
  /** Where the code under test came from, for the report. */
  readonly from: string;
}

export interface Scenario {
  readonly name: string;
  readonly prepare: (port: number) => Promise<Found<Prepared>>;
}

/**
 * One POST over a shared keep-alive agent; resolves with what `read` makes of the answer once it is read in full
 * (a callback rather than a second promise step, so the floors pay for nothing more than the request).
 */
function exchange<T>(
  agent: Agent,
  port: number,
  path: string,
  headers: Record<string, string>,
  body: Buffer | string,
  read: (res: IncomingMessage, bytes: Buffer) => T,
): Promise<T> {
  return new Promise((resolvePost, rejectPost) => {
    const req = request({ agent, host: "127.0.0.1", port, method: "POST", path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => {
        try {
          resolvePost(read(res, Buffer.concat(chunks)));
        } catch (error) {
          rejectPost(error);
        }
      });
      res.on("error", rejectPost);
    });
    req.on("error", rejectPost);
    req.end(body);
  });
}

/** The floors' POST: resolves with the parsed JSON answer. */
function post(agent: Agent, port: number, headers: Record<string, string>, body: Buffer): Promise<unknown> {
  return exchange(agent, port, PATH, headers, body, (_res, bytes) => JSON.parse(bytes.toString("utf8")) as unknown);
}

function keepAliveAgent(): Agent {
  return new Agent({ keepAlive: true, maxSockets: 64 });
}

const floor: Scenario = {
  name: "floor",
  prepare: async (port) => {
    const agent = keepAliveAgent();
    const headers = { "content-type": "application/json", "content-length": String(PREBUILT_BODY.length) };
    return {
      ok: true,
      from: "node:http",
      value: { from: "node:http", send: () => post(agent, port, headers, PREBUILT_BODY), close: () => agent.destroy() },
    };
  },
};

/** A fresh SigV4 signature per request over the prebuilt body, then floor's POST. */
function signedFloor(name: string, sha256: typeof Sha256 | typeof NodeSha256, hashName: string): Scenario {
  return {
    name,
    prepare: async (port) => {
      const agent = keepAliveAgent();
      const signer = new SignatureV4({ service: SIGNING_NAME, region: REGION, credentials: CREDENTIALS, sha256 });
      const host = `127.0.0.1:${port}`;
      const send = async (): Promise<unknown> => {
        const signed = await signer.sign({
          method: "POST",
          protocol: "http:",
          hostname: "127.0.0.1",
          port,
          path: PATH,
          query: {},
          headers: { host, "content-type": "application/json", "content-length": String(PREBUILT_BODY.length) },
          body: PREBUILT_BODY,
        });
        return post(agent, port, signed.headers, PREBUILT_BODY);
      };
      const from = `node:http + @smithy/signature-v4 + ${hashName}`;
      return { ok: true, from, value: { from, send, close: () => agent.destroy() } };
    },
  };
}

const floorSign = signedFloor("floor+sign", Sha256, "@aws-crypto/sha256-js");
const floorSignNode = signedFloor("floor+sign(node)", NodeSha256, "node:crypto (@smithy/core's Hash)");

/** The generated functions the `by hand` scenario calls (from the unbundled build, or the sources). */
interface GeneratedCode {
  readonly validateCreateOtaTaskRequest: (input: Record<string, unknown>) => readonly unknown[];
  readonly serializeCreateOtaTaskRequest: (input: Record<string, unknown>, context: object) => SignableRequest;
  readonly deserializeCreateOtaTaskResponse: (response: { statusCode: number; headers: Record<string, string>; body: Uint8Array }) => unknown;
}
interface SignableRequest {
  readonly method: string;
  readonly protocol: string;
  readonly hostname: string;
  readonly port?: number;
  readonly path: string;
  readonly query: Record<string, string | string[] | null>;
  readonly headers: Record<string, string>;
  readonly body: string;
}

async function loadGenerated(): Promise<Found<GeneratedCode>> {
  const reasons: string[] = [];
  for (const dir of ["dist/generated", "src/generated"]) {
    const ext = dir.startsWith("dist") ? "js" : "ts";
    try {
      const serde = (await import(pathToFileURL(join(ROOT, dir, `serde.${ext}`)).href)) as Partial<GeneratedCode>;
      const validators = (await import(pathToFileURL(join(ROOT, dir, `validators.${ext}`)).href)) as Partial<GeneratedCode>;
      const code = { ...serde, ...validators };
      if (code.serializeCreateOtaTaskRequest && code.deserializeCreateOtaTaskResponse && code.validateCreateOtaTaskRequest) {
        return { ok: true, from: dir, value: code as GeneratedCode };
      }
      reasons.push(`${dir} lacks the CreateOtaTask functions`);
    } catch (error) {
      reasons.push(`${dir}: ${firstLine(error)}`);
    }
  }
  return { ok: false, reason: reasons.join("; ") };
}

const byHand: Scenario = {
  name: "by hand",
  prepare: async (port) => {
    const found = await loadGenerated();
    if (!found.ok) return found;
    const { validateCreateOtaTaskRequest, serializeCreateOtaTaskRequest, deserializeCreateOtaTaskResponse } = found.value;
    const agent = keepAliveAgent();
    const signer = new SignatureV4({ service: SIGNING_NAME, region: REGION, credentials: CREDENTIALS, sha256: NodeSha256 });
    const unsigned = new Set(["x-amz-user-agent", "amz-sdk-invocation-id", "amz-sdk-request"]);
    // The same shape and length as iotmi's user agents.
    const userAgent = `iotmi/0.0.0 ua/2.1 os/${process.platform}#${release()} lang/js md/nodejs#${process.versions.node} api/iot-managed-integrations#2025-03-03`;
    const context = { endpoint: { protocol: "http:", hostname: "127.0.0.1", port, path: "/" }, generateIdempotencyToken: () => randomUUID() };
    const send = async (): Promise<unknown> => {
      const input = createOtaTaskInput();
      if (validateCreateOtaTaskRequest(input).length > 0) throw new Error("by hand: the workload input is invalid");
      const built = serializeCreateOtaTaskRequest(input, context);
      Object.assign(built.headers, {
        host: `127.0.0.1:${port}`,
        "user-agent": userAgent,
        "x-amz-user-agent": "iotmi/0.0.0",
        "amz-sdk-invocation-id": randomUUID(),
        "amz-sdk-request": "attempt=1; max=3",
      });
      const signed = await signer.sign(built, { unsignableHeaders: unsigned });
      return exchange(agent, port, signed.path, signed.headers, built.body, (res, bytes) =>
        deserializeCreateOtaTaskResponse({ statusCode: res.statusCode ?? 0, headers: res.headers as Record<string, string>, body: bytes }),
      );
    };
    const from = `${found.from} validator/serializer/deserializer + floor+sign(node)'s signer + node:http`;
    return { ok: true, from, value: { from, send, close: () => agent.destroy() } };
  },
};

const iotmi: Scenario = {
  name: "iotmi",
  prepare: async (port) => {
    const found = await loadIotmi();
    if (!found.ok) return found;
    const { IoTManagedIntegrationsClient, CreateOtaTaskCommand } = found.value;
    try {
      const client = new IoTManagedIntegrationsClient({
        region: REGION,
        endpoint: `http://127.0.0.1:${port}`,
        credentials: CREDENTIALS,
      });
      const send = (): Promise<unknown> => client.send(new CreateOtaTaskCommand(createOtaTaskInput()));
      await send(); // a client that cannot complete one call is not ready to be measured
      return { ok: true, from: found.from, value: { from: found.from, send, close: () => client.destroy() } };
    } catch (error) {
      return { ok: false, reason: `${found.from}: ${firstLine(error)}` };
    }
  },
};

interface SdkModule {
  readonly IoTDataPlaneClient: new (config: Record<string, unknown>) => { send(c: unknown): Promise<unknown>; destroy(): void };
  readonly PublishCommand: new (input: Record<string, unknown>) => unknown;
}

const sdk: Scenario = {
  name: "aws-sdk v3*",
  prepare: async (port) => {
    const dir = sdkPackageDir();
    if (!dir.ok) return dir;
    try {
      const mod = createRequire(join(SDK_DIR, "package.json"))(SDK_PACKAGE) as SdkModule;
      const client = new mod.IoTDataPlaneClient({
        region: REGION,
        endpoint: `http://127.0.0.1:${port}`,
        credentials: CREDENTIALS,
      });
      // Publish is a restJson1 POST with a body of the same size; the canned 201 answer counts as success.
      const send = (): Promise<unknown> =>
        client.send(new mod.PublishCommand({ topic: "ota/tasks", payload: PREBUILT_BODY, contentType: "application/json" }));
      await send();
      return { ok: true, from: dir.from, value: { from: dir.from, send, close: () => client.destroy() } };
    } catch (error) {
      return { ok: false, reason: firstLine(error) };
    }
  },
};

export const SCENARIOS: readonly Scenario[] = [floor, floorSign, floorSignNode, byHand, iotmi, sdk];
