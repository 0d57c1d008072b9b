import type { Duration } from "../../artifact/index.js";
import type { InputEndpoint } from "../../../dsl/endpoint.js";
import { compact, frozenCopy } from "../../../dsl/freeze.js";
import type { StringValue } from "../../../dsl/ir.js";
import { dslMisuse } from "../../../dsl/misuse.js";
import type { ArrayPaths } from "../../../dsl/types/paths.js";
import type { WebhookInputNode, WebhookVerifyNode } from "../../../dsl/webhook-ir.js";

/** Where the record(s) sit in the payload: `$` (the default) is the payload itself. */
export type WebhookRecords<Payload> = "$" | ArrayPaths<Payload> | (string & {});

/**
 * The webhook input's fields as written (its IR node, derived from the schema), with `path` checked
 * to start with `/` and `records` typed against the payload.
 */
export type WebhookOptions<Payload> = Omit<WebhookInputNode, "kind" | "type" | "path" | "records"> & {
  /** Where `cannectors serve` receives the deliveries, e.g. `/hooks/github`. */
  path: `/${string}`;
  /** `$` or absent: the payload is the record. A path to an array gives one record per element. */
  records?: WebhookRecords<NoInfer<Payload>>;
};

/**
 * A webhook source, typed by its payload: `webhook<IssuesEvent>({ path, verify: github(secret("S")) })`.
 * With `records` pointing at an array, give the record type too: `webhook<Payload, Item>(...)`.
 */
export function webhook<Payload = unknown, Rec = Payload>(options: WebhookOptions<Payload>): InputEndpoint<Rec> {
  if (typeof options.path !== "string" || !options.path.startsWith("/")) {
    throw dslMisuse(`webhook path ${JSON.stringify(options.path)} must start with /`);
  }
  const { records, ...rest } = options;
  const input = compact({
    kind: "input",
    type: "webhook",
    ...frozenCopy(rest),
    records: records === "$" ? undefined : records,
  }) as WebhookInputNode;
  return Object.freeze({ kind: "endpoint" as const, input });
}

type Secrets = readonly [StringValue, ...StringValue[]];

/** GitHub's `X-Hub-Signature-256`; several secrets while rotating. Delivery ids from `X-GitHub-Delivery`. */
export function github(...secrets: Secrets): WebhookVerifyNode {
  return frozenCopy({ type: "github", secrets });
}

/** Stripe's `Stripe-Signature` (`t=…,v1=…`), refused outside `tolerance` (default 5m). Delivery ids from the event `id`. */
export function stripe(secrets: StringValue | Secrets, options: { tolerance?: Duration } = {}): WebhookVerifyNode {
  return frozenCopy({ type: "stripe", secrets: listOf(secrets), ...options });
}

/** Standard Webhooks (`webhook-id`, `webhook-timestamp`, `webhook-signature`) with `whsec_` secrets. */
export function standardWebhooks(
  secrets: StringValue | Secrets,
  options: { tolerance?: Duration } = {},
): WebhookVerifyNode {
  return frozenCopy({ type: "standardWebhooks", secrets: listOf(secrets), ...options });
}

/** A plain HMAC-SHA256 of the body in `header`, hex or base64, after an optional prefix such as `sha256=`. */
export function hmac(options: {
  header: string;
  secrets: StringValue | Secrets;
  encoding?: "hex" | "base64";
  prefix?: string;
}): WebhookVerifyNode {
  return frozenCopy({ type: "hmac", ...options, secrets: listOf(options.secrets) });
}

/** No signature check: only behind a gateway that has already verified the sender. */
export function unverified(): WebhookVerifyNode {
  return Object.freeze({ type: "none" });
}

function listOf(secrets: StringValue | Secrets): readonly StringValue[] {
  return Array.isArray(secrets) ? secrets : [secrets as StringValue];
}
