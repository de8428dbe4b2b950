// Cold-start probe for iotmi: a fresh process that imports the package by its name (resolved through the
// package's own "exports", i.e. the built dist/; IOTMI_BENCH_ENTRY may name a built file instead while the
// package entry is not there yet), builds a client, sends one CreateOtaTask and reads the answer. Prints its
// timings as one JSON line.
const { CreateOtaTaskCommand, IoTManagedIntegrationsClient } = await import(process.env.IOTMI_BENCH_ENTRY || "iotmi");

const importedMs = performance.now();
const port = Number(process.argv[2]);
const input = JSON.parse(process.argv[3] ?? "{}");
const client = new IoTManagedIntegrationsClient({
  region: "us-east-1",
  endpoint: `http://127.0.0.1:${port}`,
  credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" },
});
const readyMs = performance.now();
const answer = await client.send(new CreateOtaTaskCommand(input));
const doneMs = performance.now();
client.destroy();
if (typeof answer.TaskId !== "string") throw new Error("unexpected answer");
process.stdout.write(`${JSON.stringify({ importedMs, readyMs, doneMs })}\n`);
