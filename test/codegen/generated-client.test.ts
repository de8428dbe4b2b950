/**
 * The committed generated client end to end against a real loopback server: the command, the bare client
 * (`send`) and the aggregated client (promise and callback forms) reach the server and return the output.
 */
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  CreateOtaTaskCommand,
  IoTManagedIntegrations,
  IoTManagedIntegrationsClient,
  ValidationException,
  type CreateOtaTaskCommandOutput,
} from "../../src/generated/index.js";

interface Seen {
  method: string;
  url: string;
  body: unknown;
}
const seen: Seen[] = [];
let server: Server;
let endpoint = "";

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
  });
}

beforeAll(async () => {
  server = createServer((req, res) => {
    void readBody(req).then((text) => {
      const body = JSON.parse(text) as Record<string, unknown>;
      seen.push({ method: req.method ?? "", url: req.url ?? "", body });
      if (body["S3Url"] === "bad") {
        res.writeHead(400, { "content-type": "application/json", "x-amzn-errortype": "ValidationException" });
        res.end(JSON.stringify({ message: "S3Url is bad" }));
        return;
      }
      res.writeHead(201, { "content-type": "application/json", "x-amzn-requestid": "req-1" });
      res.end(JSON.stringify({ TaskId: "abc123", TaskArn: "arn:aws:iotmanagedintegrations:us-east-1:123456789012:ota-task/abc123", Unknown: 1 }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const config = () => ({
  region: "us-east-1",
  endpoint,
  credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" },
  maxAttempts: 1,
});

describe("generated client against a loopback server", () => {
  it("sends CreateOtaTaskCommand through client.send and returns the output with metadata", async () => {
    const client = new IoTManagedIntegrationsClient(config());
    const output = await client.send(new CreateOtaTaskCommand({ S3Url: "s3://bucket/image.bin", OtaType: "ONE_TIME" }));
    expect(output.TaskId).toBe("abc123");
    expect(output.$metadata.httpStatusCode).toBe(201);
    const request = seen.at(-1);
    expect([request?.method, request?.url]).toEqual(["POST", "/ota-tasks"]);
    expect(request?.body).toMatchObject({ S3Url: "s3://bucket/image.bin", OtaType: "ONE_TIME" });
    expect(typeof (request?.body as Record<string, unknown>)["ClientToken"]).toBe("string");
    client.destroy();
  });

  it("offers createOtaTask on the aggregated client, as a promise and with a callback", async () => {
    const client = new IoTManagedIntegrations(config());
    await expect(client.createOtaTask({ S3Url: "s3://b/i", OtaType: "CONTINUOUS" })).resolves.toMatchObject({ TaskId: "abc123" });
    const viaCallback = await new Promise<CreateOtaTaskCommandOutput | undefined>((resolve, reject) => {
      client.createOtaTask({ S3Url: "s3://b/i", OtaType: "CONTINUOUS" }, (err, data) => (err ? reject(err as Error) : resolve(data)));
    });
    expect(viaCallback?.TaskId).toBe("abc123");
    client.destroy();
  });

  it("throws the modelled exception class for a modelled error", async () => {
    const client = new IoTManagedIntegrations(config());
    const error = await client.createOtaTask({ S3Url: "bad", OtaType: "ONE_TIME" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationException);
    expect(error).toMatchObject({ name: "ValidationException", $fault: "client", message: "S3Url is bad" });
    client.destroy();
  });
});
