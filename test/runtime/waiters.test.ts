// Waiters generated from `smithy.waiters#waitable` (fixture test/fixtures/waiters), polling a loopback server
// that answers from a script: output, inputOutput, errorType and unmatched-error acceptors, and the SDK's
// WaiterResult / thrown failure, as `@smithy/util-waiter` reports them.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generate } from "../../codegen/generate.js";
import { FIXTURES, REPO_ROOT, removeDir, tempDir, writeFiles } from "../codegen/codegen-helpers.js";

let dir: string;
let server: Server;
let port: number;
let module: Record<string, any>;
/** What the server answers next, one entry per request: [status, body, error type]. */
let script: [number, object, string?][] = [];
let requests = 0;

beforeAll(async () => {
  const { files } = generate({ model: join(FIXTURES, "waiters", "model.json"), sourceModel: "model.json", runtimeImport: join(REPO_ROOT, "src/runtime/index.ts"), format: false });
  dir = tempDir("waiters");
  writeFiles(dir, files);
  module = (await import(pathToFileURL(join(dir, "index.ts")).href)) as Record<string, any>;
  server = createServer((req, res) => {
    req.resume();
    requests++;
    const [status, body, errorType] = script.shift() ?? [500, {}];
    res.writeHead(status, { "content-type": "application/json", ...(errorType ? { "x-amzn-errortype": errorType } : {}) });
    res.end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  removeDir(dir);
});

function client(): { send(c: unknown): Promise<unknown>; destroy(): void } {
  return new module["JobsClient"]({
    region: "us-east-1",
    endpoint: `http://127.0.0.1:${port}`,
    credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" },
    maxAttempts: 1,
  });
}

async function wait(name: string, steps: [number, object, string?][], input = { Id: "j1" }): Promise<{ result?: { state: string }; error?: Error; polls: number }> {
  script = [...steps];
  requests = 0;
  const c = client();
  try {
    const result = (await module[`waitUntil${name}`]({ client: c, maxWaitTime: 20, minDelay: 1, maxDelay: 1 }, input)) as { state: string };
    return { result, polls: requests };
  } catch (error) {
    return { error: error as Error, polls: requests };
  } finally {
    c.destroy();
  }
}

describe("generated waiters", () => {
  it("retries until an output path matches success", async () => {
    const { result, polls } = await wait("JobDone", [[200, { Status: "RUNNING" }], [200, { Status: "DONE" }]]);
    expect(result?.state).toBe("SUCCESS");
    expect(polls).toBe(2);
  }, 15_000);

  it("throws when an acceptor reaches failure", async () => {
    const { error, polls } = await wait("JobDone", [[200, { Status: "FAILED" }]]);
    expect(error?.name).toBe("Error");
    expect(String(error?.message)).toMatch(/FAILURE/);
    expect(polls).toBe(1);
  });

  it("matches a modelled error by its type, and fails on an error no acceptor expects", async () => {
    expect((await wait("JobGone", [[404, { Message: "gone" }, "JobNotFound"]])).result?.state).toBe("SUCCESS");
    const other = await wait("JobDone", [[400, { Message: "no" }, "ValidationException"]]);
    expect(other.error).toBeDefined();
    expect(other.polls).toBe(1);
  });

  it("applies allStringEquals and anyStringEquals to list projections", async () => {
    const ready = await wait("StepsReady", [[200, { Steps: [] }], [200, { Steps: [{ State: "READY" }, { State: "WAIT" }] }], [200, { Steps: [{ State: "READY" }, { State: "READY" }] }]]);
    expect([ready.result?.state, ready.polls]).toEqual(["SUCCESS", 3]);
    expect((await wait("StepsReady", [[200, { Steps: [{ State: "READY" }, { State: "BROKEN" }] }]])).error).toBeDefined();
  }, 15_000);

  it("compares input and output with an inputOutput path", async () => {
    const { result, polls } = await wait("SameJob", [[200, { Id: "other" }], [200, { Id: "j1" }]]);
    expect([result?.state, polls]).toEqual(["SUCCESS", 2]);
  }, 15_000);
});
