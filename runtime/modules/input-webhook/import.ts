// Authoring: `cannectors import` of a webhook input, `webhook<ImportedRecord>({ ... })` with its verify preset call (../README.md).
import type { z } from "zod";
import type { ImportContext } from "../../../compiler/import/contract.js";
import { literal, propertyKey, secretString } from "../../../compiler/import/ts-literals.js";
import type { WebhookInput, WebhookVerify } from "./schema.js";

function options(entries: readonly [string, string | undefined][]): string {
  const present = entries.filter((e): e is [string, string] => e[1] !== undefined);
  return `{ ${present.map(([k, v]) => `${propertyKey(k)}: ${v}`).join(", ")} }`;
}

const optional = (value: unknown) => (value === undefined ? undefined : literal(value));

function verifyCall(verify: z.input<typeof WebhookVerify>, context: ImportContext): string {
  const secrets = (list: readonly string[]) => list.map((s) => secretString(s, context.use)).join(", ");
  switch (verify.type) {
    case "none":
      context.use("unverified");
      return "unverified()";
    case "github":
      context.use("github");
      return `github(${secrets(verify.secrets)})`;
    case "stripe":
    case "standardWebhooks": {
      context.use(verify.type);
      const tolerance =
        verify.tolerance === undefined ? "" : `, ${options([["tolerance", literal(verify.tolerance)]])}`;
      return `${verify.type}([${secrets(verify.secrets)}]${tolerance})`;
    }
    case "hmac":
      context.use("hmac");
      return `hmac(${options([
        ["header", literal(verify.header)],
        ["secrets", `[${secrets(verify.secrets)}]`],
        ["encoding", optional(verify.encoding)],
        ["prefix", optional(verify.prefix)],
      ])})`;
  }
}

export function webhookCall(input: z.input<typeof WebhookInput>, context: ImportContext): string {
  context.use("webhook");
  return `webhook<ImportedRecord>(${options([
    ["path", literal(input.path ?? "/")],
    ["verify", input.verify === undefined ? undefined : verifyCall(input.verify, context)],
    ["records", optional(input.records)],
    ["methods", optional(input.methods)],
    ["contentTypes", optional(input.contentTypes)],
    ["maxBodySize", optional(input.maxBodySize)],
    ["schema", optional(input.schema)],
    ["dedupe", optional(input.dedupe)],
  ])})`;
}
