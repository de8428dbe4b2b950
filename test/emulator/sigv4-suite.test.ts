// The emulator's SigV4 verifier against the official aws-c-auth `v4` suite: every stage of every case, every
// signed case accepted, and any single changed byte of a signed header, the path, the query or the body
// rejected. Cases Node's HTTP parser can carry are also sent over a real socket.
import { createServer, type Server } from "node:http";
import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readRequest } from "../../src/emulator/http-request.js";
import { checkCanonical, checkTampering, checkVerifies, verifierFor } from "./sigv4-conformance.js";
import { loadSuite, suitePath, type Suite, type SuiteCase } from "./sigv4-suite.js";

const path = suitePath();
if (path === undefined) {
  console.warn("SigV4 suite not found: set IOTMI_SIGV4_SUITE to ../shared/sigv4/suite.json to run the conformance tests");
}
const suite: Suite | undefined = path === undefined ? undefined : loadSuite(path);
const cases = suite?.cases ?? [];

describe.skipIf(suite === undefined)("SigV4 suite: the emulator's verifier", () => {
  it("has the 38 cases", () => {
    expect(cases).toHaveLength(38);
  });

  for (const c of cases) {
    it(`${c.name}: canonical request, string to sign and signature match (header and presigned)`, () => {
      expect(checkCanonical(suite!, c)).toEqual([]);
    });

    it(`${c.name}: the signed request verifies (header and presigned)`, () => {
      expect(checkVerifies(suite!, c)).toEqual([]);
    });

    it(`${c.name}: any single changed byte of a signed header value, the path, the query or the body is refused`, () => {
      const { failures, attempts } = checkTampering(suite!, c);
      expect(failures).toEqual([]);
      expect(attempts).toBeGreaterThan(0);
    });
  }
});

// Over a real socket: the verifier reads rawHeaders and the undecoded path as Node delivers them.
describe.skipIf(suite === undefined)("SigV4 suite over a real socket", () => {
  let server: Server;
  let port = 0;
  let current: SuiteCase | undefined;

  beforeAll(async () => {
    server = createServer((req, res) => {
      readRequest(req, 1 << 20).then(
        (received) => {
          const result = verifierFor(suite!, current!).verify(received);
          res.writeHead(result.ok ? 200 : 403, { "content-type": "text/plain" });
          res.end(result.ok ? "ok" : result.code);
        },
        () => {
          res.writeHead(500);
          res.end();
        },
      );
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as { port: number }).port;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  /** Sends a raw request (suite newlines turned into CRLF) and returns the status line's code. */
  function sendRaw(text: string): Promise<number> {
    const blank = text.indexOf("\n\n");
    const head = (blank === -1 ? text.replace(/\n+$/, "") : text.slice(0, blank)).split("\n").join("\r\n");
    const body = blank === -1 ? "" : text.slice(blank + 2);
    const hasLength = /\ncontent-length:/i.test(head);
    const wire = `${head}${hasLength ? "" : `\r\nContent-Length: ${Buffer.byteLength(body)}`}\r\nConnection: close\r\n\r\n${body}`;
    return new Promise((resolve, reject) => {
      const socket = connect(port, "127.0.0.1", () => socket.end(wire));
      let data = "";
      socket.on("data", (d: Buffer) => (data += d.toString("latin1")));
      socket.on("error", reject);
      socket.on("close", () => resolve(Number(/^HTTP\/1\.1 (\d{3})/.exec(data)?.[1] ?? 0)));
    });
  }

  // Node rejects raw spaces and non-ASCII bytes in the request line and obsolete header folding; those cases
  // are covered by the function-level tests above.
  const carriable = cases.filter((c) => {
    const line = c.request.split("\n")[0]!;
    const target = line.slice(line.indexOf(" ") + 1, line.lastIndexOf(" "));
    return /^[\x21-\x7e]+$/.test(target) && !/\n[ \t]/.test(c.request);
  });

  it("carries most cases", () => {
    expect(carriable.length).toBeGreaterThanOrEqual(30);
  });

  for (const c of carriable) {
    it(`${c.name}: accepted as sent, rejected with one changed signature byte`, async () => {
      current = c;
      expect(await sendRaw(c.signedRequest)).toBe(200);
      const tampered = c.signedRequest.replace(/Signature=([0-9a-f])/, (_m, d: string) => `Signature=${d === "0" ? "1" : "0"}`);
      expect(await sendRaw(tampered)).toBe(403);
    });
  }
});
