/**
 * The operations emitter: one `<Op>Spec` per operation wiring validator, serde and redaction, plus the
 * operation traits the runtime acts on (checksum, compression) when the IR carries them.
 */
import { describe, expect, it } from "vitest";
import { emitOperations } from "../../codegen/emit/operations.js";
import { ZOO_MODEL } from "./protocol-zoo-model.js";
import { emitToMemory, irOf } from "./serde-harness.js";

describe("emitOperations", () => {
  it("writes one typed spec per operation, in the IR's order", () => {
    const text = emitToMemory(irOf(ZOO_MODEL), [emitOperations]).get("operations.ts") ?? "";
    const specs = [...text.matchAll(/export const (\w+): OperationSpec<(\w+), (\w+)>/g)].map((m) => m.slice(1).join(" "));
    expect(specs).toEqual([
      "CheckSpec CheckInput CheckOutput",
      "GetBlobSpec GetBlobInput GetBlobOutput",
      "HostOpSpec HostOpInput HostOpOutput",
      "PutTextSpec PutTextInput PutTextOutput",
      "PutWidgetSpec PutWidgetInput PutWidgetOutput",
    ]);
    expect(text).toContain("validate: validatePutWidgetInput,\n  serialize: serializePutWidgetRequest,\n  deserialize: deserializePutWidgetResponse,");
    expect(text).not.toContain("httpChecksumRequired");
  });

  it("passes checksum and compression traits to the runtime when the IR has them", () => {
    const ir = irOf(ZOO_MODEL);
    const operations = ir.operations.map((op) => (op.name === "PutText" ? { ...op, httpChecksumRequired: true, requestCompression: ["gzip"] } : op));
    const text = emitToMemory({ ...ir, operations }, [emitOperations]).get("operations.ts") ?? "";
    expect(text).toContain('httpChecksumRequired: true,\n  requestCompression: ["gzip"],');
    expect(text.match(/httpChecksumRequired/g)).toHaveLength(1);
  });
});
