/**
 * The business logic of `CreateOtaTask`: a new task gets a random alphanumeric `TaskId`, the ARN
 * `arn:aws:iotmanagedintegrations:<region>:<account>:ota-task/<TaskId>` and echoes the `Description`.
 *
 * @packageDocumentation
 */
import type { CreateOtaTaskRequest, CreateOtaTaskResponse } from "../../generated/models.js";
import type { StoredRecord } from "../store/record-store.js";
import type { OperationHandler } from "./handler.js";

/**
 * Builds the ARN of a task.
 * @public
 */
export function otaTaskArn(region: string, account: string, taskId: string): string {
  return `arn:aws:iotmanagedintegrations:${region}:${account}:ota-task/${taskId}`;
}

/**
 * `CreateOtaTask` for the emulator.
 * @public
 */
export const createOtaTaskHandler: OperationHandler<CreateOtaTaskRequest, CreateOtaTaskResponse> = {
  operation: "CreateOtaTask",
  create(input, context) {
    const taskId = context.newId();
    const output: CreateOtaTaskResponse = { TaskId: taskId, TaskArn: otaTaskArn(context.region, context.account, taskId) };
    if (input.Description !== undefined) output.Description = input.Description;
    return { id: taskId, output };
  },
  inspection: {
    path: "/_emulator/ota-tasks",
    listName: "tasks",
    view: (record: StoredRecord) => {
      const output = record.output as CreateOtaTaskResponse;
      return {
        TaskId: output.TaskId,
        TaskArn: output.TaskArn,
        ...(output.Description !== undefined ? { Description: output.Description } : {}),
        CreatedAt: record.createdAt,
        ...(record.clientToken !== undefined ? { ClientToken: record.clientToken } : {}),
        Input: record.input,
      };
    },
  },
};
