/**
 * The generated validator of CreateOtaTaskRequest: every constraint of the model, all violations at once,
 * member paths, messages naming path, rule, limit and value, sensitive values hidden.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { Violation } from "../../src/runtime/protocol/contract.js";
import { generateSerde, OUR_MODEL } from "./serde-harness.js";

let validate: (input: unknown) => Violation[];

beforeAll(async () => {
  const dir = await generateSerde("b-validators-ota", OUR_MODEL);
  validate = (await import(`${dir}/validators.ts`)).validateCreateOtaTaskRequest;
});

const valid = {
  Description: "Spring rollout",
  S3Url: "s3://bucket/firmware.bin",
  Protocol: "HTTP",
  Target: ["arn:a"],
  TaskConfigurationId: "cfg1",
  OtaMechanism: "PUSH",
  OtaType: "ONE_TIME",
  OtaTargetQueryString: "q",
  ClientToken: "abc-123=",
  OtaSchedulingConfig: {
    EndBehavior: "STOP_ROLLOUT",
    EndTime: "2025-02-01T00:00:00Z",
    MaintenanceWindows: [{ DurationInMinutes: 1430, StartTime: "cron(0 2 * * ? *)" }],
    StartTime: "2025-01-01T00:00:00Z",
  },
  OtaTaskExecutionRetryConfig: { RetryConfigCriteria: [{ FailureType: "ALL", MinNumberOfRetries: 0 }] },
  Tags: { env: "" },
};

function messages(input: unknown): string[] {
  return validate(input).map((v) => v.message);
}

describe("validateCreateOtaTaskRequest", () => {
  it("accepts a valid input with every member set, and the minimal one", () => {
    expect(validate(valid)).toEqual([]);
    expect(validate({ S3Url: "u", OtaType: "CONTINUOUS" })).toEqual([]);
  });

  it("reports both missing required members", () => {
    expect(validate({})).toEqual([
      { path: "S3Url", rule: "required", message: "S3Url: is required" },
      { path: "OtaType", rule: "required", message: "OtaType: is required" },
    ]);
  });

  it("names the allowed enum values and the value given", () => {
    expect(validate({ ...valid, OtaType: "WEEKLY" })).toEqual([
      { path: "OtaType", rule: "enum", message: 'OtaType: must be one of ONE_TIME, CONTINUOUS; got "WEEKLY"', value: "WEEKLY" },
    ]);
  });

  it("reports a nested range violation with its full path", () => {
    const input = { ...valid, OtaSchedulingConfig: { MaintenanceWindows: [{ DurationInMinutes: 60 }, { DurationInMinutes: 2000 }] } };
    expect(validate(input)).toEqual([
      {
        path: "OtaSchedulingConfig.MaintenanceWindows[1].DurationInMinutes",
        rule: "range",
        message: "OtaSchedulingConfig.MaintenanceWindows[1].DurationInMinutes: must be between 1 and 1430; got 2000",
        value: 2000,
      },
    ]);
  });

  it("checks lengths, patterns and ranges everywhere, all at once", () => {
    const input = {
      Description: "bad!",
      S3Url: "",
      OtaType: "ONE_TIME",
      TaskConfigurationId: "x".repeat(65),
      ClientToken: "has space",
      OtaTaskExecutionRetryConfig: { RetryConfigCriteria: [{ FailureType: "NEVER", MinNumberOfRetries: 11 }] },
    };
    expect(messages(input)).toEqual([
      'Description: must match the pattern ^[0-9A-Za-z_\\- ]+$; got "bad!"',
      "S3Url: length must be between 1 and 1000 characters; got 0",
      "TaskConfigurationId: length must be between 1 and 64 characters; got 65",
      'ClientToken: must match the pattern ^[a-zA-Z0-9=_-]+$; got "has space"',
      'OtaTaskExecutionRetryConfig.RetryConfigCriteria[0].FailureType: must be one of FAILED, TIMED_OUT, ALL; got "NEVER"',
      "OtaTaskExecutionRetryConfig.RetryConfigCriteria[0].MinNumberOfRetries: must be between 0 and 10; got 11",
    ]);
  });

  it("counts string lengths in code points", () => {
    const emoji = "\u{1F600}";
    expect(validate({ ...valid, Tags: { k: emoji.repeat(256) } })).toEqual([]);
    expect(validate({ ...valid, Tags: { k: emoji.repeat(257) } })).toEqual([
      {
        path: "Tags[***SensitiveInformation***]",
        rule: "length",
        message: "Tags[***SensitiveInformation***]: length must be between 0 and 256 characters; got 257",
        value: "***SensitiveInformation***",
      },
    ]);
  });

  it("hides every value and every key inside the sensitive Tags map", () => {
    const tooMany = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, "v"]));
    const result = validate({ ...valid, Tags: tooMany });
    expect(result).toEqual([
      { path: "Tags", rule: "length", message: "Tags: length must be between 1 and 50 entries; got 51", value: "***SensitiveInformation***" },
    ]);
    const empty = validate({ ...valid, Tags: { "": "secret-value", env: 42 } });
    expect(empty.map((v) => [v.path, v.rule, v.message])).toEqual([
      ["Tags[***SensitiveInformation***]", "length", "Tags[***SensitiveInformation***]: key length must be between 1 and 128 characters; got 0"],
      ["Tags[***SensitiveInformation***]", "type", "Tags[***SensitiveInformation***]: must be a string; got number"],
    ]);
    expect(JSON.stringify(validate({ ...valid, Tags: { "secret-key": "v".repeat(300) } }))).not.toContain("secret-key");
    expect(JSON.stringify(empty)).not.toContain("secret-value");
    expect(JSON.stringify(empty)).not.toContain("42");
  });

  it("reports values of the wrong JavaScript type, without checking them further", () => {
    const input = {
      S3Url: 5,
      OtaType: "ONE_TIME",
      Target: ["ok", 7],
      OtaSchedulingConfig: { MaintenanceWindows: { DurationInMinutes: 5 } },
      OtaTaskExecutionRetryConfig: "none",
    };
    expect(validate(input).map((v) => [v.path, v.rule, v.message])).toEqual([
      ["S3Url", "type", "S3Url: must be a string; got number 5"],
      ["Target[1]", "type", "Target[1]: must be a string; got number 7"],
      ["OtaSchedulingConfig.MaintenanceWindows", "type", 'OtaSchedulingConfig.MaintenanceWindows: must be an array; got object {"DurationInMinutes":5}'],
      ["OtaTaskExecutionRetryConfig", "type", 'OtaTaskExecutionRetryConfig: must be an object; got string "none"'],
    ]);
    expect(validate({ ...valid, OtaSchedulingConfig: { MaintenanceWindows: [{ DurationInMinutes: 1.5 }] } })[0]?.rule).toBe("type");
  });

  it("flags unknown members at every level", () => {
    expect(validate({ ...valid, Bogus: 1, OtaSchedulingConfig: { Typo: "x" } })).toEqual([
      { path: "Bogus", rule: "unknown-member", message: "Bogus: is not a member of CreateOtaTaskRequest" },
      { path: "OtaSchedulingConfig.Typo", rule: "unknown-member", message: "OtaSchedulingConfig.Typo: is not a member of OtaTaskSchedulingConfig" },
    ]);
  });

  it("treats null members and null list items as absent", () => {
    expect(validate({ ...valid, Description: null, Target: [null, "x"] })).toEqual([]);
  });

  it("rejects an input that is not an object", () => {
    expect(validate("nope")).toEqual([{ path: "", rule: "type", message: 'input: must be an object; got string "nope"', value: "nope" }]);
  });
});
