/** The runtime index exports what generated clients and commands call. */
import { describe, expect, it } from "vitest";
import * as runtime from "../../src/runtime/index.js";

describe("runtime index", () => {
  it("exports what generated clients and commands call", () => {
    for (const name of ["resolveClientConfig", "resolveOperationHandler", "evaluateEndpointRules", "InputValidationError", "NetworkError", "TimeoutError", "AbortError", "NodeHttpRequestHandler", "Command"]) {
      expect(typeof (runtime as Record<string, unknown>)[name]).toBe("function");
    }
  });
});
