// Generality kept honest: for the official models of other restJson1 services in $IOTMI_SHARED/models, the
// generated client must put on the wire what the official AWS SDK v3 client of the same service puts there, for
// one input per operation (every member set). Skips without the folder.
import { expect, it } from "vitest";
import type { OperationIR } from "../../codegen/ir/types.js";
import { describeOracleModels, type ClientSide } from "./oracle-pair.js";
import { sampleInput } from "./sample-input.js";
import { comparable, type Recorded, type Recorder } from "./wire.js";

describeOracleModels("generated clients against the official SDK v3 clients", ({ ir, sides, recorder }) => {
  const cases = ir.operations.flatMap((op) => [[op.name, op, false] as const, [`${op.name} (required members only)`, op, true] as const]);
  it.each(cases)("%s", async (_name, op: OperationIR, minimal: boolean) => {
    const input = sampleInput(op.input, minimal);
    const { ours, theirs } = sides();
    const a = await capture(recorder(), ours, op.name, input);
    const b = await capture(recorder(), theirs, op.name, input);
    expect(a.error === undefined, `generated client: ${a.error}; SDK: ${b.error}`).toBe(b.error === undefined);
    if (a.request !== undefined || b.request !== undefined) expect(a.request && comparable(a.request)).toEqual(b.request && comparable(b.request));
  });
});

async function capture(recorder: Recorder, side: ClientSide, name: string, input: object): Promise<{ request?: Recorded; error?: string }> {
  const before = recorder.requests.length;
  const Command = side.module[`${name}Command`] as new (input: object) => unknown;
  let error: string | undefined;
  try {
    await side.client.send(new Command(structuredClone(input)));
  } catch (e) {
    error = String(e);
  }
  const request = recorder.requests[before];
  // Failing to read the recorder's `{}` answer is fine; failing before sending is compared.
  return request === undefined ? { error: error ?? "no request" } : { request };
}
