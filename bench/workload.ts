/**
 * The one request every client scenario sends: a CreateOtaTask input, and the exact JSON body iotmi
 * serialises from it, so that the floors send the same bytes the client does.
 */

/** Region, signing name and credentials shared by every scenario (the documentation key pair). */
export const REGION = "us-east-1";
export const SIGNING_NAME = "iotmanagedintegrations";
export const CREDENTIALS = {
  accessKeyId: "AKIDEXAMPLE",
  secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
} as const;

/** CreateOtaTask input with the members a real rollout uses; no ClientToken, so the client makes one per call. */
export function createOtaTaskInput(): Record<string, unknown> {
  return {
    Description: "Firmware 2 rollout",
    S3Url: "s3://firmware-bucket/thermostat/v2.0.0.bin",
    OtaType: "ONE_TIME",
    Protocol: "HTTP",
    OtaMechanism: "PUSH",
    Target: ["arn:aws:iotmanagedintegrations:us-east-1:123456789012:managed-thing/thermostat01"],
    OtaSchedulingConfig: {
      EndBehavior: "STOP_ROLLOUT",
      MaintenanceWindows: [{ DurationInMinutes: 120, StartTime: "0 2 * * *" }],
    },
    Tags: { team: "firmware" },
  };
}

/** The body the floors send: the same input plus a fixed token, as iotmi would put it on the wire. */
export const PREBUILT_BODY = Buffer.from(
  JSON.stringify({ ClientToken: "6f1c2d3e-4b5a-4c6d-8e7f-901a2b3c4d5e", ...createOtaTaskInput() }),
);

export const PATH = "/ota-tasks";
