/**
 * Memory of one client over many calls, in a process of its own (started by main.ts with --expose-gc): after a
 * warm-up, the heap and RSS after a full garbage collection, then again after every tenth of `calls` calls at
 * `inFlight` in flight. Heap growth after warm-up says whether a call leaves anything behind. Every response
 * body the HTTP handler returns is watched (FinalizationRegistry): after the calls and a collection, the bodies
 * still reachable are ones the client kept after deserialising them.
 *
 * Usage: memory.ts <port> <warm-up calls> <calls> <in flight>; prints one JSON line (MemoryReport).
 */
import { loadIotmi } from "./locate.js";
import { runConcurrent } from "./measure.js";
import { createOtaTaskInput, CREDENTIALS, REGION } from "./workload.js";

export interface MemoryReport {
  readonly ok: boolean;
  readonly reason?: string;
  readonly from?: string;
  /** After the warm-up and a full collection. */
  readonly heapAfterWarmupBytes?: number;
  readonly rssAfterWarmupBytes?: number;
  /** After each tenth of the calls and a full collection. */
  readonly checkpoints?: readonly { readonly calls: number; readonly heapBytes: number; readonly rssBytes: number }[];
  readonly bodiesWatched?: number;
  readonly bodiesStillReachable?: number;
}

interface RequestHandlerLike {
  handle(request: unknown, options?: unknown): Promise<{ response: { body?: unknown } }>;
  destroy?(): void;
}

async function collect(): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) throw new Error("run with --expose-gc");
  // Two passes with a turn of the event loop between them, so that finalizers and weak cells settle.
  gc();
  await new Promise((resolve) => setImmediate(resolve));
  gc();
}

async function run(): Promise<MemoryReport> {
  const [port, warmup, calls, inFlight] = process.argv.slice(2).map(Number) as [number, number, number, number];
  const found = await loadIotmi();
  if (!found.ok) return { ok: false, reason: found.reason };
  const runtime = (await import(new URL(found.from.startsWith("dist/node/") ? "../dist/node/runtime.js" : "../src/runtime/index.ts", import.meta.url).href)) as {
    NodeHttpRequestHandler: new () => RequestHandlerLike;
  };
  let alive = 0;
  let watched = 0;
  const registry = new FinalizationRegistry<undefined>(() => alive--);
  const inner = new runtime.NodeHttpRequestHandler();
  // The built-in handler, watching each response body it hands to the client.
  const requestHandler: RequestHandlerLike = {
    handle: async (request, options) => {
      const result = await inner.handle(request, options);
      const body = result.response.body;
      if (typeof body === "object" && body !== null) {
        registry.register(body, undefined);
        alive++;
        watched++;
      }
      return result;
    },
    destroy: () => inner.destroy?.(),
  };
  const { IoTManagedIntegrationsClient, CreateOtaTaskCommand } = found.value;
  const client = new IoTManagedIntegrationsClient({ region: REGION, endpoint: `http://127.0.0.1:${port}`, credentials: CREDENTIALS, requestHandler });
  const send = (): Promise<unknown> => client.send(new CreateOtaTaskCommand(createOtaTaskInput()));
  try {
    await runConcurrent(send, warmup, inFlight);
    await collect();
    const afterWarmup = process.memoryUsage();
    const checkpoints: { calls: number; heapBytes: number; rssBytes: number }[] = [];
    const step = Math.max(1, Math.floor(calls / 10));
    for (let done = 0; done < calls; done += step) {
      await runConcurrent(send, Math.min(step, calls - done), inFlight);
      await collect();
      const usage = process.memoryUsage();
      checkpoints.push({ calls: Math.min(done + step, calls), heapBytes: usage.heapUsed, rssBytes: usage.rss });
    }
    await collect();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await collect();
    return {
      ok: true,
      from: found.from,
      heapAfterWarmupBytes: afterWarmup.heapUsed,
      rssAfterWarmupBytes: afterWarmup.rss,
      checkpoints,
      bodiesWatched: watched,
      bodiesStillReachable: alive,
    };
  } finally {
    client.destroy();
  }
}

run()
  .catch((error: unknown): MemoryReport => ({ ok: false, reason: error instanceof Error ? error.message : String(error) }))
  .then((report) => process.stdout.write(`${JSON.stringify(report)}\n`));
