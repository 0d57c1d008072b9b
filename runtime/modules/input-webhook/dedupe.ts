import { createHash, randomUUID } from "node:crypto";
import { durationMs } from "../../artifact/common.js";
import type { WebhookInput } from "./schema.js";
import type { HeaderReader } from "./signature/index.js";
import { parsePath, readPath } from "../../json/path.js";

export interface DedupeRule {
  header?: string | undefined;
  path?: string | undefined;
  windowMs: number;
  /** The id comes from a header the signature does not cover: the body (which it does) is compared too. */
  byBody: boolean;
}

const DAY = "24h";

/** Where each preset's senders put the delivery id, used when `dedupe` names no header or path. */
const PRESET_IDS: Partial<Record<WebhookInput["verify"]["type"], { header?: string; path?: string }>> = {
  github: { header: "X-GitHub-Delivery" },
  stripe: { path: "id" },
  standardWebhooks: { header: "webhook-id" },
};

/** Headers a preset's signature covers: an id read from one of them cannot be changed by a replayer. */
const SIGNED_HEADERS: Partial<Record<WebhookInput["verify"]["type"], string>> = { standardWebhooks: "webhook-id" };

/**
 * The rule in force: the explicit one, completed by the preset; undefined when deliveries are never
 * de-duplicated. GitHub (and `hmac`) sign only the body, so anyone holding one signed delivery could
 * resend it under a fresh `X-GitHub-Delivery`: for an id from an unsigned header, a body already seen
 * within the window is a duplicate as well. (A sender never sends one body twice as two events: GitHub
 * payloads carry their own ids and timestamps.) With `verify: none` nothing is signed, so nothing is
 * gained by it.
 */
export function dedupeRule(input: WebhookInput): DedupeRule | undefined {
  const explicit = input.dedupe;
  const named = explicit?.header !== undefined || explicit?.path !== undefined;
  const source = named ? { header: explicit?.header, path: explicit?.path } : PRESET_IDS[input.verify.type];
  if (source === undefined) return undefined;
  const signed = SIGNED_HEADERS[input.verify.type];
  const unsignedHeader = source.header !== undefined && source.header.toLowerCase() !== signed;
  return {
    header: source.header,
    path: source.path,
    windowMs: durationMs(explicit?.window ?? DAY),
    byBody: unsignedHeader && input.verify.type !== "none",
  };
}

/** The body's SHA-256 when the rule compares bodies, else undefined. */
export function bodyHashOf(rule: DedupeRule | undefined, bytes: Uint8Array): string | undefined {
  return rule?.byBody ? createHash("sha256").update(bytes).digest("hex") : undefined;
}

/**
 * The delivery id, or a reason it is missing. Without a rule each delivery gets a fresh id, so the
 * queue's uniqueness constraint never merges two of them.
 */
export function deliveryIdOf(
  rule: DedupeRule | undefined,
  headers: HeaderReader,
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
