// Fault injection: the --faults syntax, seeded reproducibility, and what clients see for each fault.
import { describe, expect, it } from "vitest";
import { FaultInjector, FaultSpecError, parseFaults } from "../../src/emulator/faults.js";
import { errorType, inspect, send, start, type Reply } from "./helpers.js";

describe("--faults syntax", () => {
  it("parses rates, splits the shorthand keys and reads durations", () => {
    expect(parseFaults("status=0.3,reset=0.1,delay=200ms")).toEqual({
      status500: expect.closeTo(0.1, 12),
      status503: expect.closeTo(0.1, 12),
      status429: expect.closeTo(0.1, 12),
      resetBeforeCommit: 0.05,
      resetAfterCommit: 0.05,
      delayMs: 200,
    });
    expect(parseFaults("429-retry-after=0.5, retry-after=2s, delay=1.5s, delay-rate=0.25")).toEqual({
      status429RetryAfter: 0.5,
      retryAfterSeconds: 2,
      delayMs: 1500,
      delayRate: 0.25,
    });
  });

  it("rejects unknown keys, bad rates and rates adding up to more than 1", () => {
    expect(() => parseFaults("explode=0.1")).toThrow(FaultSpecError);
    expect(() => parseFaults("status=1.5")).toThrow(/between 0 and 1/);
    expect(() => parseFaults("status=abc")).toThrow(FaultSpecError);
    expect(() => parseFaults("500=0.7,reset=0.5")).toThrow(/more than 1/);
    expect(() => parseFaults("delay=fast")).toThrow(/duration/);
    // Longer than a Node timer can wait: refused instead of clamped to 1 ms.
    expect(() => parseFaults("delay=3000000s")).toThrow("delay 3000000000ms is longer than the longest timer Node supports (2147483647ms, about 24.8 days)");
    expect(parseFaults("delay=2147483647ms").delayMs).toBe(2147483647);
    expect(() => parseFaults("reset")).toThrow(/no value/);
  });

  it("draws the same outcomes from the same seed and different ones from another", () => {
    const draw = (seed: number): string[] => {
      const injector = new FaultInjector(parseFaults("status=0.3,reset=0.2"), seed);
      return Array.from({ length: 200 }, () => {
        const { outcome } = injector.next();
        return outcome.kind === "status" ? String(outcome.status) : outcome.kind;
      });
    };
    expect(draw(7)).toEqual(draw(7));
    expect(draw(7)).not.toEqual(draw(8));
    const counts = new Map<string, number>();
    for (const o of draw(7)) counts.set(o, (counts.get(o) ?? 0) + 1);
    // 200 draws at 10% per status and 10% per reset kind: each lands well inside (5, 40).
    for (const kind of ["500", "503", "429", "reset-before-commit", "reset-after-commit"]) {
      expect(counts.get(kind) ?? 0, kind).toBeGreaterThan(5);
      expect(counts.get(kind) ?? 0, kind).toBeLessThan(40);
    }
  });
});

describe("injected faults over HTTP", () => {
  async function outcomes(seed: number, count: number): Promise<string[]> {
    const emulator = await start({ faults: "status=0.45,reset-before=0.15", seed });
    try {
      const seen: string[] = [];
      for (let i = 0; i < count; i++) {
        const reply = await send(emulator).catch((e: NodeJS.ErrnoException) => e);
        seen.push(reply instanceof Error ? `reset:${reply.code ?? reply.message}` : `${reply.status}:${errorType(reply) ?? ""}`);
      }
      return seen;
    } finally {
      await emulator.close();
    }
  }

  it("changes outcomes as configured and replays them from the seed", async () => {
    const first = await outcomes(42, 40);
    expect(await outcomes(42, 40)).toEqual(first);
    const kinds = new Set(first);
    expect(kinds).toContain("201:");
    expect(kinds).toContain("500:InternalServerException");
    expect(kinds).toContain("503:ServiceUnavailableException");
    expect(kinds).toContain("429:ThrottlingException");
    expect([...kinds].some((k) => k.startsWith("reset:"))).toBe(true);
  });

  it("sends Retry-After only on the retry-after kinds", async () => {
    const withHeader = await start({ faults: { status429RetryAfter: 1, retryAfterSeconds: 3 }, seed: 1 });
    const without = await start({ faults: { status503: 1 }, seed: 1 });
    try {
      const a = await send(withHeader);
      expect(a.status).toBe(429);
      expect(a.headers["retry-after"]).toBe("3");
      const b = await send(without);
      expect(b.status).toBe(503);
      expect(b.headers["retry-after"]).toBeUndefined();
    } finally {
      await withHeader.close();
      await without.close();
    }
  });

  it("reset after commit stores the task; a retry with the same token gets it back", async () => {
    const emulator = await start({ faults: { resetAfterCommit: 1 }, seed: 3 });
    try {
      const body = { S3Url: "s3://b/f", OtaType: "ONE_TIME", ClientToken: "retry-me" };
      const failed = await send(emulator, { body }).catch((e: Error) => e);
      expect(failed).toBeInstanceOf(Error);
      const stored = await inspect(emulator);
      expect(stored).toHaveLength(1);
      expect(stored[0]!.ClientToken).toBe("retry-me");
      // Every attempt is reset, but none creates a second task.
      await send(emulator, { body }).catch(() => undefined);
      expect(await inspect(emulator)).toHaveLength(1);
    } finally {
      await emulator.close();
    }
  });

  it("reset before commit stores nothing", async () => {
    const emulator = await start({ faults: { resetBeforeCommit: 1 }, seed: 3 });
    try {
      const failed: Reply | Error = await send(emulator).catch((e: Error) => e);
      expect(failed).toBeInstanceOf(Error);
      expect(await inspect(emulator)).toHaveLength(0);
    } finally {
      await emulator.close();
    }
  });

  it("delays through the injected sleep, at the configured rate", async () => {
    const sleeps: number[] = [];
    const emulator = await start({ faults: "delay=250ms,delay-rate=0.5", seed: 9, sleep: async (ms) => void sleeps.push(ms) });
    try {
      for (let i = 0; i < 20; i++) expect((await send(emulator)).status).toBe(201);
      expect(sleeps.length).toBeGreaterThan(3);
      expect(sleeps.length).toBeLessThan(17);
      expect(new Set(sleeps)).toEqual(new Set([250]));
    } finally {
      await emulator.close();
    }
  });
});
