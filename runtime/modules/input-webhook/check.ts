import type { WebhookInput } from "../../artifact/index.js";
import type { PathSegment } from "../../diagnostics/index.js";
import { describeError } from "../../errors/index.js";
import { dedupeRule } from "./dedupe.js";
import { compilePayloadSchema } from "./payload-schema.js";

/** Checks of a webhook input that zod cannot express, each with its artifact path. */
export function checkWebhookInput(input: WebhookInput): { path: PathSegment[]; message: string }[] {
  const problems: { path: PathSegment[]; message: string }[] = [];
  if (input.dedupe !== undefined && dedupeRule(input) === undefined) {
    problems.push({
      path: ["input", "dedupe"],
      message: `verify type ${input.verify.type} has no delivery id of its own: give dedupe.header or dedupe.path`,
    });
  }
  if (input.dedupe?.header !== undefined && input.dedupe.path !== undefined) {
    problems.push({ path: ["input", "dedupe"], message: "give dedupe.header or dedupe.path, not both" });
  }
  if (input.schema !== undefined) {
    try {
      compilePayloadSchema(input.schema);
    } catch (error) {
      problems.push({ path: ["input", "schema"], message: `not a usable JSON Schema: ${describeError(error)}` });
    }
  }
  return problems;
}
