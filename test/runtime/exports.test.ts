/**
 * The runtime index re-exports every protocol helper generated code imports (the list is explicit, so this
 * catches drift when protocol/ gains or renames a helper).
 */
import { describe, expect, it } from "vitest";
import * as runtime from "../../src/runtime/index.js";
import * as protocol from "../../src/runtime/protocol/index.js";

describe("runtime index", () => {
  it("re-exports every value export of protocol/", () => {
    const missing = Object.keys(protocol).filter((name) => (runtime as Record<string, unknown>)[name] !== (protocol as Record<string, unknown>)[name]);
    expect(missing).toEqual([]);
  });

  it("exports what generated clients and commands call", () => {
    for (const name of ["resolveClientConfig", "resolveOperationHandler", "evaluateEndpointRules", "InputValidationError", "NetworkError", "TimeoutError", "AbortError", "NodeHttpRequestHandler", "Command"]) {
      expect(typeof (runtime as Record<string, unknown>)[name]).toBe("function");
    }
  });
});
