/**
 * The `iotmi` package entry: the generated client for AWS IoT Managed Integrations, its commands, models and
 * errors, plus the runtime errors a caller may catch. Listed name by name (no `export *`); a test checks that
 * every export of `generated/index.ts` is listed here.
 *
 * @packageDocumentation
 */
export {
  AccessDeniedException,
  ConflictException,
  CreateOtaTaskCommand,
  CreateOtaTaskSchema,
  InternalServerException,
  IoTManagedIntegrations,
  IoTManagedIntegrationsClient,
  IoTManagedIntegrationsServiceException,
  OtaMechanism,
  OtaProtocol,
  OtaType,
  RetryCriteriaFailureType,
  SERVICE_SPEC,
  SchedulingConfigEndBehavior,
  ThrottlingException,
  ValidationException,
  operationSchemas,
} from "./generated/index.js";
export type {
  CreateOtaTaskCommandInput,
  CreateOtaTaskCommandOutput,
  CreateOtaTaskRequest,
  CreateOtaTaskResponse,
  IoTManagedIntegrationsClientConfig,
  OtaTaskExecutionRetryConfig,
  OtaTaskSchedulingConfig,
  RetryConfigCriteria,
  ScheduleMaintenanceWindow,
  ServiceInputTypes,
  ServiceOutputTypes,
} from "./generated/index.js";
export {
  AbortError,
  ConfigurationError,
  InputValidationError,
  NetworkError,
  RequestFailedError,
  TimeoutError,
} from "./runtime/index.js";
export type { ClientConfig, Violation } from "./runtime/index.js";
