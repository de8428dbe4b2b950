/**
 * One client scenario in a process of its own: warms up, sends a bounded number of requests one after another and
 * then with a fixed number in flight, and prints one JSON line with what it measured. `main.ts` starts one such
 * process per scenario per round, so that no scenario shares a heap or JIT-compiled code with another: in one
 * shared process the figures depended on which other scenarios had run there (the same client build measured
 * 1.07× or 1.18× floor+sign depending on whether another scenario had warmed the signer code it shares).
 *
 * Usage (from main.ts): scenario-process.ts <scenario name> <port> <warm-up> <sequential> <concurrent> <in flight>
 */
import { type Found, firstLine } from "./locate.js";
import { runConcurrent, runSequential } from "./measure.js";
import { type Prepared, SCENARIOS } from "./scenarios.js";

/** What one process reports; `main.ts` sums and pools these over rounds. */
export type ScenarioReport =
  | {
      readonly ok: true;
      readonly from: string;
      readonly seqCpuUs: number;
      readonly seqRequests: number;
      readonly latenciesUs: number[];
      readonly concCpuUs: number;
      readonly concRequests: number;
      readonly concWallMs: number;
    }
  | { readonly ok: false; readonly reason: string };

/** The AWS SDK warns once about Node 20 support; it says nothing about the figures, so it is dropped. */
function quietSdkWarning(): void {
  process.removeAllListeners("warning");
  process.on("warning", (warning) => {
    if (!warning.message.startsWith("NodeVersionSupportWarning")) console.error(`${warning.name}: ${warning.message}`);
  });
}

async function run(): Promise<ScenarioReport> {
  const [name, portText, warmupText, seqText, concText, inFlightText] = process.argv.slice(2);
  const [port, warmup, sequential, concurrent, inFlight] = [portText, warmupText, seqText, concText, inFlightText].map(Number);
  const scenario = SCENARIOS.find((s) => s.name === name);
  if (scenario === undefined || port === undefined || warmup === undefined || sequential === undefined || concurrent === undefined || inFlight === undefined) {
    return { ok: false, reason: `bad arguments: ${process.argv.slice(2).join(" ")}` };
  }
  const prepared: Found<Prepared> = await scenario.prepare(port);
  if (!prepared.ok) return prepared;
  const { send, close, from } = prepared.value;
  try {
    // Warm both loops: the JIT, and the keep-alive pool up to `inFlight` sockets, so no connection set-up is measured.
    await runConcurrent(send, Math.max(warmup, inFlight), inFlight);
    await runSequential(send, warmup);
    const seq = await runSequential(send, sequential);
    const conc = await runConcurrent(send, concurrent, inFlight);
    return {
      ok: true,
      from,
      seqCpuUs: seq.cpuUs,
      seqRequests: sequential,
      latenciesUs: seq.latenciesUs,
      concCpuUs: conc.cpuUs,
      concRequests: conc.requests,
      concWallMs: conc.wallMs,
    };
  } finally {
    close();
  }
}

quietSdkWarning();
run()
  .catch((error: unknown): ScenarioReport => ({ ok: false, reason: firstLine(error) }))
  .then((report) => {
    process.stdout.write(`${JSON.stringify(report)}\n`);
  });
