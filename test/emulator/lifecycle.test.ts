// The OTA workflow end to end with the generated client (commands and paginators) against the emulator over
// loopback: create a configuration, create tasks, read, list page by page, update, executions, delete, not
// found; then a restart after kill -9 keeps every update and delete. Concurrency: 32 clients at once.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "../../src/emulator/index.js";
import {
  CreateOtaTaskCommand,
  CreateOtaTaskConfigurationCommand,
  DeleteOtaTaskCommand,
  DeleteOtaTaskConfigurationCommand,
  GetOtaTaskCommand,
  GetOtaTaskConfigurationCommand,
  IoTManagedIntegrations,
  IoTManagedIntegrationsClient,
  ListOtaTaskExecutionsCommand,
  ResourceNotFoundException,
  UpdateOtaTaskCommand,
  paginateListOtaTaskConfigurations,
  paginateListOtaTaskExecutions,
  paginateListOtaTasks,
} from "../../src/index.js";
import { DOC_KEY } from "./helpers.js";
import { startServeProcess } from "./serve-process.js";

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "iotmi-lifecycle-"));
  dirs.push(dir);
  return dir;
}

function clientFor(emulator: { url: string }): IoTManagedIntegrationsClient {
  return new IoTManagedIntegrationsClient({ region: "us-east-1", endpoint: emulator.url, credentials: DOC_KEY });
}

async function collect<T>(pages: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const page of pages) out.push(page);
  return out;
}

async function postJson(url: string, body: unknown): Promise<{ status: number; json: unknown }> {
  const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  return { status: res.status, json: await res.json() };
}

