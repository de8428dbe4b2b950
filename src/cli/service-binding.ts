/**
 * The one module that knows which service the `iotmi` command serves: it takes the operation schemas and the
 * client from `src/generated/`. Serving another service (or a test fixture) means changing this file only.
 *
 * @packageDocumentation
 */
import type { Violation } from "../runtime/contract.js";
import type { CliClientFactory, ServiceBinding } from "./binding.js";

/** The AWS CLI's name for the service, accepted before the operation name. */
const SERVICE_COMMAND = "iot-managed-integrations";

/**
 * Loads the generated operation schemas (data only) and returns the binding `main.ts` runs with. The client
 * itself is imported only when a request is about to be sent.
 * @public
 */
export async function loadServiceBinding(): Promise<ServiceBinding> {
  const { operationSchemas } = await import("../generated/schemas.js");
  return {
    serviceCommand: SERVICE_COMMAND,
    operations: operationSchemas,
    loadClientFactory: async (): Promise<CliClientFactory> => {
      const [generated, operations] = await Promise.all([import("../generated/index.js"), import("../generated/operations.js")]);
      const commands = generated as unknown as Record<string, (new (input: object) => unknown) | undefined>;
      const specs = operations as unknown as Record<string, { validate(input: object): Violation[] } | undefined>;
      return {
        createClient: (config) => new generated.IoTManagedIntegrationsClient(config),
        createCommand: (operation, input) => {
          const Command = commands[`${operation}Command`];
          if (Command === undefined) throw new Error(`The generated client has no ${operation}Command.`);
          return new Command(input);
        },
        validate: (operation, input) => {
          const spec = specs[`${operation}Spec`];
          if (spec === undefined) throw new Error(`The generated client has no ${operation}Spec.`);
          return spec.validate(input);
        },
      };
    },
  };
}
