/**
 * Emits `service.ts`: the `SERVICE_SPEC` the runtime needs to reach the service (sdkId, API version,
 * signing name, endpoint prefix) and the endpoint rule set compiled into a function (endpoint-rules.ts).
 */
import { VariableDeclarationKind, StructureKind, type StatementStructures } from "ts-morph";
import type { EmitContext } from "./context.js";
import { addStatements } from "./statements.js";
import { addImport } from "./imports.js";
import { ownTsdoc } from "./tsdoc.js";
import { compileRuleSet } from "./endpoint-rules.js";
import { inlineLiteral, literal } from "./literal.js";

/** Output file name. @internal */
export const SERVICE_FILE = "service.ts";

/**
 * A rule set for models without one: use the configured endpoint, else fail with a clear message.
 */
const FALLBACK_RULE_SET = {
  version: "1.0",
  parameters: {
    Endpoint: { builtIn: "SDK::Endpoint", required: false, documentation: "The endpoint to send requests to.", type: "String" },
  },
  rules: [
    {
      conditions: [{ fn: "isSet", argv: [{ ref: "Endpoint" }] }],
      endpoint: { url: { ref: "Endpoint" }, properties: {}, headers: {} },
      type: "endpoint",
    },
    { conditions: [], error: "The model has no endpoint rule set; configure an endpoint.", type: "error" },
  ],
};

/**
 * The service spec emitter.
 * @internal
 */
export function emitService(context: EmitContext): void {
  const { ir } = context;
  const file = context.createFile(SERVICE_FILE);
  const out: (StatementStructures | string)[] = [];
  const runtime = context.runtimeImport(SERVICE_FILE);
  addImport(file, runtime, "ServiceSpec", { type: true });
  const compiled = compileRuleSet(ir.endpointRuleSet ?? FALLBACK_RULE_SET, `${ir.clientName}EndpointParameters`);
  for (const name of compiled.runtimeValues) addImport(file, runtime, name);
  if (ir.auth.includes("bearer")) addImport(file, runtime, "bearerSigner");
  for (const name of compiled.runtimeTypes) addImport(file, runtime, name, { type: true });
  out.push(compiled.code);
  out.push({ kind: StructureKind.VariableStatement,
    declarationKind: VariableDeclarationKind.Const,
    isExported: true,
    docs: ownTsdoc(`What the runtime needs to reach ${ir.sdkId} (API version ${ir.apiVersion}).`, [{ tagName: "public" }]),
    declarations: [
      {
        name: "SERVICE_SPEC",
        type: "ServiceSpec",
        initializer: (writer) => {
          writer.write("{").newLine();
          writer.indent(() => {
            writer.writeLine(`sdkId: ${JSON.stringify(ir.sdkId)},`);
            writer.writeLine(`apiVersion: ${JSON.stringify(ir.apiVersion)},`);
            writer.writeLine(`signingName: ${JSON.stringify(ir.signingName)},`);
            writer.writeLine(`endpointPrefix: ${JSON.stringify(ir.endpointPrefix)},`);
            if (ir.auth.includes("bearer")) {
              writer.writeLine(`auth: ${inlineLiteral(ir.auth)},`);
              writer.writeLine("bearer: bearerSigner,");
            }
            writer.writeLine("endpointRules: resolveEndpointRules,");
            if (ir.clientContextParams.length > 0) {
              const options = Object.fromEntries(ir.clientContextParams.map((p) => [p.name, p.option]));
              writer.writeLine(`clientContextParams: ${literal(options, "")},`);
            }
          });
          writer.write("}");
        },
      },
    ],
  });
  addStatements(file, out);
}