describe("OTA lifecycle through the generated client", () => {
  it("create config → create tasks → get → list page by page → update → executions → delete → not found", async () => {
    const emulator = await startEmulator({ quiet: true, dataDir: dataDir() });
    const client = clientFor(emulator);
    try {
      const config = await client.send(
        new CreateOtaTaskConfigurationCommand({ Name: "canary", Description: "slow roll", PushConfig: { RolloutConfig: { MaximumPerMinute: 10 } } }),
      );
      expect(config.TaskConfigurationId).toMatch(/^[a-zA-Z0-9]+$/);
      const readConfig = await client.send(new GetOtaTaskConfigurationCommand({ Identifier: config.TaskConfigurationId! }));
      expect(readConfig).toMatchObject({ Name: "canary", Description: "slow roll", PushConfig: { RolloutConfig: { MaximumPerMinute: 10 } } });
      expect(readConfig.CreatedAt).toBeInstanceOf(Date);

      const ids: string[] = [];
      for (let i = 0; i < 5; i++) {
        const task = await client.send(
          new CreateOtaTaskCommand({
            S3Url: `s3://fw/v${i}.bin`,
            OtaType: "ONE_TIME",
            Target: ["thing-a", "thing-b"],
            TaskConfigurationId: config.TaskConfigurationId!,
            Description: `task ${i}`,
          }),
        );
        expect(task.TaskArn).toBe(`arn:aws:iotmanagedintegrations:us-east-1:123456789012:ota-task/${task.TaskId}`);
        ids.push(task.TaskId!);
      }
      const unknownConfig = await client
        .send(new CreateOtaTaskCommand({ S3Url: "s3://fw/x.bin", OtaType: "ONE_TIME", TaskConfigurationId: "nope" }))
        .catch((e: unknown) => e);
      expect((unknownConfig as Error).name).toBe("ValidationException");
      expect((unknownConfig as Error).message).toContain("TaskConfigurationId 'nope'");

      const got = await client.send(new GetOtaTaskCommand({ Identifier: ids[0]! }));
      expect(got).toMatchObject({ TaskId: ids[0], S3Url: "s3://fw/v0.bin", OtaType: "ONE_TIME", Status: "IN_PROGRESS", Target: ["thing-a", "thing-b"] });
      expect(got.TaskProcessingDetails).toMatchObject({ numberOfQueuedThings: 2, NumberOfInProgressThings: 0 });
      expect(got.CreatedAt).toBeInstanceOf(Date);

      const pages = await collect(paginateListOtaTasks({ client, pageSize: 2 }, {}));
      expect(pages.map((p) => p.Tasks?.length)).toEqual([2, 2, 1]);
      expect(pages.flatMap((p) => p.Tasks ?? []).map((t) => t.TaskId)).toEqual(ids);
      expect(pages.at(-1)!.NextToken).toBeUndefined();
      // Resuming from a token gives the rest.
      const resumed = await collect(paginateListOtaTasks({ client, pageSize: 10, startingToken: pages[0]!.NextToken }, {}));
      expect(resumed.flatMap((p) => p.Tasks ?? []).map((t) => t.TaskId)).toEqual(ids.slice(2));

      await client.send(new UpdateOtaTaskCommand({ Identifier: ids[1]!, Description: "revised" }));
      const updated = await client.send(new GetOtaTaskCommand({ Identifier: ids[1]! }));
      expect(updated.Description).toBe("revised");
      expect(updated.S3Url).toBe("s3://fw/v1.bin");
      expect(updated.LastUpdatedAt!.getTime()).toBeGreaterThanOrEqual(updated.CreatedAt!.getTime());

      const executions = await collect(paginateListOtaTaskExecutions({ client, pageSize: 1 }, { Identifier: ids[2]! }));
      expect(executions.map((p) => p.ExecutionSummaries?.map((e) => e.ManagedThingId))).toEqual([["thing-a"], ["thing-b"]]);
      expect(executions[0]!.ExecutionSummaries![0]!.TaskExecutionSummary?.Status).toBe("QUEUED");
      const advanced = await postJson(`${emulator.url}/_emulator/ota-tasks/${ids[2]}/executions/thing-a`, { Status: "SUCCEEDED" });
      expect(advanced.status).toBe(200);
      await postJson(`${emulator.url}/_emulator/ota-tasks/${ids[2]}/executions/thing-b`, { Status: "FAILED" });
      const finished = await client.send(new GetOtaTaskCommand({ Identifier: ids[2]! }));
      expect(finished.Status).toBe("COMPLETED");
      expect(finished.TaskProcessingDetails).toMatchObject({ numberOfSucceededThings: 1, NumberOfFailedThings: 1, numberOfQueuedThings: 0 });
      const listed = await client.send(new ListOtaTaskExecutionsCommand({ Identifier: ids[2]! }));
      expect(listed.ExecutionSummaries!.map((e) => e.TaskExecutionSummary?.Status)).toEqual(["SUCCEEDED", "FAILED"]);

      await client.send(new DeleteOtaTaskCommand({ Identifier: ids[3]! }));
      for (const command of [new GetOtaTaskCommand({ Identifier: ids[3]! }), new DeleteOtaTaskCommand({ Identifier: ids[3]! }), new UpdateOtaTaskCommand({ Identifier: ids[3]!, Description: "x" })]) {
        const error = (await client.send(command as GetOtaTaskCommand).catch((e: unknown) => e)) as { name: string; $metadata: { httpStatusCode: number } };
        expect(error.name).toBe("ResourceNotFoundException");
        expect(error.$metadata.httpStatusCode).toBe(404);
      }
      // Not in the operation's error list (src/emulator/README.md says why): still the typed class, as with the SDK v3.
      const gone = await client.send(new ListOtaTaskExecutionsCommand({ Identifier: ids[3]! })).catch((e: unknown) => e);
      expect(gone).toBeInstanceOf(ResourceNotFoundException);
      expect((gone as ResourceNotFoundException).$metadata.httpStatusCode).toBe(404);

      const configs = await collect(paginateListOtaTaskConfigurations({ client }, {}));
      expect(configs.flatMap((p) => p.Items ?? []).map((c) => c.TaskConfigurationId)).toEqual([config.TaskConfigurationId]);
      await client.send(new DeleteOtaTaskConfigurationCommand({ Identifier: config.TaskConfigurationId! }));
      const noConfig = (await client.send(new GetOtaTaskConfigurationCommand({ Identifier: config.TaskConfigurationId! })).catch((e: unknown) => e)) as { name: string };
      expect(noConfig.name).toBe("ResourceNotFoundException");

      const inspection = (await (await fetch(`${emulator.url}/_emulator/`)).json()) as { resources: { name: string; path: string; count: number }[] };
      expect(inspection.resources).toEqual([
        { name: "OtaTaskConfigurationResource", path: "/_emulator/ota-task-configurations", count: 0 },
        { name: "OtaTaskResource", path: "/_emulator/ota-tasks", count: 4 },
      ]);
    } finally {
      client.destroy();
      await emulator.close();
    }
  });

  it("the aggregated client has a method per operation", async () => {
    const emulator = await startEmulator({ quiet: true });
    const client = new IoTManagedIntegrations({ region: "us-east-1", endpoint: emulator.url, credentials: DOC_KEY });
    try {
      const { TaskId } = await client.createOtaTask({ S3Url: "s3://fw/a.bin", OtaType: "CONTINUOUS" });
      await client.updateOtaTask({ Identifier: TaskId!, Description: "via aggregated" });
      expect((await client.getOtaTask({ Identifier: TaskId! })).Description).toBe("via aggregated");
      expect((await client.listOtaTasks({})).Tasks?.map((t) => t.TaskId)).toEqual([TaskId]);
      await client.deleteOtaTask({ Identifier: TaskId! });
      expect((await client.listOtaTasks({})).Tasks).toEqual([]);
    } finally {
      client.destroy();
      await emulator.close();
    }
  });

  it("a paginator stops when a page repeats its token and never writes to the caller's input", async () => {
    const emulator = await startEmulator({ quiet: true });
    const client = clientFor(emulator);
    try {
      for (let i = 0; i < 3; i++) await client.send(new CreateOtaTaskCommand({ S3Url: `s3://fw/${i}.bin`, OtaType: "ONE_TIME" }));
      const input = { MaxResults: 1 };
      const pages = await collect(paginateListOtaTasks({ client, pageSize: 50 }, input));
      expect(pages).toHaveLength(3); // the input's MaxResults wins over pageSize, as in the SDK
      expect(input).toEqual({ MaxResults: 1 });
      // A client whose every answer carries the same token: the walk ends after the repeat.
      client.middlewareStack.add((next) => async (args) => {
        const result = await next(args);
        (result.output as { NextToken?: string }).NextToken = "c2VxOjE";
        return result;
      }, { step: "initialize", name: "sameToken" });
      const repeated = await collect(paginateListOtaTasks({ client, startingToken: "c2VxOjE" }, {}));
      expect(repeated).toHaveLength(1);
      const wrong = paginateListOtaTasks({ client: {} as IoTManagedIntegrationsClient }, {});
      await expect(wrong.next()).rejects.toThrow("Invalid client, expected instance of IoTManagedIntegrationsClient");
    } finally {
      client.destroy();
      await emulator.close();
    }
  });
});

