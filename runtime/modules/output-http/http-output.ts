import { durationMs } from "../../artifact/common.js";
import type { HttpOutput } from "./schema.js";
import type {
  DeadLetterSink,
  DeliveryResult,
  DryRunSink,
  ModuleContext,
  OutputModule,
  OutputRecord,
} from "../../engine/modules.js";
import { CannectorsError, ErrorCodes } from "../../errors/index.js";
import type { Authenticator } from "../../auth/index.js";
import { scopeToOrigin } from "../../auth/origin-scope.js";
import { type ContractViolation, describeViolation, type OutputContract } from "../../contract/violation.js";
import { requestViolations } from "./contract-check.js";
import type { DeliveryFailure, DeliveryRequest } from "./delivery-request.js";
import { planRequest } from "./dry-run-plan.js";
import { createRequestBuilder, type PreparedRecord } from "./request-builder.js";
import { type SendContext, sendWithRetry } from "./send-with-retry.js";

export interface HttpOutputContext extends ModuleContext {
  auth: Authenticator;
  deadLetter: DeadLetterSink;
  /** When set, requests are rendered to this sink and nothing is sent. */
  dryRun?: DryRunSink | undefined;
  /** The target's contract, when known: every request's body is checked against it (see OutputContract). */
  contract?: OutputContract | undefined;
}

/**
 * Sends records to an HTTP API. Single-record mode sends the records of a batch one after the
 * other: the engine already runs `settings.concurrency` batches at once, and sequential sends keep
 * the dead-letter file in record order.
 */
export function createHttpOutput(spec: HttpOutput, ctx: HttpOutputContext): OutputModule {
  const builder = createRequestBuilder(spec, ctx.connectorName, (text) => ctx.redactor.redact(text));
  const sendContext: SendContext = {
    client: ctx.client,
    // Output URLs never leave baseUrl's origin (url-template.ts); the scope makes sure of it.
    auth: scopeToOrigin(ctx.auth, spec.baseUrl),
    logger: ctx.logger,
    redactor: ctx.redactor,
    clock: ctx.clock,
    retry: ctx.retry,
    signal: ctx.signal,
    random: ctx.random,
    onRetry: ctx.onRetry,
    responses: spec.responses,
    timeoutMs: spec.timeout === undefined ? undefined : durationMs(spec.timeout),
  };

  function deadLetter(
    records: readonly OutputRecord[],
    failure: Omit<DeliveryFailure, "rejected">,
    request?: DeliveryRequest,
  ): DeliveryResult {
    // The key the records went out under: a replay sends the same group again, so the same key.
    const idempotencyKey =
      spec.idempotency && request ? request.headers[spec.idempotency.header.toLowerCase()] : undefined;
    for (const record of records) {
      ctx.deadLetter.write({
        connector: ctx.connectorName,
        seq: record.seq,
        record: record.value,
        status: failure.status,
        reason: failure.reason,
        responseExcerpt: failure.responseExcerpt,
        attempts: failure.attempts,
        ...(idempotencyKey === undefined ? {} : { idempotencyKey }),
      });
      ctx.logger.warn("record dead-lettered", {
        seq: record.seq,
        status: failure.status,
        reason: ctx.redactor.redact(failure.reason),
        attempts: failure.attempts,
      });
    }
    return { delivered: 0, deadLettered: records.length };
  }

  async function send(group: readonly PreparedRecord[]): Promise<DeliveryResult> {
    const request = builder.build(group);
    const violations = ctx.contract ? requestViolations(spec, request, ctx.contract.check) : [];
    for (const violation of violations) ctx.contract?.report(violation);
    if (ctx.dryRun) {
      ctx.dryRun.write(planRequest(request, spec.auth, ctx.redactor));
      if (violations.length === 0 || !ctx.contract?.refuse) return { delivered: group.length, deadLettered: 0 };
      return refusedByContract(request, violations);
    }
    const outcome = await sendWithRetry(request, sendContext);
    if (outcome.ok) return { delivered: group.length, deadLettered: 0 };
    if (outcome.rejected && group.length > 1) return split(group, request, outcome.status, outcome.responseExcerpt);
    return deadLetter(request.records, outcome, request);
  }

  /**
   * In a dry run, a record the target's contract refuses fails as the target's 4xx would fail it;
   * the other records of its request are planned. The reason says where and which rule, not the value.
   */
  function refusedByContract(request: DeliveryRequest, violations: readonly ContractViolation[]): DeliveryResult {
    const total: DeliveryResult = { delivered: 0, deadLettered: 0 };
    for (const record of request.records) {
      const own = violations.filter((v) => v.seq === record.seq);
      if (own.length === 0) {
        total.delivered++;
        continue;
      }
      const reason = `the target's contract refuses the body: ${own.slice(0, 5).map(describeViolation).join("; ")}`;
      add(total, deadLetter([record], { status: null, reason, responseExcerpt: "", attempts: 0 }));
    }
    return total;
  }

  /** A rejected batch is resent record by record so only the records the API refuses alone are dead-lettered. */
  async function split(
    group: readonly PreparedRecord[],
    request: DeliveryRequest,
    status: number | null,
    responseExcerpt: string,
  ): Promise<DeliveryResult> {
    // The target's own words (redacted already) say why: a missing field, a bad value.
    ctx.logger.warn("batch rejected, resending its records one by one", {
      url: request.maskedUrl,
      status,
      records: group.length,
      response: responseExcerpt,
    });
    ctx.onSplit?.();
    const total: DeliveryResult = { delivered: 0, deadLettered: 0 };
    for (const prepared of group) add(total, await send([prepared]));
    return total;
  }

  return {
    async deliver(batch) {
      if (ctx.signal.aborted) {
        throw new CannectorsError(
          ErrorCodes.CANCELLED,
          `output delivery cancelled before ${spec.method} ${spec.path}`,
          {
            cause: ctx.signal.reason,
          },
        );
      }
      // Nothing to check record by record: the whole batch goes as it is.
      const target = spec.batch ? builder.fixedTarget() : undefined;
      if (target !== undefined && batch.length > 0) {
        return send(batch.map((record) => ({ record, target, key: undefined })));
      }
      const total: DeliveryResult = { delivered: 0, deadLettered: 0 };
      const ready: PreparedRecord[] = [];
      for (const record of batch) {
        const preparation = builder.prepare(record);
        if (!preparation.ok) {
          const failure = { status: null, reason: preparation.reason, responseExcerpt: "", attempts: 0 };
          add(total, deadLetter([record], failure));
        } else if (spec.batch) ready.push(preparation.prepared);
        else add(total, await send([preparation.prepared]));
      }
      if (ready.length > 0) add(total, await send(ready));
      return total;
    },
    async close() {
      await ctx.deadLetter.close();
    },
  };
}

function add(total: DeliveryResult, part: DeliveryResult): void {
  total.delivered += part.delivered;
  total.deadLettered += part.deadLettered;
}
