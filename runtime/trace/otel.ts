import { context, type Span, SpanKind, SpanStatusCode, trace } from "@opentelemetry/api";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { BatchSpanProcessor, TracerProvider } from "@opentelemetry/sdk-trace";
import type { SpanAttributes, TraceSpan, Tracing } from "./types.js";

/**
 * Tracing through OpenTelemetry, exported over OTLP/HTTP (JSON) to the endpoint the standard
 * variables name: OTEL_EXPORTER_OTLP_TRACES_ENDPOINT (the full URL) or OTEL_EXPORTER_OTLP_ENDPOINT
 * (+ `/v1/traces`), with OTEL_EXPORTER_OTLP_HEADERS and OTEL_SERVICE_NAME read by the SDK.
 */
export function createOtelTracing(env: Record<string, string | undefined>, version: string): Tracing {
  const provider = new TracerProvider({
    resource: resourceFromAttributes({
      "service.name": env.OTEL_SERVICE_NAME ?? "cannectors",
      "service.version": version,
    }),
    spanProcessors: [new BatchSpanProcessor({ exporter: new OTLPTraceExporter() })],
  });
  const tracer = provider.getTracer("cannectors", version);
  const wrap = (span: Span): TraceSpan => ({
    child(name: string, attributes: SpanAttributes, kind: "client" | "internal" = "internal") {
      const parent = trace.setSpan(context.active(), span);
      const spanKind = kind === "client" ? SpanKind.CLIENT : SpanKind.INTERNAL;
      return wrap(tracer.startSpan(name, { kind: spanKind, attributes }, parent));
    },
    setAttributes: (attributes) => span.setAttributes(attributes),
    fail: (message) => span.setStatus({ code: SpanStatusCode.ERROR, message }),
    end: () => span.end(),
    traceparent() {
      const { traceId, spanId, traceFlags } = span.spanContext();
      return `00-${traceId}-${spanId}-${traceFlags.toString(16).padStart(2, "0")}`;
    },
  });
  return {
    startRun: (connector, attributes) =>
      wrap(
        tracer.startSpan(`run ${connector}`, {
          kind: SpanKind.INTERNAL,
          attributes: { "cannectors.connector": connector, ...attributes },
        }),
      ),
    shutdown: () => provider.shutdown(),
  };
}
