/**
 * Emits `waiters.ts` (only for models with `smithy.waiters#waitable`): one `waitUntil<Waiter>(params, input)` per
 * waiter, as the AWS SDK v3 names them, each with its acceptors and delays as data for the runtime's
 * `waitUntil` (src/runtime/client/waiter.ts).
 */
import { StructureKind, VariableDeclarationKind, type StatementStructures } from "ts-morph";
import type { OperationIR, WaiterIR } from "../ir/types.js";
import { clientFileName } from "./client.js";
import { commandFileName } from "./commands.js";
import type { EmitContext } from "./context.js";
import { addImport, relativeModule } from "./imports.js";
import { literal } from "./literal.js";
import { addStatements } from "./statements.js";
import { ownTsdoc } from "./tsdoc.js";

/** Output file of this emitter. @internal */
export const WAITERS_FILE = "waiters.ts";

/** `ClusterActive` → `waitUntilClusterActive`. @internal */
export function waiterFunctionName(waiter: WaiterIR): string {
  return `waitUntil${waiter.name}`;
}

/** `ClusterActive` → `CLUSTER_ACTIVE`: the constant holding the waiter's acceptors. */
function specName(waiter: WaiterIR): string {
  return waiter.name.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toUpperCase();
}

/**
 * The waiters emitter.
 * @internal
 */
export function emitWaiters(context: EmitContext): void {
  const { ir } = context;
  const waiters = ir.operations.flatMap((op) => (op.waiters ?? []).map((waiter) => ({ op, waiter })));
  if (waiters.length === 0) return;
  const file = context.createFile(WAITERS_FILE);
  const runtime = context.runtimeImport(WAITERS_FILE);
  const client = `${ir.clientName}Client`;
  addImport(file, runtime, "waitUntil");
  for (const name of ["WaiterConfiguration", "WaiterResult", "WaiterSpec"]) addImport(file, runtime, name, { type: true });
  addImport(file, relativeModule(WAITERS_FILE, clientFileName(ir)), client, { type: true });
  const out: StatementStructures[] = [];
  for (const { op, waiter } of waiters) {
    const command = relativeModule(WAITERS_FILE, commandFileName(op));
    addImport(file, command, `${op.name}Command`);
    addImport(file, command, `${op.name}CommandInput`, { type: true });
    addImport(file, command, `${op.name}CommandOutput`, { type: true });
    out.push(specConstant(waiter, op, client), waitFunction(waiter, op, client));
  }
  addStatements(file, out);
}

function specConstant(waiter: WaiterIR, op: OperationIR, client: string): StatementStructures {
  return {
    kind: StructureKind.VariableStatement,
    declarationKind: VariableDeclarationKind.Const,
    docs: [`How \`${waiterFunctionName(waiter)}\` polls \`${op.name}\` and decides (the model's acceptors, in order).`],
    declarations: [
      {
        name: specName(waiter),
        type: `WaiterSpec<${client}, ${op.name}CommandInput, ${op.name}CommandOutput>`,
        initializer: [
          "{",
          `  send: (client, input) => client.send(new ${op.name}Command(input)),`,
          `  minDelay: ${waiter.minDelay},`,
          `  maxDelay: ${waiter.maxDelay},`,
          `  acceptors: ${literal(waiter.acceptors, "  ")},`,
          "}",
        ].join("\n"),
      },
    ],
  };
}

function waitFunction(waiter: WaiterIR, op: OperationIR, client: string): StatementStructures {
  const summary = waiter.documentation ?? `Waits until \`${op.name}\` reports the ${waiter.name} state.`;
  const tags = [
    { tagName: "param", text: `params - the client, \`maxWaitTime\` (seconds), optionally \`minDelay\`/\`maxDelay\` (default ${waiter.minDelay}/${waiter.maxDelay} s) and \`abortSignal\`` },
    { tagName: "param", text: `input - the input of each \`${op.name}\` call` },
    { tagName: "returns", text: "the result once an acceptor reaches success; throws when one reaches failure, on timeout or abort" },
    ...(waiter.deprecated ? [{ tagName: "deprecated" }] : []),
    { tagName: "public" },
  ];
  return {
    kind: StructureKind.Function,
    name: waiterFunctionName(waiter),
    isExported: true,
    docs: ownTsdoc(summary, tags),
    parameters: [
      { name: "params", type: `WaiterConfiguration<${client}>` },
      { name: "input", type: `${op.name}CommandInput` },
    ],
    returnType: "Promise<WaiterResult>",
    statements: [`return waitUntil(params, input, ${specName(waiter)});`],
  };
}
