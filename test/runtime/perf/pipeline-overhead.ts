/**
 * The runtime's own CPU per call without any I/O: a full `client.send` through a request handler that answers
 * at once, against signing the same request with the same signer (the part any SigV4 client pays). The
 * difference is what the pipeline adds (validation, endpoint, headers, retry bookkeeping, deserialization,
 * `$metadata`). Run: `npx tsx test/runtime/perf/pipeline-overhead.ts`.
 */
import { Sha256 } from "@aws-crypto/sha256-js";
import { HttpRequest, HttpResponse } from "@smithy/protocol-http";
import { SignatureV4 } from "@smithy/signature-v4";
import { CreateWidgetCommand, WidgetClient } from "../fixtures/widget-service.js";

const CALLS = Number(process.argv[2] ?? 3000);
const CREDS = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" };
const responseBody = new TextEncoder().encode('{"WidgetId":"w-1"}');
const requestHandler = {
  handle: async () => ({
    response: new HttpResponse({ statusCode: 201, headers: { "content-type": "application/json", "x-amzn-requestid": "r", date: new Date().toUTCString() }, body: responseBody }),
  }),
};
const client = new WidgetClient({ region: "us-east-1", endpoint: "http://127.0.0.1:8080", credentials: CREDS, requestHandler });
const userAgent = client.config.runtime.userAgent;
const signer = new SignatureV4({ credentials: CREDS, region: "us-east-1", service: "widgets", sha256: Sha256 });

async function signOnly(): Promise<void> {
  const body = JSON.stringify({ ClientToken: crypto.randomUUID(), Name: "gear", Size: 3 });
  await signer.sign(
    new HttpRequest({
      protocol: "http:",
      hostname: "127.0.0.1",
      port: 8080,
      method: "POST",
      path: "/widgets",
      headers: {
        "content-type": "application/json",
        host: "127.0.0.1:8080",
        "user-agent": userAgent.userAgent,
        "x-amz-user-agent": userAgent.amzUserAgent,
        "amz-sdk-invocation-id": crypto.randomUUID(),
        "content-length": String(Buffer.byteLength(body)),
        "amz-sdk-request": "attempt=1; max=3",
      },
      body,
    }),
  );
  JSON.parse(new TextDecoder().decode(responseBody));
}

async function viaClient(): Promise<void> {
  await client.send(new CreateWidgetCommand({ Name: "gear", Size: 3 }));
}

async function cpuPerCall(fn: () => Promise<void>, calls: number): Promise<number> {
  const before = process.cpuUsage();
  for (let i = 0; i < calls; i++) await fn();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / calls;
}

await cpuPerCall(signOnly, 2000);
await cpuPerCall(viaClient, 2000);
const overheads: number[] = [];
for (let round = 0; round < 7; round++) {
  const sign = await cpuPerCall(signOnly, CALLS);
  const full = await cpuPerCall(viaClient, CALLS);
  overheads.push(full - sign);
  console.log(`round ${round + 1}: sign only ${sign.toFixed(1)} µs, client without I/O ${full.toFixed(1)} µs, pipeline ${(full - sign).toFixed(1)} µs`);
}
console.log(`median pipeline overhead: ${[...overheads].sort((a, b) => a - b)[3]!.toFixed(1)} µs CPU per call`);
