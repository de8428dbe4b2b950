/**
 * Where a scenario's client CPU goes: samples the V8 CPU profiler (node:inspector, in this process) while the
 * scenario sends a bounded number of requests, then sums self time per source group (an npm package, a
 * folder of iotmi, or Node's own internals) so that costs can be traced to the code that causes them.
 */
import { Session } from "node:inspector/promises";
import type { Send } from "./measure.js";
import { ROOT } from "./locate.js";

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly url: string; readonly functionName: string };
  readonly hitCount?: number;
}
interface Profile {
  readonly nodes: readonly ProfileNode[];
}

export interface ProfileShare {
  readonly group: string;
  /** Share of all samples (idle included), 0..1. Sampling slows the code, so shares matter, not durations. */
  readonly share: number;
}

function groupOf(url: string, functionName: string): string {
  if (url === "") return functionName.startsWith("(") ? functionName : "(native)";
  const path = decodeURIComponent(url.replace(/^file:\/\//, ""));
  const nm = path.lastIndexOf("node_modules/");
  if (nm >= 0) {
    const parts = path.slice(nm + "node_modules/".length).split("/");
    return parts[0]?.startsWith("@") ? `${parts[0]}/${parts[1]}` : (parts[0] ?? path);
  }
  if (path.startsWith("node:")) return `node:${path.slice(5).split("/")[0] ?? ""}`;
  if (path.startsWith(ROOT)) {
    const parts = path.slice(ROOT.length + 1).split("/");
    return parts.length > 2 ? `iotmi/${parts[0]}/${parts[1]}` : `iotmi/${parts[0]}`;
  }
  return path;
}

/** Profiles `count` sequential sends; returns the top groups by self time. */
export async function profileSends(send: Send, count: number): Promise<{ groups: ProfileShare[]; functions: ProfileShare[] }> {
  const session = new Session();
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.setSamplingInterval", { interval: 50 });
  await session.post("Profiler.start");
  for (let i = 0; i < count; i++) await send();
  const { profile } = (await session.post("Profiler.stop")) as unknown as { profile: Profile };
  session.disconnect();
  const total = profile.nodes.reduce((sum, n) => sum + (n.hitCount ?? 0), 0);
  const byGroup = new Map<string, number>();
  const byFunction = new Map<string, number>();
  for (const node of profile.nodes) {
    const hits = node.hitCount ?? 0;
    if (hits === 0) continue;
    const group = groupOf(node.callFrame.url, node.callFrame.functionName);
    byGroup.set(group, (byGroup.get(group) ?? 0) + hits);
    const fn = `${node.callFrame.functionName || "(anonymous)"} [${group}]`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + hits);
  }
  const shares = (map: Map<string, number>): ProfileShare[] =>
    [...map]
      .map(([group, hits]) => ({ group, share: hits / total }))
      .sort((a, b) => b.share - a.share);
  return { groups: shares(byGroup), functions: shares(byFunction) };
}
