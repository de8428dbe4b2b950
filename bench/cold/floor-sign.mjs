// Cold-start probe for the floor+sign scenario: a fresh process that imports the signer, signs one
// CreateOtaTask request, sends it over node:http and reads the answer. Prints its timings as one JSON line.
import { Sha256 } from "@aws-crypto/sha256-js";
import { SignatureV4 } from "@smithy/signature-v4";
import { Agent, request } from "node:http";

const importedMs = performance.now();
const port = Number(process.argv[2]);
const body = Buffer.from(process.argv[3] ?? "{}");
const agent = new Agent({ keepAlive: true });
const signer = new SignatureV4({
  service: "iotmanagedintegrations",
  region: "us-east-1",
  credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" },
  sha256: Sha256,
});
const readyMs = performance.now();
const signed = await signer.sign({
  method: "POST",
  protocol: "http:",
  hostname: "127.0.0.1",
  port,
  path: "/ota-tasks",
  query: {},
  headers: { host: `127.0.0.1:${port}`, "content-type": "application/json", "content-length": String(body.length) },
  body,
});
const answer = await new Promise((resolve, reject) => {
  const req = request({ agent, host: "127.0.0.1", port, method: "POST", path: "/ota-tasks", headers: signed.headers }, (res) => {
    const chunks = [];
    res.on("data", (c) => chunks.push(c));
    res.on("end", () => resolve(JSON.parse(Buffer.concat(chunks).toString("utf8"))));
  });
  req.on("error", reject);
  req.end(body);
});
const doneMs = performance.now();
agent.destroy();
if (typeof answer.TaskId !== "string") throw new Error("unexpected answer");
process.stdout.write(`${JSON.stringify({ importedMs, readyMs, doneMs })}\n`);
