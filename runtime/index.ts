/** The runtime's public API (`cannectors/runtime`): validate and run artifacts from code. */
export { API_VERSION, Connector, connectorJsonSchema, SCHEMA_ID } from "./artifact/index.js";
export type { Connector as ConnectorArtifact } from "./artifact/index.js";
export { type Diagnostic, formatDiagnostic, hasErrors } from "./diagnostics/index.js";
export { type RunCounts, type RunOptions, type RunStatus, type RunSummary, runConnector } from "./engine/run.js";
export { CannectorsError, ErrorCodes, type ErrorCode } from "./errors/index.js";
export {
  createWebhookReceiver,
  processWebhookQueue,
  queueDepth,
  type WebhookMetrics,
  type WebhookReceiver,
  type WebhookReceiverOptions,
} from "./modules/input-webhook/index.js";
export { openStateStore, type StateStore } from "./state/index.js";
export { type LoadedArtifact, validateArtifact, validateArtifactFile } from "./validate/index.js";
