/**
 * Finds the pieces the bench measures, which land at different times: iotmi's client (built or from source),
 * the emulator, the generator, and the optional AWS SDK comparison install. Each lookup returns either the
 * thing or a one-line reason it is not available yet, so a missing piece never fails the whole run.
 */
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

/** Repository root (bench/ is one level down). */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");

export type Found<T> = { readonly ok: true; readonly value: T; readonly from: string } | { readonly ok: false; readonly reason: string };

/** The constructors a scenario needs from iotmi's public entry. */
export interface IotmiModule {
  readonly IoTManagedIntegrationsClient: new (config: Record<string, unknown>) => {
    send(command: unknown): Promise<unknown>;
    destroy(): void;
  };
  readonly CreateOtaTaskCommand: new (input: Record<string, unknown>) => unknown;
}

/** What `import "iotmi"` loads in Node (the "node" export condition) first, then other builds, then the sources. */
const IOTMI_CANDIDATES = ["dist/node/index.js", "dist/index.js", "dist/generated/index.js", "src/index.ts", "src/generated/index.ts"];

export async function loadIotmi(): Promise<Found<IotmiModule>> {
  const reasons: string[] = [];
  for (const candidate of IOTMI_CANDIDATES) {
    const file = join(ROOT, candidate);
    if (!existsSync(file)) continue;
    try {
      const mod = (await import(pathToFileURL(file).href)) as Partial<IotmiModule>;
      if (typeof mod.IoTManagedIntegrationsClient === "function" && typeof mod.CreateOtaTaskCommand === "function") {
        return { ok: true, value: mod as IotmiModule, from: candidate };
      }
      reasons.push(`${candidate} lacks the client or CreateOtaTaskCommand`);
    } catch (error) {
      reasons.push(`${candidate}: ${firstLine(error)}`);
    }
  }
  return { ok: false, reason: reasons.length > 0 ? reasons.join("; ") : "no generated client in dist/ or src/" };
}

/** Where the official-SDK comparison lives: a throwaway install outside the repository. */
export const SDK_DIR = process.env["IOTMI_BENCH_SDK_DIR"] ?? "/tmp/sdkcmp";
/**
 * The comparison package. `@aws-sdk/client-iot-managed-integrations` is not on the registry this machine
 * reaches, so a restJson1 + SigV4 client of the same generation stands in (same core, protocol and signer).
 */
export const SDK_PACKAGE = process.env["IOTMI_BENCH_SDK_PACKAGE"] ?? "@aws-sdk/client-iot-data-plane";

export function sdkPackageDir(): Found<string> {
  const dir = join(SDK_DIR, "node_modules", SDK_PACKAGE);
  if (!existsSync(join(dir, "package.json"))) {
    return {
      ok: false,
      reason: `not installed (mkdir -p ${SDK_DIR} && cd ${SDK_DIR} && npm init -y && npm i ${SDK_PACKAGE})`,
    };
  }
  return { ok: true, value: dir, from: `${SDK_DIR}/node_modules/${SDK_PACKAGE}` };
}

export function firstLine(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.split("\n")[0] ?? text;
}
