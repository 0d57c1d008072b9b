/**
 * The engine's view of tracing: spans it opens and closes, whatever exports them. The runtime
 * depends on this interface only; otel.ts (loaded only when tracing is configured) implements it
 * with OpenTelemetry, so a run without tracing loads no tracing code.
 */
export type SpanAttributes = Record<string, string | number | boolean>;

export interface TraceSpan {
  /** A span under this one: `client` for an outgoing request, `internal` for the engine's own steps. */
  child(name: string, attributes: SpanAttributes, kind?: "client" | "internal"): TraceSpan;
  setAttributes(attributes: SpanAttributes): void;
  /** Marks the span failed, with a message already redacted. */
  fail(message: string): void;
  end(): void;
  /** This span as a W3C `traceparent` header value. */
  traceparent(): string;
}

export interface Tracing {
  /** The root span of one run of one connector. */
  startRun(connector: string, attributes: SpanAttributes): TraceSpan;
  /** Exports what is pending; call before the process exits. */
  shutdown(): Promise<void>;
}
