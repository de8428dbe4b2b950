// Help pages generated from the schema, and the promise that the CLI is driven by schema data alone: a new
// operation in the model is a new command with its options, typing and validation, without CLI code changes.
import { describe, expect, it } from "vitest";
import type { ServiceBinding } from "../../src/cli/binding.js";
import { operationHelp, shorthandExample } from "../../src/cli/help.js";
import { toCliName } from "../../src/cli/names.js";
import type { OperationSchemaEntry, ShapeSchema } from "../../src/runtime/protocol/contract.js";
import { createOtaTaskEntry } from "./fixtures/create-ota-task.schema.js";
import { hasGeneratedClient } from "./helpers/binding.js";
import { runInProcess } from "./helpers/run-in-process.js";

const member = (name: string) => createOtaTaskEntry.input.members.find((m) => m.name === name)!;

describe("option names", () => {
  it.each([
    ["S3Url", "s3-url"],
    ["OtaTaskExecutionRetryConfig", "ota-task-execution-retry-config"],
    ["CreateOtaTask", "create-ota-task"],
    ["TaskConfigurationId", "task-configuration-id"],
    ["DeviceARNs", "device-arns"],
    ["CACertificate", "ca-certificate"],
    ["ListManagedThingsV2", "list-managed-things-v2"],
    ["Ec2InstanceId", "ec2-instance-id"],
  ])("%s → %s (as the AWS CLI names it)", (model, cli) => {
    expect(toCliName(model)).toBe(cli);
  });
});

describe("help page", () => {
  const page = operationHelp(createOtaTaskEntry);
  it("has the AWS CLI's sections in order", () => {
    const order = ["NAME", "DESCRIPTION", "SYNOPSIS", "OPTIONS", "GLOBAL OPTIONS", "OUTPUT"].map((h) => page.indexOf(`\n${h}\n`) >= 0 ? page.indexOf(`\n${h}\n`) : page.indexOf(`${h}\n`));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });
  it("marks required options in the synopsis and lists every member", () => {
    expect(page).toContain("\n          --s3-url <value>\n");
    expect(page).toContain("\n          [--description <value>]\n");
    for (const m of createOtaTaskEntry.input.members) expect(page).toContain(`--${toCliName(m.name)}`);
  });
  it("documents enums, nested members and syntax", () => {
    expect(page).toContain("       --ota-type (string)\n          The frequency type for the over-the-air (OTA) task.\n\n          Possible values:\n\n          o ONE_TIME\n\n          o CONTINUOUS");
    expect(page).toContain("\n          MaintenanceWindows -> (list)\n");
    expect(page).toContain("\n              (structure)\n\n                 DurationInMinutes -> (integer)\n");
    expect(page).toContain('\n       Syntax:\n\n          "string" "string" ...');
    expect(page).toContain('\n            "EndBehavior": "STOP_ROLLOUT"|"CANCEL"|"FORCE_CANCEL",');
  });
  it("gives the AWS CLI's shorthand examples", () => {
    expect(shorthandExample(member("OtaSchedulingConfig").schema)).toBe(
      "EndBehavior=string,EndTime=string,MaintenanceWindows=[{DurationInMinutes=integer,StartTime=string},{DurationInMinutes=integer,StartTime=string}],StartTime=string",
    );
    expect(shorthandExample(member("OtaTaskExecutionRetryConfig").schema)).toBe(
      "RetryConfigCriteria=[{FailureType=string,MinNumberOfRetries=integer},{FailureType=string,MinNumberOfRetries=integer}]",
    );
    expect(shorthandExample(member("Tags").schema)).toBe("KeyName1=string,KeyName2=string");
  });
});

