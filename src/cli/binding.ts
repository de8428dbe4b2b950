/**
 * What the CLI needs from a service: its operations as data, and a way to build a client and a command for any
 * of them. The CLI code names no service and no operation; `service-binding.ts` supplies the generated ones.
 *
 * @packageDocumentation
 */
import type { ClientConfig, OperationSchemaEntry, PaginationSpec, Violation } from "../runtime/index.js";

/** The part of a generated client the CLI uses. @public */
export interface CliServiceClient {
  send(command: unknown, options?: { abortSignal?: AbortSignal }): Promise<unknown>;
  destroy?(): void;
  /** The resolved configuration; the attempts allowed decide the AWS CLI's `(reached max retries: N)`. */
  readonly config?: { readonly maxAttempts?: () => Promise<number> };
}

/** Builds clients and commands; loaded only when a request is about to be sent. @public */
export interface CliClientFactory {
  createClient(config: ClientConfig): CliServiceClient;
  /** A command object for `client.send`, e.g. `new CreateOtaTaskCommand(input)`. */
  createCommand(operation: string, input: object): unknown;
  /** Runs the operation's generated validator (the one `client.send` runs) without sending anything. */
  validate(operation: string, input: object): readonly Violation[];
}

/** One service as the CLI sees it. @public */
export interface ServiceBinding {
  /** The service's command name, e.g. `iot-managed-integrations` (accepted before the operation name). */
  readonly serviceCommand: string;
  readonly operations: readonly OperationSchemaEntry[];
  /** The `@paginated` operations by name, for the AWS CLI's automatic pagination. */
  readonly paginated?: ReadonlyMap<string, PaginationSpec>;
  loadClientFactory(): Promise<CliClientFactory>;
}
