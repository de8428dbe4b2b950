/**
 * The list of emitters the driver runs, in order. Each writes its own files; the driver adds headers, sorts
 * imports and formats them all.
 */
import { emitAggregatedClient } from "./aggregated-client.js";
import { emitClient } from "./client.js";
import { emitClientSerde } from "./client-serde.js";
import { emitCommands } from "./commands.js";
import { emitDescriptor } from "./descriptor.js";
import type { Emitter } from "./context.js";
import { emitIndex } from "./index-file.js";
import { emitModels } from "./models.js";
import { emitPaginators } from "./paginators.js";
import { emitOperations } from "./operations.js";
import { emitSchemas } from "./schemas.js";
import { emitServerSerde } from "./server-serde.js";
import { emitService } from "./service.js";
import { emitValidators } from "./validators.js";
import { emitWaiters } from "./waiters.js";

/**
 * Emitters by name, in the order they run.
 * @internal
 */
export const EMITTERS: readonly { readonly name: string; readonly emit: Emitter }[] = [
  { name: "models", emit: emitModels },
  { name: "service", emit: emitService },
  { name: "schemas", emit: emitSchemas },
  { name: "validators", emit: emitValidators },
  { name: "client-serde", emit: emitClientSerde },
  { name: "operations", emit: emitOperations },
  { name: "server-serde", emit: emitServerSerde },
  { name: "commands", emit: emitCommands },
  { name: "client", emit: emitClient },
  { name: "aggregated-client", emit: emitAggregatedClient },
  { name: "waiters", emit: emitWaiters },
  { name: "paginators", emit: emitPaginators },
  { name: "descriptor", emit: emitDescriptor },
  { name: "index", emit: emitIndex },
];
