// The body of the drop-in scenarios, run by test/sdk-v3/drop-in.test.ts inside an empty project where the packed
// iotmi and the AWS SDK v3 packages are installed. The test prepends an ES module or a CommonJS prelude that
// defines `lib` (iotmi's exports, @aws-sdk/credential-providers, @smithy/node-http-handler,
// @smithy/fetch-http-handler, @smithy/util-retry) and wraps this in an async function; it prints one JSON object
// with each scenario's outcome. Written as an AWS SDK v3 user writes these calls.
const { IoTManagedIntegrationsClient, CreateOtaTaskCommand } = lib;
const EMULATOR = process.env.EMULATOR_URL;
const FAULTY = process.env.FAULTY_URL;
const INPUT = { S3Url: "s3://firmware/v2.bin", OtaType: "ONE_TIME", Target: ["thing-1"] };
const results = {};

async function withEnv(changes, fn) {
  const before = {};
  for (const [name, value] of Object.entries(changes)) {
    before[name] = process.env[name];
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  try {
    return await fn();
  } finally {
    for (const [name, value] of Object.entries(before)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}

function outcome(error) {
  return { error: error.name, message: error.message, attempts: error.$metadata && error.$metadata.attempts, status: error.$metadata && error.$metadata.httpStatusCode };
}

async function run(name, fn) {
  try {
    results[name] = await fn();
  } catch (error) {
    results[name] = outcome(error);
  }
}

/** Sends one CreateOtaTask and reports which keys signed it and what came back. */
async function sendWith(config, command = new CreateOtaTaskCommand(INPUT)) {
  const client = new IoTManagedIntegrationsClient(config);
  try {
    const output = await client.send(command);
    const credentials = await client.config.credentials();
    return { accessKeyId: credentials.accessKeyId, taskId: typeof output.TaskId, attempts: output.$metadata.attempts, status: output.$metadata.httpStatusCode };
  } finally {
    client.destroy();
  }
}

// 1. Credentials: every source of the SDK's default chain, in its order.
await run("env", () => withEnv({ AWS_ACCESS_KEY_ID: "AKIDENV", AWS_SECRET_ACCESS_KEY: "secret-env" }, () => sendWith({ endpoint: EMULATOR })));
await run("ssoSession", () => sendWith({ endpoint: EMULATOR, profile: "sso-session" }));
await run("ssoLegacy", () => sendWith({ endpoint: EMULATOR, profile: "sso-legacy" }));
await run("ssoRefresh", () => sendWith({ endpoint: EMULATOR, profile: "sso-refresh" }));
await run("ssoExpired", () => sendWith({ endpoint: EMULATOR, profile: "sso-expired" }));
await run("ssoFromAwsProfile", () => withEnv({ AWS_PROFILE: "sso-session" }, () => sendWith({ endpoint: EMULATOR })));
await run("staticProfile", () => sendWith({ endpoint: EMULATOR, profile: "static" }));
await run("roleSourceProfile", () => sendWith({ endpoint: EMULATOR, profile: "role" }));
await run("roleCredentialSource", () => withEnv({ AWS_ACCESS_KEY_ID: "AKIDENV", AWS_SECRET_ACCESS_KEY: "secret-env" }, () => sendWith({ endpoint: EMULATOR, profile: "role-env" })));
await run("webIdentityProfile", () => sendWith({ endpoint: EMULATOR, profile: "wi-profile" }));
await run("credentialProcess", () => sendWith({ endpoint: EMULATOR, profile: "process" }));
await run("webIdentityEnv", () =>
  withEnv({ AWS_WEB_IDENTITY_TOKEN_FILE: process.env.TOKEN_FILE, AWS_ROLE_ARN: "arn:aws:iam::111122223333:role/pod", AWS_ROLE_SESSION_NAME: "wi-env" }, () => sendWith({ endpoint: EMULATOR })),
);
await run("eksPodIdentity", () =>
  withEnv({ AWS_CONTAINER_CREDENTIALS_FULL_URI: `${process.env.FAKE_AWS_URL}/container-credentials`, AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: process.env.CONTAINER_TOKEN_FILE }, () =>
    sendWith({ endpoint: EMULATOR }),
  ),
);
await run("instanceMetadata", () => withEnv({ AWS_EC2_METADATA_DISABLED: undefined, AWS_EC2_METADATA_SERVICE_ENDPOINT: process.env.FAKE_AWS_URL }, () => sendWith({ endpoint: EMULATOR })));
await run("fromNodeProviderChain", () => sendWith({ endpoint: EMULATOR, credentials: lib.fromNodeProviderChain({ profile: "sso-session" }) }));
await run("fromSSO", () => sendWith({ endpoint: EMULATOR, credentials: lib.fromSSO({ profile: "sso-session" }) }));
await run("fromIni", () => sendWith({ endpoint: EMULATOR, credentials: lib.fromIni({ profile: "static" }) }));

// 2. Client options as in v3.
const KEYS = { accessKeyId: "AKIDSTATIC", secretAccessKey: "secret-static" };
await run("configuredRetryStrategy", () => sendWith({ endpoint: FAULTY, credentials: KEYS, retryStrategy: new lib.ConfiguredRetryStrategy(4, () => 0) }));
await run("adaptiveRetryStrategy", () => sendWith({ endpoint: FAULTY, credentials: KEYS, retryStrategy: new lib.AdaptiveRetryStrategy(async () => 2) }));
await run("retryModeAdaptive", () => sendWith({ endpoint: FAULTY, credentials: KEYS, retryMode: "adaptive", maxAttempts: 2 }));
await run("maxAttemptsProvider", () => sendWith({ endpoint: FAULTY, credentials: KEYS, maxAttempts: async () => 2 }));
await run("variantsAndDefaults", () =>
  sendWith({ endpoint: EMULATOR, credentials: KEYS, useDualstackEndpoint: false, useFipsEndpoint: false, defaultsMode: "in-region", disableHostPrefix: true, apiVersion: "2025-03-03" }),
);
await run("userAgentAppId", async () => {
  const client = new IoTManagedIntegrationsClient({ endpoint: EMULATOR, credentials: KEYS, userAgentAppId: "my-app" });
  let userAgent = "";
  client.middlewareStack.addRelativeTo(
    (next) => async (args) => {
      userAgent = args.request.headers["user-agent"];
      return next(args);
    },
    { relation: "after", toMiddleware: "httpSigningMiddleware", name: "readUserAgent" },
  );
  await client.send(new CreateOtaTaskCommand(INPUT));
  return { app: /\bapp\/(\S+)/.exec(userAgent)?.[1] };
});
const url = new URL(EMULATOR);
await run("endpointString", () => sendWith({ endpoint: EMULATOR, credentials: KEYS }));
await run("endpointObject", () => sendWith({ endpoint: { protocol: url.protocol, hostname: url.hostname, port: Number(url.port), path: "/" }, credentials: KEYS }));
await run("endpointV2", () => sendWith({ endpoint: { url }, credentials: KEYS }));
await run("endpointProvider", () => sendWith({ endpoint: async () => ({ url }), credentials: KEYS }));
await run("nodeHttpHandler", () => sendWith({ endpoint: EMULATOR, credentials: KEYS, requestHandler: new lib.NodeHttpHandler({ connectionTimeout: 2000, requestTimeout: 5000 }) }));
await run("fetchHttpHandler", () => sendWith({ endpoint: EMULATOR, credentials: KEYS, requestHandler: new lib.FetchHttpHandler({ requestTimeout: 5000 }) }));
await run("handlerOptions", () => sendWith({ endpoint: EMULATOR, credentials: KEYS, requestHandler: { connectionTimeout: 2000, requestTimeout: 5000 } }));
await run("extensions", () =>
  sendWith({ endpoint: EMULATOR, region: "eu-west-1", extensions: [{ configure: (config) => (config.setCredentials(KEYS), config.setRegion("us-east-1")) }] }),
);
const future = { someOptionOfALaterSdk: true };
await run("unknownOption", () => sendWith({ endpoint: EMULATOR, credentials: KEYS, ...future }));

// 3. Middleware as in the SDK.
await run("middleware", async () => {
  const client = new IoTManagedIntegrationsClient({ endpoint: FAULTY, credentials: KEYS, maxAttempts: 2 });
  const seen = [];
  const note = (label) => (next) => async (args) => {
    seen.push(`${label}${args.request && args.request.headers.authorization ? "+signed" : ""}`);
    return next(args);
  };
  for (const step of ["initialize", "serialize", "build", "finalizeRequest", "deserialize"]) client.middlewareStack.add(note(step), { step, name: `user-${step}` });
  const names = ["serializerMiddleware", "endpointV2Middleware", "retryMiddleware", "httpSigningMiddleware", "awsAuthMiddleware", "contentLengthMiddleware", "deserializerMiddleware", "loggerMiddleware"];
  const command = new CreateOtaTaskCommand(INPUT);
  for (const name of names) command.middlewareStack.addRelativeTo(note(`after-${name}`), { relation: "after", toMiddleware: name, name: `after-${name}` });
  let plugged = 0;
  client.middlewareStack.use({ applyToStack: (stack) => stack.add((next) => (args) => ((plugged += 1), next(args)), { step: "build", name: "plugin" }) });
  const identified = client.middlewareStack.identify();
  const clone = client.middlewareStack.clone();
  clone.remove("user-build");
  const error = await client.send(command).catch((e) => e);
  // As in the SDK, httpSigningMiddleware sits relative to retryMiddleware: removing retries removes it too.
  client.middlewareStack.remove("retryMiddleware");
  client.middlewareStack.remove("httpSigningMiddleware");
  const unsigned = await client.send(new CreateOtaTaskCommand(INPUT)).catch((e) => e);
  return {
    identified,
    cloneKeepsOriginal: client.middlewareStack.identify().includes("user-build - build") && !clone.identify().includes("user-build - build"),
    seen,
    plugged,
    attempts: error.$metadata.attempts,
    unsigned: `${unsigned.name} ${unsigned.$metadata.httpStatusCode}`,
  };
});

// 4. Shared configuration.
await run("servicesSection", () => sendWith({ profile: "services", credentials: KEYS }));
await run("endpointEnvService", () => withEnv({ AWS_ENDPOINT_URL_IOT_MANAGED_INTEGRATIONS: EMULATOR, AWS_ENDPOINT_URL: "http://127.0.0.1:9" }, () => sendWith({ credentials: KEYS })));
await run("endpointEnvGlobal", () => withEnv({ AWS_ENDPOINT_URL: EMULATOR }, () => sendWith({ credentials: KEYS, region: "us-east-1" })));
await run("ignoreConfiguredEndpointUrls", async () => {
  const hosts = [];
  const recordOnly = { handle: async (request) => (hosts.push(request.hostname), Promise.reject(Object.assign(new Error("not sent"), { name: "NotSent" }))) };
  await sendWith({ profile: "ignoring", credentials: KEYS, maxAttempts: 1, requestHandler: recordOnly }).catch(() => undefined);
  return { hosts };
});
await run("profileRetrySettings", () => sendWith({ profile: "retries", credentials: KEYS, endpoint: FAULTY }));
await run("configFileVariables", () =>
  withEnv({ AWS_CONFIG_FILE: process.env.ALT_CONFIG, AWS_SHARED_CREDENTIALS_FILE: process.env.ALT_CREDENTIALS, AWS_PROFILE: "alt" }, () => sendWith({ endpoint: EMULATOR })),
);

process.stdout.write(JSON.stringify(results));
