/**
 * The benchmark's loopback server, run in its own child process so that its CPU never counts against the
 * client being measured. It answers every request the way the service answers a successful CreateOtaTask:
 * 201 with a small canned JSON body, after reading the request body in full. Keep-alive stays on so the
 * client scenarios measure request cost, not connection set-up.
 *
 * Protocol with the parent: prints one JSON line `{"port": N}` once listening; exits when stdin closes.
 */
import { createServer } from "node:http";

const BODY = Buffer.from(
  JSON.stringify({
    TaskId: "bench-0123456789abcdef",
    TaskArn: "arn:aws:iotmanagedintegrations:us-east-1:123456789012:ota-task/bench-0123456789abcdef",
    Description: "Firmware 2 rollout",
  }),
);
const HEADERS = {
  "content-type": "application/json",
  "content-length": String(BODY.length),
  "x-amzn-requestid": "00000000-0000-4000-8000-000000000000",
};

const server = createServer({ keepAliveTimeout: 60_000 }, (request, response) => {
  // Drain the body before answering, as a real service does; the content is not needed.
  request.on("data", () => {});
  request.on("end", () => {
    response.writeHead(201, HEADERS);
    response.end(BODY);
  });
});
server.keepAliveTimeout = 60_000;
server.headersTimeout = 65_000;

server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("server has no TCP address");
  process.stdout.write(`${JSON.stringify({ port: address.port })}\n`);
});

// The parent closes our stdin when it is done (or dies): stop then, so no server outlives the bench.
process.stdin.resume();
process.stdin.on("end", () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
