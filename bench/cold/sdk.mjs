// Cold-start probe for the AWS SDK v3 comparison client. The bench copies this file into the throwaway SDK
// install (outside the repository) so that the package resolves from there.
import { IoTDataPlaneClient, PublishCommand } from "@aws-sdk/client-iot-data-plane";

const importedMs = performance.now();
const port = Number(process.argv[2]);
const body = Buffer.from(process.argv[3] ?? "{}");
const client = new IoTDataPlaneClient({
  region: "us-east-1",
  endpoint: `http://127.0.0.1:${port}`,
  credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" },
});
const readyMs = performance.now();
await client.send(new PublishCommand({ topic: "ota/tasks", payload: body, contentType: "application/json" }));
const doneMs = performance.now();
client.destroy();
process.stdout.write(`${JSON.stringify({ importedMs, readyMs, doneMs })}\n`);
