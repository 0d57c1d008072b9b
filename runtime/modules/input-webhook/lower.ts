// Authoring: imports only the DSL's and the compiler's contracts, types only (../README.md).
import type { z } from "zod";
import type { LoweringTools } from "../../../compiler/lower/contract.js";
import type { WebhookInputNode } from "../../../dsl/webhook-ir.js";
import type { WebhookInput } from "./schema.js";

/** Plain data with secrets as refs: lowered field by field. */
export function lowerWebhookInput(
  node: WebhookInputNode,
  _path: string,
  tools: LoweringTools,
): z.input<typeof WebhookInput> {
  const { kind: _kind, ...rest } = node;
  return tools.plain(rest);
}