describe("a new operation needs no CLI code", () => {
  const listWidgets: OperationSchemaEntry = {
    name: "ListWidgets",
    documentation: "Lists widgets.",
    http: { method: "GET", uri: "/widgets", code: 200 },
    input: {
      kind: "structure",
      name: "ListWidgetsRequest",
      members: [
        { name: "MaxResults", required: false, schema: { kind: "integer" } },
        { name: "IncludeRetired", required: false, schema: { kind: "boolean" } },
        { name: "Ratio", required: false, schema: { kind: "double" } },
        { name: "Filters", required: true, schema: { kind: "list", member: { kind: "structure", name: "Filter", members: [{ name: "Name", required: true, schema: { kind: "string" } }, { name: "Values", required: false, schema: { kind: "list", member: { kind: "string" } } }] } } },
      ],
    },
    output: { kind: "structure", name: "ListWidgetsResponse", members: [{ name: "Widgets", required: false, schema: { kind: "list", member: { kind: "string" } } }] },
    errors: [],
  };
  const sent: { operation: string; input: object }[] = [];
  const binding: ServiceBinding = {
    serviceCommand: "widgets",
    operations: [listWidgets],
    loadClientFactory: async () => ({
      createClient: () => ({ send: async (command: unknown) => ({ $metadata: {}, Widgets: ["w1", "w2"], echo: command }) }),
      createCommand: (operation, input) => {
        sent.push({ operation, input });
        return { operation };
      },
      validate: () => [],
    }),
  };

  it("derives options, flags and types from the schema", async () => {
    const r = await runInProcess(
      ["widgets", "list-widgets", "--max-results", "5", "--include-retired", "--ratio", "0.5", "--filters", "Name=a,Values=x,y", "Name=b", "--region", "r", "--query", "Widgets", "--output", "text"],
      { binding },
    );
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("w1\tw2\n");
    expect(sent.at(-1)).toEqual({
      operation: "ListWidgets",
      input: { MaxResults: 5, IncludeRetired: true, Ratio: 0.5, Filters: [{ Name: "a", Values: ["x", "y"] }, { Name: "b" }] },
    });
  });

  it("validates required nested members and --no- flags", async () => {
    const r = await runInProcess(["list-widgets", "--filters", "Values=x", "--no-include-retired"], { binding });
    expect(r.code).toBe(252);
    expect(r.stderr).toBe('\nParameter validation failed:\nMissing required parameter in Filters[0]: "Name"\n');
    const ok = await runInProcess(["list-widgets", "--filters", "Name=n", "--no-include-retired", "--region", "r"], { binding });
    expect(ok.code).toBe(0);
    expect(sent.at(-1)!.input).toEqual({ IncludeRetired: false, Filters: [{ Name: "n" }] });
  });

  it("rejects a non-integer for an integer option", async () => {
    const r = await runInProcess(["list-widgets", "--filters", "Name=n", "--max-results", "many"], { binding });
    // Python's int() refuses it, and the AWS CLI reports that as it is.
    expect(r.code).toBe(255);
    expect(r.stderr).toBe("\ninvalid literal for int() with base 10: 'many'\n");
  });
});

describe("the test fixture matches the generated schema", () => {
  it.skipIf(!hasGeneratedClient)("same members, kinds, enums and flags (documentation aside)", async () => {
    const { operationSchemas } = await import("../../src/generated/schemas.js");
    const generated = operationSchemas.find((op) => op.name === "CreateOtaTask")!;
    // `seen` holds the structures on the current path, so shared (non-cyclic) shapes are compared in full.
    const shape = (s: ShapeSchema, seen = new Set<ShapeSchema>()): unknown => {
      if (seen.has(s)) return "<cycle>";
      switch (s.kind) {
        case "structure":
        case "union": {
          seen.add(s);
          const out = { kind: s.kind, members: s.members.map((m) => ({ name: m.name, required: m.required, token: m.idempotencyToken === true, schema: shape(m.schema, seen) })) };
          seen.delete(s);
          return out;
        }
        case "list":
          return { kind: "list", member: shape(s.member, seen) };
        case "map":
          return { kind: "map", key: shape(s.key, seen), value: shape(s.value, seen), sensitive: s.sensitive === true };
        case "string":
          return { kind: "string", enum: s.enum ?? null, sensitive: s.sensitive === true };
        default:
          return { kind: s.kind };
      }
    };
    expect(shape(createOtaTaskEntry.input)).toEqual(shape(generated.input));
    expect(shape(createOtaTaskEntry.output)).toEqual(shape(generated.output));
    expect(createOtaTaskEntry.http).toEqual(generated.http);
  });
});
