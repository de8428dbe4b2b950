/**
 * Emits the paginators of `@paginated` operations, laid out as in the AWS SDK v3:
 * `pagination/Interfaces.ts` (the service's pagination configuration) and one
 * `pagination/<Op>Paginator.ts` per operation exporting `paginate<Op>(config, input)`, an async iterator of
 * pages built by the runtime's `createPaginator`.
 */
import type { OperationIR, ServiceIR } from "../ir/types.js";
import { clientFileName } from "./client.js";
import { commandFileName } from "./commands.js";
import type { EmitContext } from "./context.js";
import { addImport, relativeModule } from "./imports.js";
import { addStatements } from "./statements.js";

/** Output file names. @internal */
export const PAGINATION_INTERFACES_FILE = "pagination/Interfaces.ts";

/** @internal */
export function paginatorFileName(op: OperationIR): string {
  return `pagination/${op.name}Paginator.ts`;
}

/** @internal */
export function paginatorName(op: OperationIR): string {
  return `paginate${op.name}`;
}

/** @internal */
export function paginationConfigName(ir: ServiceIR): string {
  return `${ir.clientName}PaginationConfiguration`;
}

/**
 * The paginators emitter (writes nothing for a service without paginated operations).
 * @internal
 */
export function emitPaginators(context: EmitContext): void {
  const { ir } = context;
  const paginated = ir.operations.filter((op) => op.pagination !== undefined);
  if (paginated.length === 0) return;
  const clientName = `${ir.clientName}Client`;
  const config = paginationConfigName(ir);

  const interfaces = context.createFile(PAGINATION_INTERFACES_FILE);
  addImport(interfaces, context.runtimeImport(PAGINATION_INTERFACES_FILE), "PaginationConfiguration", { type: true });
  addImport(interfaces, relativeModule(PAGINATION_INTERFACES_FILE, clientFileName(ir)), clientName, { type: true });
  addStatements(interfaces, [
    [
      "/**",
      ` * How a \`paginate…\` function of ${ir.sdkId} walks the pages: the client, and optionally the page size and the token to start from.`,
      " * @public",
      " */",
      `export type ${config} = PaginationConfiguration<${clientName}>;`,
    ].join("\n"),
  ]);

  for (const op of paginated) {
    const path = paginatorFileName(op);
    const file = context.createFile(path);
    const runtime = context.runtimeImport(path);
    const command = relativeModule(path, commandFileName(op));
    addImport(file, runtime, "createPaginator");
    addImport(file, runtime, "Paginator", { type: true });
    addImport(file, runtime, "HttpHandlerOptions", { type: true });
    addImport(file, relativeModule(path, clientFileName(ir)), clientName);
    addImport(file, command, `${op.name}Command`);
    addImport(file, command, `${op.name}CommandInput`, { type: true });
    addImport(file, command, `${op.name}CommandOutput`, { type: true });
    addImport(file, relativeModule(path, PAGINATION_INTERFACES_FILE), config, { type: true });
    const p = op.pagination!;
    const members = [
      `inputToken: ${JSON.stringify(p.inputToken)}`,
      `outputToken: ${JSON.stringify(p.outputToken)}`,
      ...(p.pageSize === undefined ? [] : [`pageSize: ${JSON.stringify(p.pageSize)}`]),
    ];
    const inputRequired = op.input.members.some((m) => m.required);
    addStatements(file, [
      [
        "/**",
        ` * Walks the pages of {@link ${op.name}Command}: each iteration sends one request with the previous page's \`${p.outputToken}\` and yields the page.`,
        ` * \`pageSize\` is sent as \`${p.pageSize ?? "(no page-size member)"}\`; \`startingToken\` resumes from an earlier \`${p.outputToken}\`.`,
        " * @public",
        " */",
        `export const ${paginatorName(op)}: (config: ${config}, input${inputRequired ? "" : "?"}: ${op.name}CommandInput, options?: HttpHandlerOptions) => Paginator<${op.name}CommandOutput> = /*@__PURE__*/ createPaginator<${clientName}, ${op.name}CommandInput, ${op.name}CommandOutput>(${clientName}, ${op.name}Command, { ${members.join(", ")} });`,
      ].join("\n"),
    ]);
  }
}
