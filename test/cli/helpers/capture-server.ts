/**
 * A real loopback HTTP server for CLI tests: records every request (method, path, headers, body) and answers
 * with a canned response that each test chooses.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface CapturedRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
}

export interface CannedResponse {
  readonly status: number;
  readonly headers?: Record<string, string>;
  readonly body: string;
}

export interface CaptureServer {
  readonly url: string;
  readonly requests: CapturedRequest[];
  /** The response the next requests get; a list answers them in turn, its last entry repeating. */
  respond(response: CannedResponse | readonly CannedResponse[]): void;
  close(): Promise<void>;
}

export const DEFAULT_OUTPUT = {
  TaskId: "abc123",
  TaskArn: "arn:aws:iotmanagedintegrations:us-east-1:123456789012:ota-task/abc123",
  Description: "hello",
};

/** Starts a capture server on 127.0.0.1 with an ephemeral port. */
export async function startCaptureServer(): Promise<CaptureServer> {
  const requests: CapturedRequest[] = [];
  let canned: readonly CannedResponse[] = [{ status: 201, headers: { "content-type": "application/json" }, body: JSON.stringify(DEFAULT_OUTPUT) }];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      requests.push({ method: req.method ?? "", path: req.url ?? "", headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
      const answer = canned[Math.min(requests.length, canned.length) - 1]!;
      res.writeHead(answer.status, answer.headers ?? {});
      res.end(answer.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    respond: (response) => {
      canned = Array.isArray(response) ? (response as readonly CannedResponse[]) : [response as CannedResponse];
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
