import { randomUUID } from "node:crypto";
import { durationMs, type WebhookInput } from "../../artifact/index.js";
import { parsePath, readPath } from "../../json/path.js";

export interface DedupeRule {
  header?: string | undefined;
  path?: string | undefined;
  windowMs: number;
}

const DAY = "24h";

/** Where each preset's senders put the delivery id, used when `dedupe` names no header or path. */
const PRESET_IDS: Partial<Record<WebhookInput["verify"]["type"], { header?: string; path?: string }>> = {
  github: { header: "X-GitHub-Delivery" },
  stripe: { path: "id" },
  standardWebhooks: { header: "webhook-id" },
};

/** The rule in force: the explicit one, completed by the preset; undefined when deliveries are never de-duplicated. */
export function dedupeRule(input: WebhookInput): DedupeRule | undefined {
  const explicit = input.dedupe;
  const named = explicit?.header !== undefined || explicit?.path !== undefined;
  const source = named ? { header: explicit?.header, path: explicit?.path } : PRESET_IDS[input.verify.type];
  if (source === undefined) return undefined;
  return { header: source.header, path: source.path, windowMs: durationMs(explicit?.window ?? DAY) };
}

/**
 * The delivery id, or a reason it is missing. Without a rule each delivery gets a fresh id, so the
 * queue's uniqueness constraint never merges two of them.
 */
export function deliveryIdOf(
  rule: DedupeRule | undefined,
  headers: Headers,
  body: unknown,
): { id: string } | { missing: string } {
  if (rule === undefined) return { id: `random:${randomUUID()}` };
  if (rule.header !== undefined) {
    const value = headers.get(rule.header)?.trim();
    if (value) return { id: value };
    if (rule.path === undefined) return { missing: `missing delivery id header ${rule.header}` };
  }
  const value = rule.path === undefined ? undefined : readPath(body, parsePath(rule.path));
  if ((typeof value === "string" && value !== "") || typeof value === "number") return { id: String(value) };
  return { missing: `missing delivery id at ${rule.path}` };
}
