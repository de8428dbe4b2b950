/**
 * What the emulator needs from the business logic of one operation: how to build a new resource from a valid
 * input, and how to show stored ones on the inspection route. The HTTP, authentication, validation,
 * idempotency and storage around it are generic.
 *
 * @packageDocumentation
 */
import type { StoredRecord } from "../store/record-store.js";

/**
 * Facts a handler may use to build a resource.
 * @public
 */
export interface HandlerContext {
  readonly region: string;
  readonly account: string;
  /** The emulator's clock at commit time. */
  readonly now: Date;
  /** A fresh random alphanumeric id. */
  readonly newId: () => string;
}

/**
 * The business logic of one create-style operation.
 * @public
 */
export interface OperationHandler<Input extends object = object, Output extends object = object> {
  /** The operation it implements, e.g. `CreateOtaTask`. */
  readonly operation: string;
  /** Builds the id and output of a new resource. Runs once per committed create, never for a replay. */
  create(input: Input, context: HandlerContext): { readonly id: string; readonly output: Output };
  /** The unsigned, loopback-only listing of stored resources, e.g. `GET /_emulator/ota-tasks`. */
  readonly inspection?: {
    readonly path: string;
    /** The name of the list in the JSON body, e.g. `tasks`. */
    readonly listName: string;
    readonly view: (record: StoredRecord) => unknown;
  };
}
