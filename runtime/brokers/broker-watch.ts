/**
 * What a long-running host (serve) learns from a broker input while it consumes, and what it tells
 * it. The inbox feeds it (runtime/brokers/inbox.ts), so every broker input reports the same way.
 */
export interface BrokerWatch {
  /** Serve's stop for this consumer: the input stops taking messages at once and the run drains. */
  readonly stop: AbortSignal;
  /** The broker connection came up (true) or was lost (false). */
  connection(up: boolean): void;
  /** A message was handed to the pipeline. */
  received(): void;
  /** A message was settled: acknowledged after its records were delivered, or dead-lettered. */
  settled(outcome: "acked" | "deadLettered"): void;
  /** Messages handed over and never settled, given back to the broker (a lost connection redelivers them). */
  released(count: number): void;
}
