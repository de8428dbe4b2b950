/**
 * Loads the official SigV4 test suite (aws-c-auth `v4` cases packed as JSON) for the verifier tests, and parses
 * its raw HTTP request texts into the parts the verifier works on.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { RawHeader } from "../../src/emulator/sigv4/canonical.js";
import type { SigV4Case, SigV4Suite } from "../conformance/sigv4.js";

/** A case of suite.json (the format test/conformance/sigv4.ts describes); every case of the official suite has its presigned form. */
export type SuiteCase = SigV4Case & { readonly presigned: NonNullable<SigV4Case["presigned"]> };

export type Suite = Omit<SigV4Suite, "cases"> & { readonly cases: readonly SuiteCase[] };

/** The suite path from `IOTMI_SIGV4_SUITE`, else `../shared/sigv4/suite.json` beside the repository, if present. */
export function suitePath(): string | undefined {
  const fromEnv = process.env["IOTMI_SIGV4_SUITE"];
  if (fromEnv !== undefined && fromEnv !== "") return existsSync(fromEnv) ? fromEnv : undefined;
  const here = dirname(fileURLToPath(import.meta.url));
  const fallback = resolve(here, "../../../shared/sigv4/suite.json");
  return existsSync(fallback) ? fallback : undefined;
}

export function loadSuite(path: string): Suite {
  return JSON.parse(readFileSync(path, "utf8")) as Suite;
}

export interface ParsedRequest {
  readonly method: string;
  readonly path: string;
  readonly query: string;
  readonly headers: RawHeader[];
  readonly body: string;
}

/** Parses the suite's request text: request line, `Name:value` lines (indented lines continue a value), blank line, body. */
export function parseRawRequest(text: string): ParsedRequest {
  const blank = text.indexOf("\n\n");
  const head = blank === -1 ? text : text.slice(0, blank);
  const body = blank === -1 ? "" : text.slice(blank + 2);
  const lines = head.split("\n").filter((line, i, all) => !(i === all.length - 1 && line === ""));
  const requestLine = lines.shift()!;
  const firstSpace = requestLine.indexOf(" ");
  const lastSpace = requestLine.lastIndexOf(" ");
  const method = requestLine.slice(0, firstSpace);
  const target = requestLine.slice(firstSpace + 1, lastSpace);
  const q = target.indexOf("?");
  const headers: RawHeader[] = [];
  for (const line of lines) {
    if (/^\s/.test(line) && headers.length > 0) {
      const [name, value] = headers.pop()!;
      headers.push([name, `${value}\n${line}`]);
      continue;
    }
    const colon = line.indexOf(":");
    headers.push([line.slice(0, colon), line.slice(colon + 1)]);
  }
  return { method, path: q === -1 ? target : target.slice(0, q), query: q === -1 ? "" : target.slice(q + 1), headers, body };
}
