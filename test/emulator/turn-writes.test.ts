// The pipeline's end-of-turn answer writes: the batching itself, and the emulator answering under fake timers.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Emulator } from "../../src/emulator/index.js";
import { TurnWrites } from "../../src/emulator/turn-writes.js";
import { send, start } from "./helpers.js";

describe("TurnWrites", () => {
  it("makes the writes queued in one turn after that turn's code, together and in order", async () => {
    const writes = new TurnWrites();
    const order: string[] = [];
    const first = writes.queue(() => order.push("a"));
    const second = writes.queue(() => order.push("b"));
    order.push("rest of the turn");
    await Promise.resolve();
    expect(order).toEqual(["rest of the turn"]);
    await Promise.all([first, second]);
    expect(order).toEqual(["rest of the turn", "a", "b"]);
    // A later turn gets a batch of its own.
    await writes.queue(() => order.push("c"));
    expect(order).toEqual(["rest of the turn", "a", "b", "c"]);
  });

  it("with afterCallback, makes the writes once the callback's promise continuations have all run, before the next turn", async () => {
    const writes = new TurnWrites();
    const order: string[] = [];
    let queued = 0;
    await new Promise<void>((done) => {
      setImmediate(() => {
        // Like the commits one log write resolves: continuations of one event, reaching their answer in 1, 3 and 5 hops.
        const hops = (n: number): Promise<void> => (n === 0 ? Promise.resolve() : Promise.resolve().then(() => hops(n - 1)));
        for (const [name, depth] of [["a", 1], ["b", 3], ["c", 5]] as const) {
          void hops(depth).then(() => {
            queued++;
            return writes.queue(() => order.push(`${name} after ${queued} queued`), true);
          });
        }
        setImmediate(() => {
          order.push("next turn");
          done();
        });
      });
    });
    expect(order).toEqual(["a after 3 queued", "b after 3 queued", "c after 3 queued", "next turn"]);
  });

  it("rejects only the promise of a write that threw; the others in its batch are made", async () => {
    const writes = new TurnWrites();
    const made: number[] = [];
    const results = await Promise.allSettled([
      writes.queue(() => made.push(1)),
      writes.queue(() => {
        throw new Error("bad header");
      }),
      writes.queue(() => made.push(3)),
    ]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect(made).toEqual([1, 3]);
  });
});

describe("an emulator inside a test that fakes setImmediate", () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await start();
  });
  afterAll(() => emulator.close());

  it("still answers (its end-of-turn writes use node:timers' own setImmediate)", async () => {
    vi.useFakeTimers({ toFake: ["setImmediate"] });
    try {
      expect((await send(emulator, {})).status).toBe(201);
      expect((await send(emulator, { body: { S3Url: "not a url" } })).status).toBe(400);
    } finally {
      vi.useRealTimers();
    }
  }, 10_000);
});
