/**
 * The webhook input: `cannectors serve` mounts a receiver per webhook connector at its path and
 * runs `processWebhookQueue` after each accepted delivery. Acceptance is durable: a 2xx is sent
 * only once the delivery is committed to the state database's queue.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { WebhookInput } from "../../artifact/index.js";
import { CannectorsError, describeError, ErrorCodes } from "../../errors/index.js";
import type { Logger } from "../../log/types.js";
import { type Clock, systemClock } from "../../net/types.js";
import { resolveSecrets } from "../../secrets/index.js";
import type { StateStore } from "../../state/index.js";
import type { LoadedArtifact } from "../../validate/index.js";
import { dedupeRule } from "./dedupe.js";
import { compilePayloadSchema } from "./payload-schema.js";
import { fromNodeRequest, writeNodeAnswer } from "./node-delivery.js";
import {
  type DeliveryAnswer,
  type DeliveryOutcome,
  fromRequest,
  type IncomingDelivery,
  receiveDelivery,
  toResponse,
} from "./receiver.js";
import { createVerifier } from "./signature/index.js";

export interface WebhookReceiver {
  /** The artifact's path, e.g. "/hooks/github" (serve mounts it). */
  readonly path: string;
  /** Verifies, de-duplicates and stores one delivery durably; answers only after the store commit. Never throws for bad input: returns a 4xx Response. */
  handle(request: Request): Promise<Response>;
  /** The same on Node's own request and response (serve's fast path); never throws, answers every request. */
  handleNode?(request: IncomingMessage, response: ServerResponse): Promise<void>;
}

export interface WebhookMetrics {
  delivery(status: DeliveryOutcome, code: number): void;
}

export interface WebhookReceiverOptions {
  artifact: LoadedArtifact;
  store: StateStore;
  env?: Record<string, string | undefined>;
  clock?: Clock;
  /** Called after each newly stored delivery (not for duplicates): the moment to process the queue. */
  onAccepted?: () => void;
  metrics?: WebhookMetrics;
  /** Where refusals are logged (reason only: never the body or a secret). */
  logger?: Logger;
}

/**
 * Builds the receiver of one webhook connector. Secrets are resolved here, once: a missing one is
 * a configuration error (CANNECTORS_E_SECRET_UNRESOLVED) before any delivery is taken.
 */
export function createWebhookReceiver(options: WebhookReceiverOptions): WebhookReceiver {
  const connector = options.artifact.connector;
  if (connector.input.type !== "webhook") {
    throw new CannectorsError(
      ErrorCodes.CONFIG_INVALID,
      `connector ${connector.metadata.name} has a ${connector.input.type} input, not a webhook input`,
    );
  }
  const resolved = resolveSecrets<WebhookInput>(connector.input, options.env ?? process.env);
  if (resolved.missing.length > 0) {
    const names = resolved.missing.map((ref) => ref.raw).join(", ");
    throw new CannectorsError(ErrorCodes.SECRET_UNRESOLVED, `unresolved secret references: ${names}`);
  }
  const input = resolved.value;
  const name = connector.metadata.name;
  const parts = {
    connector: name,
    input,
    store: options.store,
    clock: options.clock ?? systemClock,
    verify: createVerifier(input.verify),
    checkPayload: compilePayloadSchema(input.schema),
    dedupe: dedupeRule(input),
    report(outcome: DeliveryOutcome, status: number, reason?: string) {
      options.metrics?.delivery(outcome, status);
      try {
        if (outcome === "accepted") options.onAccepted?.();
      } catch (error) {
        // The delivery is stored; a failing hook must not turn its 2xx into an error.
        options.logger?.error("webhook onAccepted failed", { connector: name, error: describeError(error) });
      }
      if (reason !== undefined) options.logger?.warn("webhook delivery refused", { connector: name, status, reason });
    },
  };
  const receive = async (incoming: IncomingDelivery): Promise<DeliveryAnswer> => {
    try {
      return await receiveDelivery(parts, incoming);
    } catch (error) {
      parts.report("rejected", 500, `unexpected: ${describeError(error)}`);
      return {
        status: 500,
        body: JSON.stringify({ error: "internal error" }),
        headers: { "content-type": "application/json" },
      };
    }
  };
  return {
    path: input.path,
    handle: async (request) => toResponse(await receive(fromRequest(request))),
    async handleNode(request, response) {
      writeNodeAnswer(request, response, await receive(fromNodeRequest(request)));
    },
  };
}
