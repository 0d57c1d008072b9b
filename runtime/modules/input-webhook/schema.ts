import * as z from "zod";
import { Duration, FieldPath, SecretString } from "../../artifact/common.js";

/** Several secrets at once let a sender rotate: the new one is added, the senders switch, the old one is removed. */
const Secrets = z
  .array(SecretString.min(1))
  .min(1)
  .max(8)
  .describe("Signing secrets, usually `${env:NAME}`; a delivery signed with any of them is accepted (rotation).");

const Tolerance = Duration.default("5m").describe(
  "How far the signed timestamp may be from now, either way; older (replayed) deliveries are refused.",
);

export const HmacVerify = z
  .strictObject({
    type: z.literal("hmac"),
    header: z.string().min(1).describe("Header that carries the signature, e.g. X-Signature."),
    encoding: z.enum(["hex", "base64"]).default("hex").describe("How the signature is written in the header."),
    prefix: z.string().default("").describe("Text before the signature in the header, e.g. `sha256=`."),
    secrets: Secrets,
  })
  .describe("HMAC-SHA256 over the raw body, compared in constant time.");

export const GithubVerify = z
  .strictObject({ type: z.literal("github"), secrets: Secrets })
  .describe("GitHub: `X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the body>`.");

export const StripeVerify = z
  .strictObject({ type: z.literal("stripe"), secrets: Secrets, tolerance: Tolerance })
  .describe("Stripe: `Stripe-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of t.body>`.");

export const StandardWebhooksVerify = z
  .strictObject({ type: z.literal("standardWebhooks"), secrets: Secrets, tolerance: Tolerance })
  .describe(
    "Standard Webhooks: `webhook-id`, `webhook-timestamp` and `webhook-signature: v1,<base64>` with `whsec_` secrets.",
  );

export const NoVerify = z
  .strictObject({ type: z.literal("none") })
  .describe("No authenticity check: only behind a gateway that already verified the sender.");

export const WebhookVerify = z.discriminatedUnion("type", [
  HmacVerify,
  GithubVerify,
  StripeVerify,
  StandardWebhooksVerify,
  NoVerify,
]);
export type WebhookVerify = z.infer<typeof WebhookVerify>;

export const WebhookDedupe = z
  .strictObject({
    header: z.string().min(1).optional().describe("Header holding the delivery id, e.g. X-GitHub-Delivery."),
    path: FieldPath.optional().describe("Field path to the delivery id in the JSON body, e.g. `id`."),
    window: Duration.default("24h").describe(
      "How long a delivery id is remembered, from its arrival; an unprocessed delivery's id is kept until processed.",
    ),
  })
  .describe("De-duplication by a delivery id taken from a header or the body; the verify preset gives a default.");
export type WebhookDedupe = z.infer<typeof WebhookDedupe>;

export const WebhookInput = z
  .strictObject({
    type: z.literal("webhook"),
    path: z
      .string()
      .regex(/^\/[^\s?#]*$/, "expected a path such as /hooks/github")
      .describe("Where `cannectors serve` receives the deliveries."),
    methods: z
      .array(z.enum(["POST", "PUT"]))
      .min(1)
      .default(["POST"])
      .describe("Accepted HTTP methods."),
    contentTypes: z
      .array(z.string().min(1))
      .min(1)
      .default(["application/json"])
      .describe("Accepted media types, compared without parameters; the body is always read as JSON."),
    maxBodySize: z
      .number()
      .int()
      .positive()
      .max(64 * 1024 * 1024)
      .default(1024 * 1024)
      .describe("Largest accepted body, in bytes; a larger one is answered 413 without being read further."),
    records: FieldPath.optional().describe(
      "Path to the record(s) in the body: an object is one record, an array several. Absent: the body itself.",
    ),
    schema: z
      .record(z.string(), z.unknown())
      .optional()
      .describe("JSON Schema the body must match; a delivery that does not is answered 422 and not stored."),
    verify: WebhookVerify,
    dedupe: WebhookDedupe.optional(),
  })
  .describe("Receives deliveries pushed to `cannectors serve`; each is verified, de-duplicated and queued durably.");
export type WebhookInput = z.infer<typeof WebhookInput>;
