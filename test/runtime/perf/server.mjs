// A minimal loopback server for the overhead benchmark, run in its own process so its CPU is not counted.
import { createServer } from "node:http";
const server = createServer((req, res) => {
  req.resume();
  req.on("end", () => {
    res.writeHead(201, { "content-type": "application/json", "x-amzn-requestid": "bench" });
    res.end('{"WidgetId":"w-1"}');
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, "127.0.0.1", () => process.send?.(server.address().port));
process.on("disconnect", () => process.exit(0));
