/**
 * Emits the service descriptor, the one place generated code names the service for the CLI, the emulator and
 * the package index:
 *
 * - `descriptor.ts`: `serviceDescriptor`, data only (operations with schema, idempotency member, pagination and
 *   resource role; resources with identifiers, ARN template and lifecycle) plus loaders of the two sides of the
 *   wire, so importing it pulls in neither the client nor the server serde.
 * - `client-side.ts`: the client class and, by operation name, each command class and runtime spec.
 */
import type { OperationIR, ServiceIR } from "../ir/types.js";
import { clientFileName } from "./client.js";
import { commandFileName } from "./commands.js";
import type { EmitContext } from "./context.js";
import { addImport, relativeModule } from "./imports.js";
import { OPERATIONS_FILE, operationSpecName } from "./operations.js";
import { SCHEMAS_FILE, operationSchemaName } from "./schemas.js";
import { SERVER_FILE } from "./server-serde.js";
import { SERVICE_FILE } from "./service.js";
import { literal } from "./literal.js";
import { addStatements } from "./statements.js";

/** Output file names. @internal */
export const DESCRIPTOR_FILE = "descriptor.ts";
export const CLIENT_SIDE_FILE = "client-side.ts";

/** The AWS CLI's command for a service: its sdkId in lower case, words joined by hyphens. @internal */
export function cliServiceName(ir: ServiceIR): string {
  return ir.sdkId.trim().toLowerCase().replace(/\s+/g, "-");
}

function resourceRoleOf(ir: ServiceIR, op: OperationIR): { name: string; role: string } | undefined {
  for (const resource of ir.resources) {
    const found = resource.operations.find((o) => o.name === op.name);
    if (found !== undefined) return { name: resource.name, role: found.role };
  }
  return undefined;
}

/**
 * The descriptor emitter.
 * @internal
 */
export function emitDescriptor(context: EmitContext, options: { readonly server?: boolean } = {}): void {
  const { ir } = context;
  emitClientSide(context);
  const file = context.createFile(DESCRIPTOR_FILE);
  const runtime = context.runtimeImport(DESCRIPTOR_FILE);
  addImport(file, runtime, "ServiceDescriptor", { type: true });
  addImport(file, relativeModule(DESCRIPTOR_FILE, SERVICE_FILE), "SERVICE_SPEC");
  const operations = ir.operations.map((op) => {
    addImport(file, relativeModule(DESCRIPTOR_FILE, SCHEMAS_FILE), operationSchemaName(op));
    const token = op.input.members.find((m) => m.idempotencyToken)?.name;
    const resource = resourceRoleOf(ir, op);
    const fields = [
      `name: ${JSON.stringify(op.name)}`,
      `schema: ${operationSchemaName(op)}`,
      ...(token === undefined ? [] : [`idempotencyTokenMember: ${JSON.stringify(token)}`]),
      ...(op.pagination === undefined ? [] : [`pagination: ${literal(op.pagination, "    ")}`]),
      ...(resource === undefined ? [] : [`resource: ${literal(resource, "    ")}`]),
    ];
    return `  {\n${fields.map((f) => `    ${f},`).join("\n")}\n  },`;
  });
  const resources = ir.resources.map(({ operations: _operations, ...resource }) => `    ${literal(resource, "    ")},`);
  addStatements(file, [
    [
      "/**",
      ` * Everything that names ${ir.sdkId}: its operations and resources as data, and loaders of the client and`,
      " * server sides. The CLI, the emulator and the package index learn the service from here.",
      " * @public",
      " */",
      "export const serviceDescriptor: ServiceDescriptor = {",
      `  name: ${JSON.stringify(ir.clientName)},`,
      `  cliName: ${JSON.stringify(cliServiceName(ir))},`,
      `  arnNamespace: ${JSON.stringify(ir.arnNamespace)},`,
      "  service: SERVICE_SPEC,",
      `  operations: [\n${operations.map((o) => `  ${o.replace(/\n/g, "\n  ")}`).join("\n")}\n  ],`,
      `  resources: [\n${resources.join("\n")}\n  ],`,
      `  loadClient: async () => (await import(${JSON.stringify(relativeModule(DESCRIPTOR_FILE, CLIENT_SIDE_FILE))})).clientSide,`,
      options.server === false
        ? "  loadServer: () => Promise.reject(new Error(\"generated without the server side (--no-server)\")),"
        : `  loadServer: async () => ({ operations: (await import(${JSON.stringify(relativeModule(DESCRIPTOR_FILE, SERVER_FILE))})).serverOperations }),`,
      "};",
    ].join("\n"),
  ]);
}

function emitClientSide(context: EmitContext): void {
  const { ir } = context;
  const file = context.createFile(CLIENT_SIDE_FILE);
  addImport(file, context.runtimeImport(CLIENT_SIDE_FILE), "ClientSide", { type: true });
  addImport(file, relativeModule(CLIENT_SIDE_FILE, clientFileName(ir)), `${ir.clientName}Client`);
  for (const op of ir.operations) {
    addImport(file, relativeModule(CLIENT_SIDE_FILE, commandFileName(op)), `${op.name}Command`);
    addImport(file, relativeModule(CLIENT_SIDE_FILE, OPERATIONS_FILE), operationSpecName(op));
  }
  addStatements(file, [
    [
      "/**",
      " * The client side of the service: its client class and, by operation name, each command class and the spec",
      " * the runtime runs it with. Loaded through `serviceDescriptor.loadClient()`.",
      " * @internal",
      " */",
      "export const clientSide: ClientSide = {",
      `  Client: ${ir.clientName}Client,`,
      `  commands: {\n${ir.operations.map((op) => `    ${op.name}: ${op.name}Command,`).join("\n")}\n  },`,
      `  specs: {\n${ir.operations.map((op) => `    ${op.name}: ${operationSpecName(op)},`).join("\n")}\n  },`,
      "};",
    ].join("\n"),
  ]);
}
