/**
 * The `iotmi` package entry: the generated client for AWS IoT Managed Integrations, its commands, paginators,
 * models and errors, plus the runtime errors a caller may catch.
 *
 * The service's names come from the generated index, which the generator writes name by name from the model;
 * re-exporting it whole here means no hand-kept list of generated names can fall behind the model.
 *
 * @packageDocumentation
 */
export * from "./generated/index.js";
export {
  AbortError,
  ConfigurationError,
  InputValidationError,
  NetworkError,
  RequestFailedError,
  TimeoutError,
} from "./runtime/index.js";
export type { ClientConfig, Violation } from "./runtime/index.js";
