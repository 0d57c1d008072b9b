/** The IR of a webhook input: plain data, secrets as refs, lowered field by field to `input.type: webhook`. */
import type { Duration } from "../runtime/artifact/index.js";
import type { StringValue } from "./ir.js";

export type WebhookVerifyNode =
  | { readonly type: "github"; readonly secrets: readonly StringValue[] }
  | { readonly type: "stripe"; readonly secrets: readonly StringValue[]; readonly tolerance?: Duration }
  | { readonly type: "standardWebhooks"; readonly secrets: readonly StringValue[]; readonly tolerance?: Duration }
  | {
      readonly type: "hmac";
      readonly header: string;
      readonly encoding?: "hex" | "base64";
      readonly prefix?: string;
      readonly secrets: readonly StringValue[];
    }
  | { readonly type: "none" };

export interface WebhookInputNode {
  readonly kind: "input";
  readonly type: "webhook";
  readonly path: string;
  readonly methods?: readonly ("POST" | "PUT")[];
  readonly contentTypes?: readonly string[];
  readonly maxBodySize?: number;
  readonly records?: string;
  readonly schema?: Readonly<Record<string, unknown>>;
  readonly verify: WebhookVerifyNode;
  readonly dedupe?: { readonly header?: string; readonly path?: string; readonly window?: Duration };
}
