/**
 * What AWS IoT Managed Integrations adds to the generic lifecycle of its OTA resources:
 *
 * - a task gets a `Status` (`SCHEDULED` when its scheduling config starts later, else `IN_PROGRESS`, and
 *   `COMPLETED` once every execution of a one-time task has finished);
 * - one execution per `Target` device at creation (status `QUEUED`), listed by `ListOtaTaskExecutions` and
 *   counted in `TaskProcessingDetails`; tests advance them with
 *   `POST /_emulator/ota-tasks/{TaskId}/executions/{ManagedThingId}` and a body `{"Status": "SUCCEEDED"}`;
 * - `TaskConfigurationId` (on create and update) must name an existing task configuration;
 * - deleting a task removes its executions with it (they live inside the task's state).
 *
 * @packageDocumentation
 */
import type { HandlerContext, ResourceEngine, ResourceState, ServiceBehaviour } from "./engine.js";
import { ServiceFailure, page } from "./engine.js";

const TASK = "OtaTaskResource";
const CONFIGURATION = "OtaTaskConfigurationResource";
/** Where a task's executions live in its state: the member name `ListOtaTaskExecutions` answers with. */
const EXECUTIONS = "ExecutionSummaries";

/** Execution statuses, from the model's `OtaTaskExecutionStatus`. */
const EXECUTION_STATUSES = ["QUEUED", "IN_PROGRESS", "SUCCEEDED", "FAILED", "TIMED_OUT", "REJECTED", "REMOVED", "CANCELED"];
const FINISHED = new Set(["SUCCEEDED", "FAILED", "TIMED_OUT", "REJECTED", "REMOVED", "CANCELED"]);

interface Execution {
  readonly ManagedThingId: string;
  readonly TaskExecutionSummary: {
    ExecutionNumber: number;
    Status: string;
    QueuedAt: string;
    LastUpdatedAt: string;
    StartedAt?: string;
    RetryAttempt: number;
  };
}

function requireConfiguration(state: ResourceState, context: HandlerContext): void {
  const id = state["TaskConfigurationId"];
  if (typeof id === "string" && context.store.state(CONFIGURATION, id) === undefined) {
    throw new ServiceFailure("ValidationException", 400, `TaskConfigurationId '${id}' does not name an existing OTA task configuration.`);
  }
}

/** The task's status from its schedule and executions. */
function taskStatus(state: ResourceState, now: Date): string {
  const executions = (state[EXECUTIONS] as Execution[] | undefined) ?? [];
  if (state["OtaType"] === "ONE_TIME" && executions.length > 0 && executions.every((e) => FINISHED.has(e.TaskExecutionSummary.Status))) return "COMPLETED";
  const start = (state["OtaSchedulingConfig"] as { StartTime?: string } | undefined)?.StartTime;
  if (start !== undefined && Date.parse(start) > now.getTime()) return "SCHEDULED";
  return "IN_PROGRESS";
}

/** `TaskProcessingDetails` counted from the executions (members as the model spells them), in one pass. */
function processingDetails(executions: readonly Execution[]): Record<string, unknown> {
  const count: Record<string, number> = { CANCELED: 0, FAILED: 0, IN_PROGRESS: 0, QUEUED: 0, REJECTED: 0, REMOVED: 0, SUCCEEDED: 0, TIMED_OUT: 0 };
  const processingTargets: string[] = [];
  for (const { ManagedThingId, TaskExecutionSummary } of executions) {
    if (Object.hasOwn(count, TaskExecutionSummary.Status)) count[TaskExecutionSummary.Status]!++;
    if (!FINISHED.has(TaskExecutionSummary.Status)) processingTargets.push(ManagedThingId);
  }
  return {
    NumberOfCanceledThings: count["CANCELED"],
    NumberOfFailedThings: count["FAILED"],
    NumberOfInProgressThings: count["IN_PROGRESS"],
    numberOfQueuedThings: count["QUEUED"],
    numberOfRejectedThings: count["REJECTED"],
    numberOfRemovedThings: count["REMOVED"],
    numberOfSucceededThings: count["SUCCEEDED"],
    numberOfTimedOutThings: count["TIMED_OUT"],
    processingTargets,
  };
}

