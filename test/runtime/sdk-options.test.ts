/**
 * The AWS SDK v3 options and middleware habits on the generated client, over loopback: the SDK's middleware
 * names on the stack, `addRelativeTo` them, retry strategies from `@smithy/util-retry`, adaptive mode, the app
 * id in the user agent, EndpointV2, extensions, the profile's `[services]` section and defaults mode.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ConfiguredRetryStrategy } from "@smithy/util-retry";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CreateOtaTaskCommand, IoTManagedIntegrationsClient, type CreateOtaTaskCommandInput } from "../../src/generated/index.js";
import { NodeHttpRequestHandler } from "../../src/runtime/index.js";
import { startServer, verifySigV4, type Reply, type TestServer } from "./helpers.js";

const CREDS = { accessKeyId: "AKID", secretAccessKey: "SECRET" };
const INPUT: CreateOtaTaskCommandInput = { S3Url: "s3://bucket/fw.bin", OtaType: "ONE_TIME", Target: ["thing-1"] };
const OK: Reply = { status: 201, headers: { "x-amzn-requestid": "r" }, body: { TaskId: "task-1" } };
const UNAVAILABLE: Reply = { status: 503, headers: { "x-amzn-errortype": "ServiceUnavailableException" }, body: { message: "busy" } };

const saved = { ...process.env };
let server: TestServer | undefined;
let home: string;
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), "sdk-options-"));
  for (const name of Object.keys(process.env)) if (name.startsWith("AWS_")) delete process.env[name];
  Object.assign(process.env, { HOME: home, AWS_CONFIG_FILE: join(home, "config"), AWS_SHARED_CREDENTIALS_FILE: join(home, "credentials"), AWS_EC2_METADATA_DISABLED: "true" });
});
afterEach(async () => {
  process.env = { ...saved };
  await server?.close();
  server = undefined;
  rmSync(home, { recursive: true, force: true });
});

describe("middleware as in the SDK", () => {
  it("lists the SDK's client middleware and runs user middleware placed relative to any SDK name", async () => {
    server = await startServer((_r, i) => (i === 0 ? UNAVAILABLE : OK));
    const client = new IoTManagedIntegrationsClient({ region: "us-east-1", endpoint: server.url, credentials: CREDS, retryStrategy: new ConfiguredRetryStrategy(3, 0) });
    expect(client.middlewareStack.identify()).toEqual(
      expect.arrayContaining(["loggerMiddleware - initialize", "contentLengthMiddleware - build", "retryMiddleware - finalizeRequest", "httpSigningMiddleware (a.k.a. apiKeyMiddleware,tokenMiddleware,awsAuthMiddleware) - after retryMiddleware"]),
    );
    const seen: string[] = [];
    const note = (label: string) => (next: (args: any) => Promise<any>) => async (args: any) => {
      const request = args.request as { headers: Record<string, string> } | undefined;
      seen.push(`${label}:${request?.headers["authorization"] === undefined ? "unsigned" : "signed"}`);
      return next(args);
    };
    client.middlewareStack.addRelativeTo(note("afterRetry"), { relation: "after", toMiddleware: "retryMiddleware", name: "afterRetry" });
    client.middlewareStack.addRelativeTo(note("beforeSerializer"), { relation: "before", toMiddleware: "serializerMiddleware", name: "beforeSerializer" });
    client.middlewareStack.add(note("initialize"), { step: "initialize", name: "init" });
    const command = new CreateOtaTaskCommand(INPUT);
    command.middlewareStack.addRelativeTo(note("afterSigning"), { relation: "after", toMiddleware: "awsAuthMiddleware", name: "afterSigning" });
    command.middlewareStack.addRelativeTo(note("afterDeserializer"), { relation: "after", toMiddleware: "deserializerMiddleware", name: "afterDeserializer" });
    command.middlewareStack.add(note("build"), { step: "build", name: "build" });
    const output = await client.send(command);
    expect(output.$metadata.attempts).toBe(2);
    expect(seen).toEqual([
      "initialize:unsigned",
      "beforeSerializer:unsigned",
      "build:unsigned",
      "afterRetry:unsigned",
      "afterSigning:signed",
      "afterDeserializer:signed",
      "afterRetry:unsigned",
      "afterSigning:signed",
      "afterDeserializer:signed",
    ]);
    verifySigV4(server.requests[1]!, { ...CREDS, region: "us-east-1", service: "iotmanagedintegrations" });
  });

  it("remove, use(plugin) and clone behave as on the SDK's stack; removing retryMiddleware sends once", async () => {
    server = await startServer(() => UNAVAILABLE);
    const client = new IoTManagedIntegrationsClient({ region: "us-east-1", endpoint: server.url, credentials: CREDS });
    let plugged = 0;
    client.middlewareStack.use({
      applyToStack: (stack) => stack.add((next) => (args) => ((plugged += 1), next(args)), { step: "build", name: "plugged" }),
    });
    const copy = client.middlewareStack.clone();
    expect(copy.identify()).toContain("plugged - build");
    expect(client.middlewareStack.remove("retryMiddleware")).toBe(true);
    client.middlewareStack.remove("httpSigningMiddleware");
    await expect(client.send(new CreateOtaTaskCommand(INPUT))).rejects.toMatchObject({ $metadata: { httpStatusCode: 503 } });
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]!.headers["authorization"]).toBeUndefined();
    expect(plugged).toBe(1);
  });
});

describe("client options as in the SDK", () => {
  it("honours retryStrategy (ConfiguredRetryStrategy) and retryMode adaptive", async () => {
    server = await startServer(() => UNAVAILABLE);
    const configured = new IoTManagedIntegrationsClient({ region: "us-east-1", endpoint: server.url, credentials: CREDS, retryStrategy: new ConfiguredRetryStrategy(4, 0) });
    await expect(configured.send(new CreateOtaTaskCommand(INPUT))).rejects.toMatchObject({ $metadata: { attempts: 4 } });
    expect(server.requests).toHaveLength(4);
    await server.close();
    server = await startServer((_r, i) => (i < 2 ? UNAVAILABLE : OK));
    const adaptive = new IoTManagedIntegrationsClient({ region: "us-east-1", endpoint: server.url, credentials: CREDS, retryMode: "adaptive" });
    const output = await adaptive.send(new CreateOtaTaskCommand(INPUT));
    expect(output.$metadata.attempts).toBe(3);
    expect(server.requests.map((r) => r.headers["amz-sdk-request"])).toEqual(["attempt=1; max=3", "attempt=2; max=3", "attempt=3; max=3"]);
  });

  it("sends userAgentAppId (option, AWS_SDK_UA_APP_ID, sdk_ua_app_id) as app/<id>", async () => {
    server = await startServer(() => OK);
    const url = server.url;
    await new IoTManagedIntegrationsClient({ region: "us-east-1", endpoint: url, credentials: CREDS, userAgentAppId: "from-option" }).send(new CreateOtaTaskCommand(INPUT));
    process.env["AWS_SDK_UA_APP_ID"] = "from-env";
    await new IoTManagedIntegrationsClient({ region: "us-east-1", endpoint: url, credentials: CREDS }).send(new CreateOtaTaskCommand(INPUT));
    delete process.env["AWS_SDK_UA_APP_ID"];
    writeFileSync(join(home, "config"), "[default]\nsdk_ua_app_id = from-profile\n");
    await new IoTManagedIntegrationsClient({ region: "us-east-1", endpoint: url, credentials: CREDS }).send(new CreateOtaTaskCommand(INPUT));
    expect(server.requests.map((r) => /app\/(\S+)/.exec(r.headers["user-agent"] ?? "")?.[1])).toEqual(["from-option", "from-env", "from-profile"]);
    expect(server.requests[0]!.headers["x-amz-user-agent"]).toContain("app/from-option");
  });

  it("takes the endpoint as EndpointV2 and as a provider of one, and applies extensions", async () => {
    server = await startServer(() => OK);
    const target = new URL(server.url);
    await new IoTManagedIntegrationsClient({ region: "us-east-1", endpoint: { url: target }, credentials: CREDS }).send(new CreateOtaTaskCommand(INPUT));
    await new IoTManagedIntegrationsClient({ region: "us-east-1", endpoint: async () => ({ url: target }), credentials: CREDS }).send(new CreateOtaTaskCommand(INPUT));
    let handled = 0;
    const builtIn = new NodeHttpRequestHandler();
    const client = new IoTManagedIntegrationsClient({
      endpoint: server.url,
      extensions: [
        {
          configure: (c) => {
            c.setRegion("eu-west-1");
            c.setCredentials({ accessKeyId: "EXTKEY", secretAccessKey: "EXTSECRET" });
            c.setHttpHandler({ handle: (request, options) => ((handled += 1), builtIn.handle(request, options)) });
          },
        },
      ],
    });
    await client.send(new CreateOtaTaskCommand(INPUT));
    expect(handled).toBe(1);
    expect(server.requests).toHaveLength(3);
    verifySigV4(server.requests[2]!, { accessKeyId: "EXTKEY", secretAccessKey: "EXTSECRET", region: "eu-west-1", service: "iotmanagedintegrations" });
  });

  it("reads the endpoint from the profile's [services] section unless ignore_configured_endpoint_urls", async () => {
    server = await startServer(() => OK);
    writeFileSync(
      join(home, "config"),
      `[profile dev]\nregion = us-east-1\nservices = local\nendpoint_url = http://127.0.0.1:9\n\n[services local]\niot_managed_integrations =\n  endpoint_url = ${server.url}\n\n` +
        `[profile ignoring]\nregion = us-east-1\nservices = local\nignore_configured_endpoint_urls = true\n`,
    );
    await new IoTManagedIntegrationsClient({ profile: "dev", credentials: CREDS }).send(new CreateOtaTaskCommand(INPUT));
    expect(server.requests).toHaveLength(1);
    // Nothing but loopback exists here: a handler that only records where the request would go.
    const hosts: string[] = [];
    const recordOnly = { handle: async (request: { hostname: string }) => (hosts.push(request.hostname), Promise.reject(new Error("not sent"))) };
    const ignoring = new IoTManagedIntegrationsClient({ profile: "ignoring", credentials: CREDS, maxAttempts: 1, requestHandler: recordOnly as never });
    await expect(ignoring.send(new CreateOtaTaskCommand(INPUT))).rejects.toThrow("not sent");
    expect(hosts).toEqual(["api.iotmanagedintegrations.us-east-1.api.aws"]);
  });

  it("gives the built-in handler the defaults mode's connect timeout", async () => {
    server = await startServer(() => OK);
    const client = new IoTManagedIntegrationsClient({ region: "us-east-1", endpoint: server.url, credentials: CREDS, defaultsMode: "in-region" });
    await client.send(new CreateOtaTaskCommand(INPUT));
    expect((client.config.requestHandler as NodeHttpRequestHandler).httpHandlerConfigs().connectionTimeout).toBe(1100);
    const mobile = new IoTManagedIntegrationsClient({ region: "us-east-1", endpoint: server.url, credentials: CREDS, defaultsMode: "mobile", requestHandler: { requestTimeout: 5000 } });
    await mobile.send(new CreateOtaTaskCommand(INPUT));
    expect((mobile.config.requestHandler as NodeHttpRequestHandler).httpHandlerConfigs()).toMatchObject({ connectionTimeout: 30_000, requestTimeout: 5000 });
    const legacy = new IoTManagedIntegrationsClient({ region: "us-east-1", endpoint: server.url, credentials: CREDS });
    await legacy.send(new CreateOtaTaskCommand(INPUT));
    expect((legacy.config.requestHandler as NodeHttpRequestHandler).httpHandlerConfigs().connectionTimeout).toBeUndefined();
  });
});
