/**
 * Example: a firmware roll-out from start to finish, as a script written against the AWS SDK for JavaScript v3
 * would do it — commands sent through one client, paginators for the lists, typed errors.
 *
 *   1. create a task configuration (how fast the roll-out goes)
 *   2. create OTA tasks that follow it, one per firmware build, each for a few devices
 *   3. read a task back
 *   4. list every task, page by page, with the paginator
 *   5. revise a task's description
 *   6. list a task's per-device executions (the emulator lets the devices report progress)
 *   7. delete the tasks and the configuration
 *   8. show that a deleted task is gone (ResourceNotFoundException)
 *
 * Run it against the local emulator (no AWS account needed), after `npm run build`:
 *
 *   npx tsx examples/ota-workflow.ts --emulator                               # starts its own emulator
 *   npx tsx examples/ota-workflow.ts --emulator-url http://127.0.0.1:4566     # an `iotmi serve` you started
 *
 * Against AWS: omit both and configure region and credentials as for any AWS SDK (AWS_REGION, AWS_PROFILE, ...);
 * IOTMI_ENDPOINT overrides the endpoint. The devices' progress reports of step 6 are the emulator's
 * `_emulator` route, so they only happen against an emulator.
 */
import { parseArgs } from "node:util";
import {
  CreateOtaTaskCommand,
  CreateOtaTaskConfigurationCommand,
  DeleteOtaTaskCommand,
  DeleteOtaTaskConfigurationCommand,
  GetOtaTaskCommand,
  IoTManagedIntegrationsClient,
  ResourceNotFoundException,
  UpdateOtaTaskCommand,
  paginateListOtaTaskExecutions,
  paginateListOtaTasks,
  type OtaTaskSummary,
} from "iotmi";
import { startEmulator } from "iotmi/emulator";

const DEVICES = ["thermostat-kitchen", "thermostat-hall", "thermostat-attic"];
const BUILDS = ["v2.0.0", "v2.0.1", "v2.1.0"];

async function rollOut(client: IoTManagedIntegrationsClient, emulatorUrl: string | undefined): Promise<void> {
  // 1. A configuration: at most 10 devices a minute.
  const configuration = await client.send(
    new CreateOtaTaskConfigurationCommand({
      Name: "thermostats-slow",
      Description: "Thermostat roll-outs at 10 devices a minute",
      PushConfig: { RolloutConfig: { MaximumPerMinute: 10 } },
    }),
  );
  // Output members are optional in the SDK's types; the service always returns the new id.
  const TaskConfigurationId = configuration.TaskConfigurationId!;
  console.log(`1. configuration ${TaskConfigurationId}`);

  // 2. One task per build. A ClientToken makes a retried create return the same task instead of a second one.
  const taskIds: string[] = [];
  for (const build of BUILDS) {
    const task = await client.send(
      new CreateOtaTaskCommand({
        S3Url: `s3://firmware-bucket/thermostat/${build}.bin`,
        OtaType: "ONE_TIME",
        OtaMechanism: "PUSH",
        Protocol: "HTTP",
        Target: DEVICES,
        TaskConfigurationId,
        Description: `Thermostat firmware ${build.replaceAll(".", "_")}`,
        ClientToken: `thermostat-${build.replaceAll(".", "-")}`,
      }),
    );
    taskIds.push(task.TaskId!);
    console.log(`2. task ${task.TaskId} for ${build} (${task.TaskArn})`);
  }
  const [first, second] = taskIds as [string, string, ...string[]];

  // 3. Read one back: its status and how many devices are at each stage.
  const task = await client.send(new GetOtaTaskCommand({ Identifier: first }));
  console.log(`3. task ${task.TaskId}: ${task.Status}, ${task.Target?.length} devices, queued ${task.TaskProcessingDetails?.numberOfQueuedThings}`);

  // 4. Every task, two per page: the paginator follows NextToken until the last page.
  const listed: OtaTaskSummary[] = [];
  let pages = 0;
  for await (const page of paginateListOtaTasks({ client, pageSize: 2 }, {})) {
    pages += 1;
    listed.push(...(page.Tasks ?? []));
  }
  console.log(`4. ${listed.length} tasks in ${pages} pages: ${listed.map((t) => `${t.TaskId} ${t.Status}`).join(", ")}`);

  // 5. Revise a task; the other members stay as they were.
  await client.send(new UpdateOtaTaskCommand({ Identifier: second, Description: "Thermostat firmware v2_0_1 hotfix" }));
  const revised = await client.send(new GetOtaTaskCommand({ Identifier: second }));
  console.log(`5. task ${second}: "${revised.Description}", last updated ${revised.LastUpdatedAt?.toISOString()}`);

  // 6. The per-device executions. On the emulator, the devices report back first (a real fleet does this itself).
  if (emulatorUrl !== undefined) {
    for (const [device, status] of [["thermostat-kitchen", "SUCCEEDED"], ["thermostat-hall", "SUCCEEDED"], ["thermostat-attic", "FAILED"]]) {
      const reported = await fetch(`${emulatorUrl}/_emulator/ota-tasks/${first}/executions/${device}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ Status: status }),
      });
      if (!reported.ok) throw new Error(`the emulator refused the ${device} report: ${reported.status}`);
    }
  }
  for await (const page of paginateListOtaTaskExecutions({ client }, { Identifier: first })) {
    for (const execution of page.ExecutionSummaries ?? []) {
      console.log(`6. ${execution.ManagedThingId}: ${execution.TaskExecutionSummary?.Status}`);
    }
  }
  const finished = await client.send(new GetOtaTaskCommand({ Identifier: first }));
  console.log(`6. task ${first}: ${finished.Status}`);

  // 7. Clean up: the tasks (with their executions), then the configuration.
  for (const id of taskIds) await client.send(new DeleteOtaTaskCommand({ Identifier: id }));
  await client.send(new DeleteOtaTaskConfigurationCommand({ Identifier: TaskConfigurationId }));
  console.log(`7. deleted ${taskIds.length} tasks and configuration ${TaskConfigurationId}`);

  // 8. A deleted task is gone: the service answers 404 with a typed error.
  try {
    await client.send(new GetOtaTaskCommand({ Identifier: first }));
    throw new Error(`task ${first} still exists after its deletion`);
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException)) throw error;
    console.log(`8. ${error.name} (HTTP ${error.$metadata.httpStatusCode}): ${error.message}`);
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { emulator: { type: "boolean" }, "emulator-url": { type: "string" } } });
  const emulator = values.emulator ? await startEmulator({ port: 0, quiet: true }) : undefined;
  const emulatorUrl = emulator?.url ?? values["emulator-url"];
  const client = new IoTManagedIntegrationsClient(
    emulatorUrl !== undefined
      ? {
          region: emulator?.region ?? "us-east-1",
          endpoint: emulatorUrl,
          // The documentation key pair, which the emulator accepts by default.
          credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" },
        }
      : { ...(process.env["IOTMI_ENDPOINT"] ? { endpoint: process.env["IOTMI_ENDPOINT"] } : {}) },
  );
  try {
    await rollOut(client, emulatorUrl);
  } finally {
    client.destroy();
    await emulator?.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? `${error.name}: ${error.message}` : String(error));
  process.exitCode = 1;
});
