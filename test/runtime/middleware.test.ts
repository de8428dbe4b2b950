/**
 * User middleware on `client.middlewareStack` and `command.middlewareStack` runs in the AWS SDK's steps around
 * the runtime's own; without user middleware no stack is resolved at all.
 */
import { afterEach, describe, expect, it } from "vitest";
import type { HttpRequest } from "@smithy/types";
import { CreateWidgetCommand, WidgetClient } from "./fixtures/widget-service.js";
import { fakeTime, startServer, verifySigV4, type TestServer } from "./helpers.js";

const CREDS = { accessKeyId: "AKID", secretAccessKey: "SECRET" };
let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe("user middleware", () => {
  it("runs every step in order, per call and per attempt as in the SDK", async () => {
    server = await startServer((_r, i) => (i === 0 ? { status: 500, headers: { "x-amzn-errortype": "InternalServerException" }, body: {} } : { status: 201, headers: { "x-amzn-requestid": "r" }, body: { WidgetId: "w" } }));
    const client = new WidgetClient({ region: "us-east-1", endpoint: server.url, credentials: CREDS, runtimeHooks: fakeTime() });
    const seen: string[] = [];
    client.middlewareStack.add(
      (next) => async (args) => {
        seen.push(`initialize:${(args.input as { Name: string }).Name}`);
        return next({ ...args, input: { ...(args.input as object), Name: "renamed" } });
      },
      { step: "initialize", name: "rename" },
    );
    client.middlewareStack.add(
      (next) => async (args) => {
        const request = args.request as HttpRequest;
        seen.push(`build:${request.path}`);
        request.headers["x-custom"] = "added-in-build";
        return next(args);
      },
      { step: "build", name: "customHeader" },
    );
    const command = new CreateWidgetCommand({ Name: "original" });
    command.middlewareStack.add(
      (next) => async (args) => {
        const request = args.request as HttpRequest;
        seen.push(`finalize:${request.headers["amz-sdk-request"]}:${request.headers["authorization"] === undefined ? "unsigned" : "signed"}`);
        return next(args);
      },
      { step: "finalizeRequest", name: "observeAttempt" },
    );
    command.middlewareStack.add(
      (next) => async (args) => {
        const result = await next(args);
        seen.push(`deserialize:${(result.response as { statusCode: number }).statusCode}:${JSON.stringify(result.output)}`);
        return result;
      },
      { step: "deserialize", name: "observeResponse" },
    );
    const output = await client.send(command);
    expect(output).toMatchObject({ WidgetId: "w", $metadata: { attempts: 2, requestId: "r" } });
    expect(seen).toEqual([
      "initialize:original",
      "build:/widgets",
      "finalize:attempt=1; max=3:signed",
      "finalize:attempt=2; max=3:signed",
      'deserialize:201:{"WidgetId":"w"}',
    ]);
    const last = server.requests.at(-1)!;
    expect(JSON.parse(last.body).Name).toBe("renamed");
    expect(last.headers["x-custom"]).toBe("added-in-build");
    const { signedHeaders } = verifySigV4(last, { ...CREDS, region: "us-east-1", service: "widgets" });
    expect(signedHeaders).toContain("x-custom");
  });

  it("does not touch the user's stacks when it adds its own steps", async () => {
    server = await startServer(() => ({ status: 201, body: {} }));
    const client = new WidgetClient({ region: "us-east-1", endpoint: server.url, credentials: CREDS });
    client.middlewareStack.add((next) => next, { step: "build", name: "noop" });
    await client.send(new CreateWidgetCommand({ Name: "a" }));
    await client.send(new CreateWidgetCommand({ Name: "b" }));
    expect(client.middlewareStack.identify()).toEqual(["noop - build"]);
    expect(server.requests).toHaveLength(2);
  });

  it("skips stack resolution entirely when no middleware was added", async () => {
    server = await startServer(() => ({ status: 201, body: {} }));
    const client = new WidgetClient({ region: "us-east-1", endpoint: server.url, credentials: CREDS });
    const command = new CreateWidgetCommand({ Name: "a" });
    let resolved = 0;
    const original = client.middlewareStack.concat.bind(client.middlewareStack);
    client.middlewareStack.concat = ((from: never) => {
      resolved += 1;
      return original(from);
    }) as typeof client.middlewareStack.concat;
    await client.send(command);
    expect(resolved).toBe(0);
  });

  it("keeps concurrent calls apart with cacheMiddleware", async () => {
    server = await startServer(async (req) => ({ status: 201, body: { WidgetId: JSON.parse(req.body).Name } }));
    const client = new WidgetClient({ region: "us-east-1", endpoint: server.url, credentials: CREDS, cacheMiddleware: true });
    client.middlewareStack.add((next) => next, { step: "build", name: "noop" });
    const outputs = await Promise.all(["a", "b", "c", "d"].map((Name) => client.send(new CreateWidgetCommand({ Name }))));
    expect(outputs.map((o) => o.WidgetId)).toEqual(["a", "b", "c", "d"]);
  });

  it("supports the callback form of send", async () => {
    server = await startServer(() => ({ status: 201, body: { WidgetId: "cb" } }));
    const client = new WidgetClient({ region: "us-east-1", endpoint: server.url, credentials: CREDS });
    const output = await new Promise((resolve, reject) => client.send(new CreateWidgetCommand({ Name: "a" }), (err: unknown, data?: unknown) => (err ? reject(err) : resolve(data))));
    expect(output).toMatchObject({ WidgetId: "cb" });
  });
});