describe("durability of updates and deletes", () => {
  it("after kill -9 every acknowledged update and delete holds", async () => {
    const dir = dataDir();
    // The emulator in a child process, killed with SIGKILL once the client has its answers.
    const serve = await startServeProcess(dir);
    try {
      const client = clientFor(serve);
      const ids: string[] = [];
      for (let i = 0; i < 6; i++) ids.push((await client.send(new CreateOtaTaskCommand({ S3Url: `s3://fw/${i}.bin`, OtaType: "ONE_TIME", Target: ["t1"] }))).TaskId!);
      for (const id of ids.slice(0, 3)) await client.send(new UpdateOtaTaskCommand({ Identifier: id, Description: `updated-${id.slice(0, 6)}` }));
      for (const id of ids.slice(3, 5)) await client.send(new DeleteOtaTaskCommand({ Identifier: id }));
      await postJson(`${serve.url}/_emulator/ota-tasks/${ids[0]}/executions/t1`, { Status: "IN_PROGRESS" });
      client.destroy();
    } finally {
      await serve.kill9();
    }
    const restarted: Emulator = await startEmulator({ quiet: true, dataDir: dir });
    const client = clientFor(restarted);
    try {
      const tasks = await collect(paginateListOtaTasks({ client }, {}));
      const listed = tasks.flatMap((p) => p.Tasks ?? []);
      expect(listed).toHaveLength(4);
      for (const task of listed.slice(0, 3)) {
        const got = await client.send(new GetOtaTaskCommand({ Identifier: task.TaskId! }));
        expect(got.Description).toBe(`updated-${task.TaskId!.slice(0, 6)}`);
      }
      const first = await client.send(new ListOtaTaskExecutionsCommand({ Identifier: listed[0]!.TaskId! }));
      expect(first.ExecutionSummaries![0]!.TaskExecutionSummary?.Status).toBe("IN_PROGRESS");
    } finally {
      client.destroy();
      await restarted.close();
    }
  }, 30_000);
});

