export { createReadiness, type Readiness } from "./health.js";
export { createMetricsRegistry, type MetricsRegistry } from "./metrics.js";
export {
  type ArtifactLoader,
  artifactFiles,
  diffArtifacts,
  type InvalidArtifact,
  type LoadResult,
  loadArtifacts,
  YAML_ARTIFACTS,
} from "./registry.js";
export { type ReloadWatch, watchForReload } from "./reload.js";
export { createServeMetrics, type ServeMetrics } from "./serve-metrics.js";
export { createApp, type HttpServer, startHttpServer } from "./server.js";
export { Supervisor, type SupervisorOptions } from "./supervisor.js";
export type { WebhookMetrics, WebhookModule, WebhookReceiver } from "./webhook-port.js";
