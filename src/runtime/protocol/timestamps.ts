/**
 * Timestamps on the restJson1 wire: the three Smithy formats (`date-time`, `epoch-seconds`, `http-date`),
 * in both directions. Parsing reuses the strict parsers of `@smithy/core/serde`, which the client loads
 * anyway through `@smithy/smithy-client`, so they cost no extra start-up time.
 */
import {
  dateToUtcString,
  parseEpochTimestamp,
  parseRfc3339DateTimeWithOffset,
  parseRfc7231DateTime,
  splitEvery,
} from "@smithy/core/serde";

/** A Smithy timestamp format. @public */
export type TimestampFormat = "date-time" | "epoch-seconds" | "http-date";

/**
 * RFC 3339 in UTC, with milliseconds only when there are some (`2019-12-16T23:48:18Z`).
 * @internal
 */
export function formatDateTime(date: Date): string {
  return date.toISOString().replace(".000Z", "Z");
}

/**
 * Seconds since the epoch, fractional when the date has milliseconds (`1576540098.52`).
 * @internal
 */
export function formatEpochSeconds(date: Date): number {
  return date.getTime() / 1000;
}

/**
 * IMF-fixdate (`Mon, 16 Dec 2019 23:48:18 GMT`).
 * @internal
 */
export function formatHttpDate(date: Date): string {
  return dateToUtcString(date);
}

/**
 * Formats a timestamp as text (headers, query strings, labels); epoch seconds become their decimal text.
 * @internal
 */
export function formatTimestamp(date: Date, format: TimestampFormat): string {
  switch (format) {
    case "date-time":
      return formatDateTime(date);
    case "epoch-seconds":
      return String(formatEpochSeconds(date));
    case "http-date":
      return formatHttpDate(date);
  }
}

/**
 * Parses a timestamp in the given format from a JSON value or header/query text. Throws a `TypeError`
 * when the value does not have that format.
 * @internal
 */
export function parseTimestamp(value: unknown, format: TimestampFormat): Date {
  let date: Date | undefined;
  switch (format) {
    case "date-time":
      if (typeof value !== "string") throw new TypeError(`expected an RFC 3339 date-time string, got ${typeof value}`);
      date = parseRfc3339DateTimeWithOffset(value);
      break;
    case "epoch-seconds":
      date = parseEpochTimestamp(value);
      break;
    case "http-date":
      if (typeof value !== "string") throw new TypeError(`expected an HTTP date string, got ${typeof value}`);
      date = parseRfc7231DateTime(value);
      break;
  }
  if (date === undefined || Number.isNaN(date.getTime())) throw new TypeError(`invalid ${format} timestamp`);
  return date;
}

/**
 * Splits a header that carries a list of timestamps. HTTP dates contain a comma themselves, so that list
 * is cut at every second comma.
 * @internal
 */
export function splitTimestampList(value: string, format: TimestampFormat): string[] {
  const parts = format === "http-date" ? splitEvery(value, ",", 2) : value.split(",");
  return parts.map((part) => part.trim());
}
