/**
 * Measurement loops: a bounded number of requests sent one after another (latency distribution and CPU per
 * request) or with a fixed number in flight (throughput). CPU is this process's user + system time from
 * `process.cpuUsage`, so the server's work (in another process) never counts.
 */

/** Sends one request and resolves when its response has been read in full. */
export type Send = () => Promise<unknown>;

export interface SequentialResult {
  /** Per-request wall latency, microseconds, in send order. */
  readonly latenciesUs: number[];
  /** Client CPU for the whole run, microseconds. */
  readonly cpuUs: number;
}

export interface ConcurrentResult {
  readonly requests: number;
  readonly wallMs: number;
  readonly cpuUs: number;
}

function cpuSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return used.user + used.system;
}

/** `count` requests, each started when the previous one finished. */
export async function runSequential(send: Send, count: number): Promise<SequentialResult> {
  const latenciesUs = new Array<number>(count);
  const cpuStart = process.cpuUsage();
  for (let i = 0; i < count; i++) {
    const t0 = process.hrtime.bigint();
    await send();
    latenciesUs[i] = Number(process.hrtime.bigint() - t0) / 1000;
  }
  return { latenciesUs, cpuUs: cpuSince(cpuStart) };
}

/** `total` requests with `inFlight` of them outstanding at any time. */
export async function runConcurrent(send: Send, total: number, inFlight: number): Promise<ConcurrentResult> {
  let started = 0;
  const cpuStart = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  const lane = async (): Promise<void> => {
    while (started < total) {
      started++;
      await send();
    }
  };
  await Promise.all(Array.from({ length: Math.min(inFlight, total) }, lane));
  const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
  return { requests: total, wallMs, cpuUs: cpuSince(cpuStart) };
}

/** The q-quantile (0..1) of the values, nearest-rank. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank] as number;
}

export function median(values: readonly number[]): number {
  return quantile(values, 0.5);
}