/**
 * The OTA behaviour for the emulator.
 * @public
 */
export const otaBehaviour: ServiceBehaviour = {
  resources: {
    [TASK]: {
      onCreate(state, context) {
        requireConfiguration(state, context);
        const now = context.now().toISOString();
        const targets = [...new Set((state["Target"] as string[] | undefined) ?? [])];
        const executions: Execution[] = targets.map((thing) => ({
          ManagedThingId: thing,
          TaskExecutionSummary: { ExecutionNumber: 1, Status: "QUEUED", QueuedAt: now, LastUpdatedAt: now, RetryAttempt: 0 },
        }));
        // The engine hands over a state of its own making: completed in place rather than copied.
        state[EXECUTIONS] = executions;
        state["Status"] = taskStatus(state, context.now());
        return state;
      },
      onUpdate(state, _previous, context) {
        requireConfiguration(state, context);
        return state;
      },
      view(state) {
        return { ...state, TaskProcessingDetails: processingDetails((state[EXECUTIONS] as Execution[] | undefined) ?? []) };
      },
    },
  },
  operations: (engine: ResourceEngine) => [
    {
      operation: "ListOtaTaskExecutions",
      async handle(input, context) {
        const params = input as Record<string, unknown>;
        const task = engine.require(engine.resource(TASK), params["Identifier"], context);
        const executions = (task[EXECUTIONS] as Execution[] | undefined) ?? [];
        const result = page(
          executions.map((e, i) => [i + 1, e] as const),
          params,
          { inputToken: "NextToken", pageSize: "MaxResults" },
        );
        const output: Record<string, unknown> = {
          [EXECUTIONS]: result.items.map((e) => ({
            ManagedThingId: e.ManagedThingId,
            TaskExecutionSummary: {
              ...e.TaskExecutionSummary,
              QueuedAt: new Date(e.TaskExecutionSummary.QueuedAt),
              LastUpdatedAt: new Date(e.TaskExecutionSummary.LastUpdatedAt),
              ...(e.TaskExecutionSummary.StartedAt === undefined ? {} : { StartedAt: new Date(e.TaskExecutionSummary.StartedAt) }),
            },
          })),
        };
        if (result.nextToken !== undefined) output["NextToken"] = result.nextToken;
        return { output };
      },
    },
  ],
  routes: (engine: ResourceEngine) => [
    {
      method: "POST",
      path: /^\/_emulator\/ota-tasks\/([^/]+)\/executions\/([^/]+)$/,
      async handle([taskId, thingId], body, context) {
        const status = (body as { Status?: unknown } | undefined)?.Status;
        if (typeof status !== "string" || !EXECUTION_STATUSES.includes(status)) {
          throw new ServiceFailure("ValidationException", 400, `Status must be one of ${EXECUTION_STATUSES.join(", ")}; got ${JSON.stringify(status)}.`);
        }
        const resource = engine.resource(TASK);
        const commit = await context.store.commit("_emulator:SetOtaTaskExecutionStatus", { TaskId: taskId, ManagedThingId: thingId, Status: status }, () => {
          const task = engine.require(resource, taskId, context);
          const executions = (task[EXECUTIONS] as Execution[] | undefined) ?? [];
          const at = executions.findIndex((e) => e.ManagedThingId === thingId);
          if (at === -1) throw new ServiceFailure("ResourceNotFoundException", 404, `OtaTask '${taskId}' has no execution for '${thingId}'.`);
          const now = context.now();
          const stamp = now.toISOString();
          const summary = { ...executions[at]!.TaskExecutionSummary, Status: status, LastUpdatedAt: stamp };
          if (status === "IN_PROGRESS" && summary.StartedAt === undefined) summary.StartedAt = stamp;
          const nextExecutions = executions.map((e, i) => (i === at ? { ManagedThingId: thingId!, TaskExecutionSummary: summary } : e));
          const state: ResourceState = { ...task, [EXECUTIONS]: nextExecutions, LastUpdatedAt: stamp };
          state["Status"] = taskStatus(state, now);
          return { id: taskId!, output: { ManagedThingId: thingId, TaskExecutionSummary: summary }, createdAt: stamp, resource: resource.name, effect: "update", state };
        });
        return commit.record.output;
      },
    },
  ],
};
