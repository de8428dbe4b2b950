/** What `examples/create-ota-task-service.ts --demo` prints, checked by the examples and packaging suites. */
import { expect } from "vitest";

/** Checks the demo's report: the first rollout made a task (201), the repeat with one key answered the same. */
export function expectOneTaskForRepeatedRollout(stdout: string): void {
  const report = JSON.parse(stdout.slice(stdout.indexOf("{"), stdout.lastIndexOf("}") + 1)) as {
    first: { status: number; body: { taskId: string } };
    again: { status: number; body: { taskId: string } };
  };
  expect(report.first.status).toBe(201);
  expect(typeof report.first.body.taskId).toBe("string");
  expect(report.again.body.taskId).toBe(report.first.body.taskId);
}
