/**
 * The OTA workflow as a command-line user runs it, for any CLI that speaks the AWS CLI's syntax (iotmi, or
 * the real AWS CLI v2): create a configuration → create tasks → get → list page by page → update →
 * executions → delete → not found, then kill -9 the emulator, restart it on the same data and check that
 * every update and delete held.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "vitest";
import { startServeProcess } from "../../emulator/serve-process.js";

/** One run of a CLI: `iot-managed-integrations <args> --endpoint-url <url> --region us-east-1` is implied. */
export type RunCli = (url: string, args: readonly string[]) => Promise<{ code: number; stdout: string; stderr: string }>;

async function json(run: RunCli, url: string, args: readonly string[]): Promise<Record<string, any>> {
  const result = await run(url, [...args, "--output", "json"]);
  expect(result.stderr, args.join(" ")).toBe("");
  expect(result.code, args.join(" ")).toBe(0);
  return result.stdout.trim() === "" ? {} : (JSON.parse(result.stdout) as Record<string, any>);
}

/** Runs the whole workflow through `run`; throws (through expect) on the first difference. */
export async function otaWorkflow(run: RunCli): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "iotmi-cli-workflow-"));
  let serve = await startServeProcess(dir);
  try {
    const config = await json(run, serve.url, ["create-ota-task-configuration", "--name", "canary", "--push-config", "RolloutConfig={MaximumPerMinute=10}"]);
    const configId = config["TaskConfigurationId"] as string;
    expect(configId).toMatch(/^[a-zA-Z0-9]+$/);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const task = await json(run, serve.url, [
        "create-ota-task", "--s3-url", `s3://fw/v${i}.bin`, "--ota-type", "ONE_TIME", "--target", "thing-a", "thing-b", "--task-configuration-id", configId,
      ]);
      ids.push(task["TaskId"] as string);
    }
    const got = await json(run, serve.url, ["get-ota-task", "--identifier", ids[0]!]);
    expect(got).toMatchObject({ TaskId: ids[0], S3Url: "s3://fw/v0.bin", Status: "IN_PROGRESS", TaskConfigurationId: configId });
    expect(got["CreatedAt"]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{6})?\+00:00$/);

    // Page by page with the CLI's own tokens.
    const first = await json(run, serve.url, ["list-ota-tasks", "--max-items", "2", "--page-size", "2"]);
    expect(first["Tasks"].map((t: { TaskId: string }) => t.TaskId)).toEqual(ids.slice(0, 2));
    const second = await json(run, serve.url, ["list-ota-tasks", "--max-items", "2", "--page-size", "3", "--starting-token", first["NextToken"]]);
    expect(second["Tasks"].map((t: { TaskId: string }) => t.TaskId)).toEqual(ids.slice(2, 4));
    const rest = await json(run, serve.url, ["list-ota-tasks", "--starting-token", second["NextToken"]]);
    expect(rest["Tasks"].map((t: { TaskId: string }) => t.TaskId)).toEqual(ids.slice(4));
    expect(rest["NextToken"]).toBeUndefined();

    await json(run, serve.url, ["update-ota-task", "--identifier", ids[1]!, "--description", "revised"]);
    expect((await json(run, serve.url, ["get-ota-task", "--identifier", ids[1]!]))["Description"]).toBe("revised");
    const executions = await json(run, serve.url, ["list-ota-task-executions", "--identifier", ids[2]!, "--page-size", "1"]);
    expect(executions["ExecutionSummaries"].map((e: { ManagedThingId: string }) => e.ManagedThingId)).toEqual(["thing-a", "thing-b"]);

    await json(run, serve.url, ["delete-ota-task", "--identifier", ids[3]!]);
    const missing = await run(serve.url, ["get-ota-task", "--identifier", ids[3]!]);
    expect(missing.code).toBe(254);
    expect(missing.stderr).toBe(`\nAn error occurred (ResourceNotFoundException) when calling the GetOtaTask operation: OtaTask '${ids[3]}' does not exist.\n`);

    await serve.kill9();
    serve = await startServeProcess(dir);
    const after = await json(run, serve.url, ["list-ota-tasks"]);
    expect(after["Tasks"].map((t: { TaskId: string }) => t.TaskId)).toEqual([ids[0], ids[1], ids[2], ids[4]]);
    expect((await json(run, serve.url, ["get-ota-task", "--identifier", ids[1]!]))["Description"]).toBe("revised");
    expect((await run(serve.url, ["get-ota-task", "--identifier", ids[3]!])).code).toBe(254);
    await json(run, serve.url, ["delete-ota-task-configuration", "--identifier", configId]);
    expect((await run(serve.url, ["get-ota-task-configuration", "--identifier", configId])).code).toBe(254);
  } finally {
    await serve.kill9();
    rmSync(dir, { recursive: true, force: true });
  }
}
