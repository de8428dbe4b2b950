/**
 * The one module that knows which service the `iotmi` command serves: the generated service descriptor. The
 * CLI reads operations, their schemas and pagination from it, and gets the client and command classes through
 * its client-side loader, by operation name. Serving another service (or a test fixture) means passing
 * another descriptor to {@link bindingFor}.
 *
 * @packageDocumentation
 */
import type { ServiceDescriptor } from "../runtime/index.js";
import type { CliClientFactory, ServiceBinding } from "./binding.js";

/**
 * The CLI's view of a service descriptor. The client side is imported only when a request is about to be sent.
 * @public
 */
export function bindingFor(descriptor: ServiceDescriptor): ServiceBinding {
  return {
    serviceCommand: descriptor.cliName,
    operations: descriptor.operations.map((op) => op.schema),
    paginated: new Map(descriptor.operations.flatMap((op) => (op.pagination === undefined ? [] : [[op.name, op.pagination] as const]))),
    loadClientFactory: async (): Promise<CliClientFactory> => {
      const side = await descriptor.loadClient();
      const lookup = <T>(table: Readonly<Record<string, T>>, operation: string, what: string): T => {
        const found = Object.hasOwn(table, operation) ? table[operation] : undefined;
        if (found === undefined) throw new Error(`The service descriptor has no ${what} for ${operation}.`);
        return found;
      };
      return {
        createClient: (config) => new side.Client(config),
        createCommand: (operation, input) => new (lookup(side.commands, operation, "command"))(input),
        validate: (operation, input) => lookup(side.specs, operation, "spec").validate(input),
      };
    },
  };
}

/**
 * The binding `main.ts` runs with: the generated descriptor (data only; no client code is loaded yet).
 * @public
 */
export async function loadServiceBinding(): Promise<ServiceBinding> {
  const { serviceDescriptor } = await import("../generated/descriptor.js");
  return bindingFor(serviceDescriptor);
}
