// The conformance runner's judgement, on hand-written specs: what counts as a matching request, output,
// error and endpoint, and that each kind of mismatch is reported with a reason.
import { HttpRequest } from "@smithy/protocol-http";
import { describe, expect, it } from "vitest";
import { firstDifference, jsonDifference, utf8 } from "../conformance/compare.js";
import {
  checkRequestCase,
  checkResponseCase,
  FIXED_IDEMPOTENCY_TOKEN,
  sendThroughSpec,
  type RequestCase,
  type ResponseCase,
  type SpecLike,
  type SpecLookup,
} from "../conformance/http-checks.js";
import { formatReport, outcomeOf, totalLine, type TestResult } from "../conformance/report.js";
import { startWireTap, wireToRequest } from "../conformance/wire.js";
import { NodeHttpRequestHandler } from "../../src/runtime/index.js";

interface Ctx {
  endpoint: { protocol: string; hostname: string; path: string };
  generateIdempotencyToken: () => string;
}

/** A tiny hand-written restJson1 serializer for `POST {base}/things/{Id}?mode=…` with a JSON body. */
const thingSpec: SpecLike = {
  serialize: ((input: { Id: string; Mode?: string; Note?: string; Token?: string }, ctx: Ctx) =>
    new HttpRequest({
      method: "POST",
      protocol: ctx.endpoint.protocol,
      hostname: `data.${ctx.endpoint.hostname}`,
      path: `${ctx.endpoint.path === "/" ? "" : ctx.endpoint.path}/things/${encodeURIComponent(input.Id)}`,
      query: input.Mode === undefined ? {} : { mode: input.Mode, tag: ["a b", "c"] },
      headers: { "content-type": "application/json", "x-note": input.Note ?? "none" },
      body: JSON.stringify({ token: input.Token ?? ctx.generateIdempotencyToken(), b: 1, a: [1, 2] }),
    })) as never,
  deserialize: ((response: { statusCode: number; headers: Record<string, string>; body: Uint8Array }) => {
    const body = JSON.parse(new TextDecoder().decode(response.body)) as Record<string, unknown>;
    if (response.statusCode >= 400) {
      const error = new (class ThingMissing extends Error {
        override name = "ThingMissing";
        Reason = body["Reason"];
      })("missing");
      throw error;
    }
    return { When: new Date(Number(body["When"]) * 1000), Data: utf8(String(body["Data"])), Header: response.headers["x-h"] };
  }) as never,
};

const specs: SpecLookup = (name) => (name === "ThingSpec" ? thingSpec : `no ${name}`);
const viaSpec = sendThroughSpec(specs);

function requestCase(overrides: Partial<RequestCase["expect"]> & { input?: object; host?: string } = {}): RequestCase {
  const { input, host, ...expect } = overrides;
  return {
    id: "Case",
    operation: "Thing",
    specName: "ThingSpec",
    input: () => input ?? { Id: "a/b", Mode: "fast", Note: "n" },
    host: host ?? "example.com",
    expect: {
      method: "POST",
      uri: "/things/a%2Fb",
      queryParams: ["mode=fast", "tag=a%20b", "tag=c"],
      headers: { "Content-Type": "application/json", "X-Note": "n" },
      body: `{"a":[1,2],"b":1,"token":"${FIXED_IDEMPOTENCY_TOKEN}"}`,
      bodyMediaType: "application/json",
      ...expect,
    },
  };
}

describe("request cases", () => {
  it("passes when method, path, query, headers and JSON body match (key order ignored, token fixed)", async () => {
    expect(await checkRequestCase(requestCase(), viaSpec)).toBeUndefined();
  });

  it("reports each kind of mismatch", async () => {
    expect(await checkRequestCase(requestCase({ method: "PUT" }), viaSpec)).toMatch(/method: expected PUT, got "POST"/);
    expect(await checkRequestCase(requestCase({ uri: "/things/a/b" }), viaSpec)).toMatch(/uri: expected "\/things\/a\/b"/);
    expect(await checkRequestCase(requestCase({ queryParams: ["mode=slow"] }), viaSpec)).toMatch(/query: missing mode=slow/);
    expect(await checkRequestCase(requestCase({ queryParams: ["tag=c", "tag=c"] }), viaSpec)).toMatch(/query: missing tag=c/);
    expect(await checkRequestCase(requestCase({ forbidQueryParams: ["mode"] }), viaSpec)).toMatch(/mode is forbidden/);
    expect(await checkRequestCase(requestCase({ requireQueryParams: ["other"] }), viaSpec)).toMatch(/other is required/);
    expect(await checkRequestCase(requestCase({ headers: { "X-Note": "m" } }), viaSpec)).toMatch(/header X-Note: expected "m", got "n"/);
    expect(await checkRequestCase(requestCase({ forbidHeaders: ["x-note"] }), viaSpec)).toMatch(/x-note is forbidden/);
    expect(await checkRequestCase(requestCase({ requireHeaders: ["Content-Length"] }), viaSpec)).toMatch(/Content-Length is required/);
    expect(await checkRequestCase(requestCase({ body: '{"a":[2,1],"b":1}' }), viaSpec)).toMatch(/body\.a\[0\]: expected 2, got 1/);
    expect(await checkRequestCase(requestCase({ resolvedHost: "example.com" }), viaSpec)).toMatch(/host: expected example.com, got "data.example.com"/);
  });

  it("compares non-JSON bodies byte for byte", async () => {
    const wrong = await checkRequestCase(requestCase({ bodyMediaType: "application/octet-stream", body: '{"b":1}' }), viaSpec);
    expect(wrong).toMatch(/^body: expected/);
  });

  it("passes the host's path as the endpoint path and checks the resolved host", async () => {
    const result = await checkRequestCase(requestCase({ host: "example.com/base", uri: "/base/things/a%2Fb", resolvedHost: "data.example.com" }), viaSpec);
    expect(result).toBeUndefined();
  });

  it("fails on a missing spec, a generation problem, or a throwing serializer, with the reason", async () => {
    expect(await checkRequestCase({ ...requestCase(), specName: "OtherSpec" }, viaSpec)).toBe("no OtherSpec");
    expect(await checkRequestCase({ ...requestCase(), emitError: "params.X: no member X" }, viaSpec)).toMatch(/could not be generated: params.X/);
    const throwing: SpecLike = { ...thingSpec, serialize: (() => { throw new TypeError("no Id"); }) as never };
    const outcome = await outcomeOf(() => checkRequestCase(requestCase(), sendThroughSpec(() => throwing)));
    expect(outcome).toEqual({ status: "fail", reason: "threw TypeError: no Id" });
  });
});