describe("concurrency", () => {
  it("32 clients creating, updating and deleting at once: no lost update, no resurrected task, consistent after restart", async () => {
    const dir = dataDir();
    let emulator = await startEmulator({ quiet: true, dataDir: dir });
    const clients = Array.from({ length: 32 }, () => clientFor(emulator));
    try {
      const shared = (await clients[0]!.send(new CreateOtaTaskCommand({ S3Url: "s3://fw/shared.bin", OtaType: "ONE_TIME" }))).TaskId!;
      const results = await Promise.all(
        clients.map(async (client, i) => {
          const own = (await client.send(new CreateOtaTaskCommand({ S3Url: `s3://fw/${i}.bin`, OtaType: "ONE_TIME", ClientToken: `c-${i}` }))).TaskId!;
          await client.send(new UpdateOtaTaskCommand({ Identifier: own, Description: `own ${i}` }));
          // Everyone updates the shared task's description and then its configuration-free fields race.
          await client.send(new UpdateOtaTaskCommand({ Identifier: shared, Description: `shared ${i}` }));
          if (i % 2 === 0) {
            await client.send(new DeleteOtaTaskCommand({ Identifier: own }));
            // A late update of a deleted task must not bring it back.
            const late = (await client.send(new UpdateOtaTaskCommand({ Identifier: own, Description: "zombie" })).catch((e: unknown) => e)) as { name?: string };
            expect(late.name).toBe("ResourceNotFoundException");
          }
          return { own, deleted: i % 2 === 0, i };
        }),
      );
      const check = async (target: Emulator): Promise<void> => {
        const client = clientFor(target);
        try {
          const listed = (await collect(paginateListOtaTasks({ client, pageSize: 7 }, {}))).flatMap((p) => p.Tasks ?? []).map((t) => t.TaskId);
          const expected = [shared, ...results.filter((r) => !r.deleted).map((r) => r.own)];
          expect(new Set(listed)).toEqual(new Set(expected));
          expect(listed).toHaveLength(expected.length);
          for (const r of results.filter((x) => !x.deleted)) {
            expect((await client.send(new GetOtaTaskCommand({ Identifier: r.own }))).Description).toBe(`own ${r.i}`);
          }
          expect((await client.send(new GetOtaTaskCommand({ Identifier: shared }))).Description).toMatch(/^shared \d+$/);
        } finally {
          client.destroy();
        }
      };
      await check(emulator);
      const sharedBefore = (await clients[0]!.send(new GetOtaTaskCommand({ Identifier: shared }))).Description;
      await emulator.close();
      emulator = await startEmulator({ quiet: true, dataDir: dir });
      await check(emulator);
      const client = clientFor(emulator);
      expect((await client.send(new GetOtaTaskCommand({ Identifier: shared }))).Description).toBe(sharedBefore);
      client.destroy();
    } finally {
      clients.forEach((c) => c.destroy());
      await emulator.close();
    }
  }, 60_000);
});
