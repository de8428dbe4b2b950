/**
 * The main job behind `npm start`: start the built-in emulator on an ephemeral loopback port, create an OTA
 * task through the generated client exactly as a Node service would, print the result and what the emulator
 * stored, then stop. No AWS account is needed; the well-known documentation key pair signs the request and
 * the emulator verifies it.
 */
import { startEmulator } from "./emulator/index.js";
import { CreateOtaTaskCommand, IoTManagedIntegrationsClient } from "./generated/index.js";

const DEMO_CREDENTIALS = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" };

async function main(): Promise<void> {
  const emulator = await startEmulator({ port: 0, quiet: true });
  const client = new IoTManagedIntegrationsClient({
    region: "us-east-1",
    endpoint: emulator.url,
    credentials: DEMO_CREDENTIALS,
  });
  try {
    const output = await client.send(
      new CreateOtaTaskCommand({
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
        OtaTaskExecutionRetryConfig: { RetryConfigCriteria: [{ FailureType: "FAILED", MinNumberOfRetries: 2 }] },
        Tags: { team: "firmware" },
      }),
    );
    console.log(`Created OTA task against the local emulator at ${emulator.url}`);
    console.log(JSON.stringify(output, null, 2));
  } finally {
    client.destroy();
    await emulator.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? `${error.name}: ${error.message}` : String(error));
  process.exitCode = 1;
});