function responseCase(overrides: Partial<ResponseCase> = {}): ResponseCase {
  return {
    id: "Out",
    specName: "ThingSpec",
    members: ["When", "Data", "Header"],
    response: { code: 200, headers: { "X-H": "v" }, body: '{"When":1.5,"Data":"hi"}' },
    expected: () => ({ When: new Date(1500), Data: utf8("hi"), Header: "v" }),
    ...overrides,
  };
}

describe("response cases", () => {
  it("passes when every member matches (dates by instant, blobs by bytes, header names lower-cased)", async () => {
    expect(await checkResponseCase(responseCase(), specs)).toBeUndefined();
  });

  it("fails on a different or extra member", async () => {
    expect(await checkResponseCase(responseCase({ expected: () => ({ When: new Date(1501), Data: utf8("hi"), Header: "v" }) }), specs)).toMatch(
      /output.When: expected 1970-01-01T00:00:01.501Z/,
    );
    expect(await checkResponseCase(responseCase({ expected: () => ({ When: new Date(1500), Data: utf8("hi") }) }), specs)).toMatch(
      /output.Header: expected absent, got "v"/,
    );
  });

  it("checks a thrown error's name, class and members", async () => {
    const error = responseCase({
      error: "ThingMissing",
      members: ["Reason"],
      response: { code: 404, body: '{"Reason":"gone"}' },
      expected: () => ({ Reason: "gone" }),
    });
    expect(await checkResponseCase(error, specs)).toBeUndefined();
    expect(await checkResponseCase({ ...error, expected: () => ({ Reason: "here" }) }, specs)).toMatch(/error.Reason: expected "here", got "gone"/);
    expect(await checkResponseCase({ ...error, error: "OtherError" }, specs)).toMatch(/expected error OtherError, got ThingMissing/);
    expect(await checkResponseCase({ ...error, response: { code: 200, body: '{"When":1}' } }, specs)).toMatch(/expected ThingMissing to be thrown/);
  });
});

describe("value comparison", () => {
  it("treats NaN as equal to NaN, null as different from absent, and compares JSON as values", () => {
    expect(firstDifference({ a: Number.NaN }, { a: Number.NaN })).toBeUndefined();
    expect(firstDifference({ a: null }, { a: undefined })).toMatch(/expected absent, got null/);
    expect(firstDifference([null], [null])).toBeUndefined();
    expect(jsonDifference('{"b":1,"a":{"c":[true]}}', '{"a":{"c":[true]},"b":1}')).toBeUndefined();
    expect(jsonDifference('{"a":1}', '{"a":1,"b":null}')).toMatch(/body.b: expected null/);
    expect(jsonDifference("not json", "{}")).toMatch(/body is not JSON/);
  });
});

describe("report", () => {
  it("prints one line per failure, per-suite counts and the total last", () => {
    const results: TestResult[] = [
      { suite: "s1", id: "A", outcome: { status: "pass" } },
      { suite: "s1", id: "B", outcome: { status: "fail", reason: "line one\nline two" } },
      { suite: "s2", id: "C", outcome: { status: "skip", reason: "documented gap" } },
    ];
    expect(formatReport(results)).toEqual([
      "FAIL [s1] B: line one ⏎ line two",
      "SKIP [s2] C: documented gap",
      "s1: 1 passed, 1 failed, 0 skipped",
      "s2: 0 passed, 0 failed, 1 skipped",
      "1 passed, 1 failed, 1 skipped",
    ]);
    expect(totalLine({ passed: 244, failed: 0, skipped: 0 })).toBe("244 passed, 0 failed, 0 skipped");
  });
});

describe("wire tap", () => {
  it("records what the runtime's HTTP handler sends and reads it back pair by pair", async () => {
    const tap = await startWireTap();
    try {
      const next = tap.next();
      const request = new HttpRequest({
        method: "PUT",
        protocol: "http:",
        hostname: "127.0.0.1",
        port: tap.port,
        path: "/a%2Fb",
        query: { k: ["x&y=z", "2"], flag: null as unknown as string },
        headers: { "x-list": "a, b", "content-length": "2" },
        body: "hi",
      });
      const response = await new NodeHttpRequestHandler({ keepAlive: false }).handle(request);
      expect(response.response.statusCode).toBe(200);
      const wire = await next;
      expect(wire.target).toBe("/a%2Fb?k=x%26y%3Dz&k=2&flag");
      const read = wireToRequest(wire, "example.com");
      expect(read).toMatchObject({ method: "PUT", hostname: "example.com", path: "/a%2Fb", query: { k: ["x&y=z", "2"], flag: [""] } });
      expect(read.headers).toMatchObject({ "x-list": "a, b", "content-length": "2" });
      expect(new TextDecoder().decode(read.body as Uint8Array)).toBe("hi");
    } finally {
      await tap.close();
    }
  });
});
