// Generality kept honest: for the official models of other restJson1 services in $IOTMI_SHARED/models, the
// generated client must put on the wire what the official AWS SDK v3 client of the same service puts there, for
// one input per operation (every member set). Skips without the folder.
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generate } from "../../codegen/generate.js";
import type { OperationIR } from "../../codegen/ir/types.js";
import { NodeHttpRequestHandler } from "../../src/runtime/index.js";
import { REPO_ROOT } from "../conformance/generate.js";
import { sampleInput } from "./sample-input.js";
import { comparable, Recorder, toRecorder, type Recorded } from "./wire.js";

const SHARED = process.env["IOTMI_SHARED"];
const MODELS_DIR = SHARED === undefined ? undefined : join(SHARED, "models");

/** Model file → official client package (restJson1 models of $IOTMI_SHARED/models/README.md). */
const MODELS: readonly (readonly [string, string])[] = [
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

describe.skipIf(MODELS_DIR === undefined || !existsSync(MODELS_DIR))("generated clients against the official SDK v3 clients", () => {
  let recorder: Recorder;
  beforeAll(async () => {
    recorder = await Recorder.start();
  });
  afterAll(() => recorder.close());

  // A skipped describe still runs its body to collect tests: without the folder there is nothing to generate.
  for (const [file, pkg] of MODELS_DIR !== undefined && existsSync(MODELS_DIR) ? MODELS : []) {
    describe(file, () => {
      // Generated at collection time (one test per operation needs the operation names).
      const { ir, files } = generate({
        model: join(MODELS_DIR!, file),
        sourceModel: file,
        runtimeImport: join(REPO_ROOT, "src/runtime/index.ts"),
        format: false,
      });
      const dir = mkdtempSync(join(tmpdir(), "iotmi-sdk-oracle-"));
      symlinkSync(join(REPO_ROOT, "node_modules"), join(dir, "node_modules"), "dir");
      writeFileSync(join(dir, "package.json"), JSON.stringify({ type: "module", private: true }));
      for (const f of files) {
        mkdirSync(dirname(join(dir, f.path)), { recursive: true });
        writeFileSync(join(dir, f.path), f.text);
      }
      let ours: { module: Module; client: AnyClient };
      let theirs: { module: Module; client: AnyClient };
      beforeAll(async () => {
        const module = (await import(pathToFileURL(join(dir, "index.ts")).href)) as Module;
        const OurClient = module[`${ir.clientName}Client`] as new (config: object) => AnyClient;
        ours = {
          module,
          client: new OurClient({
            region: "us-east-1",
            credentials: CREDENTIALS,
            maxAttempts: 1,
            validateInput: false,
            requestHandler: toRecorder(new NodeHttpRequestHandler(), recorder.port),
          }),
        };
        const sdk = (await import(pkg)) as Module;
        const clientExport = Object.keys(sdk).find((name) => name.endsWith("Client") && !name.startsWith("__") && typeof sdk[name] === "function" && name !== "Client");
        const SdkClient = sdk[clientExport!] as new (config: object) => AnyClient;
        theirs = {
          module: sdk,
          client: new SdkClient({ region: "us-east-1", credentials: CREDENTIALS, maxAttempts: 1, requestHandler: toRecorder(new NodeHttpHandler(), recorder.port) }),
        };
      });
      afterAll(() => {
        ours?.client.destroy();
        theirs?.client.destroy();
        rmSync(dir, { recursive: true, force: true });
      });

      const cases = ir.operations.flatMap((op) => [[op.name, op, false] as const, [`${op.name} (required members only)`, op, true] as const]);
      it.each(cases)("%s", async (_name, op: OperationIR, minimal: boolean) => {
        const input = sampleInput(op.input, minimal);
        const a = await capture(ours, op.name, input);
        const b = await capture(theirs, op.name, input);
        expect(a.error === undefined, `generated client: ${a.error}; SDK: ${b.error}`).toBe(b.error === undefined);
        if (a.request !== undefined || b.request !== undefined) expect(a.request && comparable(a.request)).toEqual(b.request && comparable(b.request));
      });

      async function capture(side: { module: Module; client: AnyClient }, name: string, input: object): Promise<{ request?: Recorded; error?: string }> {
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
    });
  }
});
