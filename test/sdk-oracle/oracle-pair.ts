/**
 * The two clients the SDK-oracle suites compare: the client generated from one of $IOTMI_SHARED/models and the
 * official AWS SDK v3 client of the same service, both sending to one loopback recorder.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import { afterAll, beforeAll, describe } from "vitest";
import { generate } from "../../codegen/generate.js";
import type { ServiceIR } from "../../codegen/ir/types.js";
import { NodeHttpRequestHandler } from "../../src/runtime/index.js";
import { REPO_ROOT } from "../conformance/generate.js";
import { Recorder, toRecorder } from "./wire.js";

const SHARED = process.env["IOTMI_SHARED"];
/** `$IOTMI_SHARED/models`, or undefined without the variable. @internal */
export const MODELS_DIR = SHARED === undefined ? undefined : join(SHARED, "models");

/** Model file → official client package (restJson1 models of $IOTMI_SHARED/models/README.md). @internal */
export const MODELS: readonly (readonly [string, string])[] = [
  ["apigatewayv2.json", "@aws-sdk/client-apigatewayv2"],
  ["appsync.json", "@aws-sdk/client-appsync"],
  ["batch.json", "@aws-sdk/client-batch"],
  ["bedrock-agent.json", "@aws-sdk/client-bedrock-agent"],
  ["cloudfront-keyvaluestore.json", "@aws-sdk/client-cloudfront-keyvaluestore"],
  ["dataexchange.json", "@aws-sdk/client-dataexchange"],
  ["eks.json", "@aws-sdk/client-eks"],
  ["location.json", "@aws-sdk/client-location"],
  ["mediaconvert.json", "@aws-sdk/client-mediaconvert"],
  ["neptune-graph.json", "@aws-sdk/client-neptune-graph"],
];

const CREDENTIALS = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" };

type AnyClient = { send(command: unknown): Promise<unknown>; destroy(): void };
type Module = Record<string, unknown>;

/** One side of the comparison: its module (commands, paginators) and a client. @internal */
export interface ClientSide {
  readonly module: Module;
  readonly client: AnyClient;
}

/**
 * Generates a model's client (path or JSON AST) into a temporary folder that resolves the repository's
 * node_modules; `load` imports its index, `remove` deletes the folder.
 * @internal
 */
export function generateModule(model: string | object, file: string): { ir: ServiceIR; load(): Promise<Module>; remove(): void } {
  const { ir, files } = generate({ model, sourceModel: file, runtimeImport: join(REPO_ROOT, "src/runtime/index.ts"), format: false });
  const dir = mkdtempSync(join(tmpdir(), "iotmi-sdk-oracle-"));
  symlinkSync(join(REPO_ROOT, "node_modules"), join(dir, "node_modules"), "dir");
  writeFileSync(join(dir, "package.json"), JSON.stringify({ type: "module", private: true }));
  for (const f of files) {
    mkdirSync(dirname(join(dir, f.path)), { recursive: true });
    writeFileSync(join(dir, f.path), f.text);
  }
  return {
    ir,
    load: async () => (await import(pathToFileURL(join(dir, "index.ts")).href)) as Module,
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/**
 * Generates the model's client into a temporary folder (at collection time: tests are made per operation);
 * `start` loads both clients pointed at the recorder's port, `close` destroys them and removes the folder.
 * @internal
 */
export function oraclePair(model: string, file: string, pkg: string): { ir: ServiceIR; start(port: number): Promise<{ ours: ClientSide; theirs: ClientSide }>; close(): void } {
  const generated = generateModule(model, file);
  const { ir } = generated;
  const clients: AnyClient[] = [];
  return {
    ir,
    async start(port) {
      const module = await generated.load();
      const OurClient = module[`${ir.clientName}Client`] as new (config: object) => AnyClient;
      const ours = { module, client: new OurClient({ region: "us-east-1", credentials: CREDENTIALS, maxAttempts: 1, validateInput: false, requestHandler: toRecorder(new NodeHttpRequestHandler(), port) }) };
      const sdk = (await import(pkg)) as Module;
      const clientExport = Object.keys(sdk).find((name) => name.endsWith("Client") && !name.startsWith("__") && typeof sdk[name] === "function" && name !== "Client");
      const SdkClient = sdk[clientExport!] as new (config: object) => AnyClient;
      const theirs = { module: sdk, client: new SdkClient({ region: "us-east-1", credentials: CREDENTIALS, maxAttempts: 1, requestHandler: toRecorder(new NodeHttpHandler(), port) }) };
      clients.push(ours.client, theirs.client);
      return { ours, theirs };
    },
    close() {
      for (const client of clients) client.destroy();
      generated.remove();
    },
  };
}

/** What a suite body gets per model: its IR, and (inside tests) both clients and the recorder. @internal */
export interface OracleModel {
  readonly file: string;
  readonly ir: ServiceIR;
  sides(): { ours: ClientSide; theirs: ClientSide };
  recorder(): Recorder;
}

/**
 * One `describe` per model of {@link MODELS} (skipped without $IOTMI_SHARED/models), its client generated at
 * collection time (tests are made per operation), both clients started before its tests.
 * @internal
 */
export function describeOracleModels(title: string, body: (model: OracleModel) => void): void {
  const present = MODELS_DIR !== undefined && existsSync(MODELS_DIR);
  describe.skipIf(!present)(title, () => {
    let recorder: Recorder;
    beforeAll(async () => {
      recorder = await Recorder.start();
    });
    afterAll(() => recorder.close());
    // A skipped describe still runs its body to collect tests: without the folder there is nothing to generate.
    for (const [file, pkg] of present ? MODELS : []) {
      describe(file, () => {
        const pair = oraclePair(join(MODELS_DIR!, file), file, pkg);
        let sides: { ours: ClientSide; theirs: ClientSide };
        beforeAll(async () => {
          sides = await pair.start(recorder.port);
        });
        afterAll(() => pair.close());
        body({ file, ir: pair.ir, sides: () => sides, recorder: () => recorder });
      });
    }
  });
}
