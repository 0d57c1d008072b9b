/**
 * The IR of a webhook input, derived from its schema (authored.ts): plain data, the signing secrets
 * as refs, lowered field by field to `input.type: webhook`.
 */
import type { z } from "zod";
import type { WebhookInput, WebhookVerify } from "../runtime/modules/input-webhook/schema.js";
import type { Authored } from "./authored.js";
import type { StringValue } from "./ir.js";

/** The artifact's verify preset; its secrets as refs (`secret("X")`). */
export type WebhookVerifyNode = Authored<z.input<typeof WebhookVerify>, { secrets: readonly StringValue[] }>;

/** The artifact's webhook input; `schema` is the user's JSON Schema, kept as written. */
export type WebhookInputNode = { readonly kind: "input" } & Authored<
  z.input<typeof WebhookInput>,
  { verify: WebhookVerifyNode }
>;
