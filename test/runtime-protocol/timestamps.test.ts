import { describe, expect, it } from "vitest";
import {
  formatDateTime,
  formatEpochSeconds,
  formatHttpDate,
  formatTimestamp,
  parseTimestamp,
  splitTimestampList,
} from "../../src/runtime/protocol/timestamps.js";

const date = new Date(Date.UTC(2019, 11, 16, 23, 48, 18));
const withMillis = new Date(Date.UTC(2019, 11, 16, 23, 48, 18, 520));

describe("timestamp formatting", () => {
  it.each([
    ["date-time", date, "2019-12-16T23:48:18Z"],
    ["date-time", withMillis, "2019-12-16T23:48:18.520Z"],
    ["epoch-seconds", date, "1576540098"],
    ["epoch-seconds", withMillis, "1576540098.52"],
    ["http-date", date, "Mon, 16 Dec 2019 23:48:18 GMT"],
  ] as const)("%s of %s is %s", (format, value, text) => {
    expect(formatTimestamp(value, format)).toBe(text);
  });

  it("writes epoch seconds as a JSON number and the others as strings", () => {
    expect(formatEpochSeconds(withMillis)).toBe(1576540098.52);
    expect(formatDateTime(date)).toBe("2019-12-16T23:48:18Z");
    expect(formatHttpDate(date)).toBe("Mon, 16 Dec 2019 23:48:18 GMT");
  });
});

describe("timestamp parsing", () => {
  it.each([
    ["date-time", "2019-12-16T23:48:18Z", date],
    ["date-time", "2019-12-16T23:48:18.52Z", withMillis],
    ["date-time", "2019-12-17T00:48:18+01:00", date],
    ["epoch-seconds", 1576540098, date],
    ["epoch-seconds", "1576540098.52", withMillis],
    ["http-date", "Mon, 16 Dec 2019 23:48:18 GMT", date],
  ] as const)("%s %j", (format, text, expected) => {
    expect(parseTimestamp(text, format).getTime()).toBe(expected.getTime());
  });

  it.each([
    ["date-time", "yesterday"],
    ["date-time", 1576540098],
    ["epoch-seconds", "soon"],
    ["epoch-seconds", Number.NaN],
    ["http-date", "2019-12-16"],
  ] as const)("rejects %s %j", (format, value) => {
    expect(() => parseTimestamp(value, format)).toThrow(TypeError);
  });

  it("splits HTTP-date lists at every second comma", () => {
    expect(splitTimestampList("Mon, 16 Dec 2019 23:48:18 GMT, Tue, 17 Dec 2019 23:48:18 GMT", "http-date")).toEqual([
      "Mon, 16 Dec 2019 23:48:18 GMT",
      "Tue, 17 Dec 2019 23:48:18 GMT",
    ]);
    expect(splitTimestampList("2019-12-16T23:48:18Z, 2019-12-17T23:48:18Z", "date-time")).toEqual([
      "2019-12-16T23:48:18Z",
      "2019-12-17T23:48:18Z",
    ]);
  });
});
