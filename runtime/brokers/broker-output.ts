import { failedRecordEntry } from "../engine/modules.js";
import type { DeadLetterSink, DeliveryResult, DryRunSink, OutputModule, OutputRecord } from "../engine/modules.js";
import type { ModuleContext } from "../engine/modules.js";
import { backoffDelay } from "../net/retry.js";
import { describeError } from "../errors/index.js";
import { describeViolation, type OutputContract } from "../contract/violation.js";
import { pause } from "./broker-address.js";
import type { OutgoingMessage } from "./outgoing-message.js";

/** One broker's side of an output: publish and wait for the broker's acknowledgement of each message. */
export interface Publisher {
  /** The address shown in a dry run and in logs, without credentials: `amqp://host:5672/exchange`. */
  readonly address: string;
  /**
   * Publishes every message and resolves once the broker acknowledged each: undefined for a message
   * it took, the reason for one it refused (dead-lettered). Rejects when the connection failed:
   * the batch is published again on a new connection (its idempotency keys unchanged).
   */
  publish(messages: OutgoingMessage[]): Promise<(string | undefined)[]>;
  /** Forgets a failed connection so that the next publish opens a new one. */
  reset(): void;
  close(): Promise<void>;
}

export interface BrokerOutputWiring {
  context: ModuleContext;
  deadLetter: DeadLetterSink;
  dryRun: DryRunSink | undefined;
  /** Builds a record's message; throws why the record cannot be one (that record is dead-lettered). */
  messageOf(record: OutputRecord["value"]): OutgoingMessage;
  /** The verb a dry run prints, e.g. `PUBLISH`, `XADD`. */
  verb: string;
  /** The payload schema, when the output has one and it is checked (dry run, fixture replay). */
  contract?: OutputContract | undefined;
}

/**
 * The engine's output over any broker: records become messages, a dry run prints them, the rest
 * are published and the batch resolves once the broker acknowledged every message. A connection
 * failure is retried with the run's retry policy; a message the broker refuses is its record's
 * dead letter, never the whole run's.
 */
export function brokerOutput(publisher: Publisher, wiring: BrokerOutputWiring): OutputModule {
  const { context, deadLetter } = wiring;
  const fail = (record: OutputRecord, reason: string, attempts: number, idempotencyKey?: string) => {
    context.logger.warn("record dead-lettered", { seq: record.seq, error: reason });
    deadLetter.write(
      failedRecordEntry(context.connectorName, record, reason, {
        attempts,
        ...(idempotencyKey ? { idempotencyKey } : {}),
      }),
    );
  };
  return {
    async deliver(batch) {
      const ready: { record: OutputRecord; message: OutgoingMessage }[] = [];
      let deadLettered = 0;
      for (const record of batch) {
        try {
          ready.push({ record, message: wiring.messageOf(record.value) });
        } catch (error) {
          fail(record, describeError(error), 0);
          deadLettered++;
        }
      }
      const refused = new Set(wiring.contract ? refusedByContract(ready, wiring.contract, fail) : []);
      if (wiring.dryRun) {
        for (const { record, message } of ready)
          wiring.dryRun.write(planned(wiring.verb, publisher.address, message, record));
        return { delivered: ready.length - refused.size, deadLettered: deadLettered + refused.size };
      }
      const outcomes = await publishWithRetry(
        publisher,
        ready.map((r) => r.message),
        context,
      );
      let delivered = 0;
      outcomes.results.forEach((refused, index) => {
        const { record, message } = ready[index]!;
        if (refused === undefined) delivered++;
        else {
          fail(record, refused, outcomes.attempts, message.idempotencyKey);
          deadLettered++;
        }
      });
      return { delivered, deadLettered } satisfies DeliveryResult;
    },
    close: () => publisher.close(),
  };
}

/**
 * Checks each message body against the payload schema and reports what it finds. In a dry run (the
 * contract refuses) a refused record is dead-lettered, as the consumer would refuse it; the records
 * returned. In a fixture replay the messages are reported and published all the same.
 */
function refusedByContract(
  ready: readonly { record: OutputRecord }[],
  contract: OutputContract,
  fail: (record: OutputRecord, reason: string, attempts: number) => void,
): OutputRecord[] {
  const refused: OutputRecord[] = [];
  for (const { record } of ready) {
    const violations = contract.check(record.value).map((problem) => ({ seq: record.seq, ...problem }));
    for (const violation of violations) contract.report(violation);
    if (violations.length === 0 || !contract.refuse) continue;
    refused.push(record);
    const reason = violations.slice(0, 5).map(describeViolation).join("; ");
    fail(record, `the payload schema refuses the message: ${reason}`, 0);
  }
  return refused;
}

async function publishWithRetry(publisher: Publisher, messages: OutgoingMessage[], context: ModuleContext) {
  for (let attempts = 1; ; attempts++) {
    if (messages.length === 0) return { results: [], attempts: 0 };
    try {
      return { results: await publisher.publish(messages), attempts };
    } catch (error) {
      publisher.reset();
      if (context.signal.aborted || attempts >= context.retry.maxAttempts) {
        return { results: messages.map(() => `gave up after ${attempts} attempts: ${describeError(error)}`), attempts };
      }
      context.onRetry?.();
      context.logger.warn("publish failed, retrying", { broker: publisher.address, error: describeError(error) });
      await pause(backoffDelay(attempts, context.retry, context.random), context.signal);
    }
  }
}

/** The record itself is the body shown: exact, as it would be encoded. */
function planned(verb: string, address: string, message: OutgoingMessage, record: OutputRecord) {
  return {
    method: verb,
    url: `${address}/${message.destination}`,
    headers: message.key === undefined ? message.headers : { ...message.headers, "message-key": message.key },
    body: record.value,
  };
}
