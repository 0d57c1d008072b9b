import type { Tracing } from "./types.js";

export type { SpanAttributes, TraceSpan, Tracing } from "./types.js";
export { tracedClient } from "./traced-client.js";

/** Whether the environment asks for traces: an OTLP endpoint is set and the SDK is not disabled. */
export function tracingRequested(env: Record<string, string | undefined>): boolean {
  if (env.OTEL_SDK_DISABLED === "true" || env.OTEL_TRACES_EXPORTER === "none") return false;
  return Boolean(env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT || env.OTEL_EXPORTER_OTLP_ENDPOINT);
}

/** OpenTelemetry tracing when the environment asks for it, else undefined; the SDK loads only then. */
export async function loadTracing(
  env: Record<string, string | undefined>,
  version: string,
): Promise<Tracing | undefined> {
  if (!tracingRequested(env)) return undefined;
  const { createOtelTracing } = await import("./otel.js");
  return createOtelTracing(env, version);
}
