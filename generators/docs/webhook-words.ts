/** A webhook input in plain words: where it listens, how deliveries are verified and de-duplicated. */
import type { WebhookInput } from "../../runtime/modules/input-webhook/schema.js";
import type { Fact, ModuleDoc } from "./model-types.js";
import { secretSource } from "./secret-words.js";

const VERIFY: Record<WebhookInput["verify"]["type"], string> = {
  hmac: "HMAC-SHA256 of the body",
  github: "GitHub signature (`X-Hub-Signature-256`)",
  stripe: "Stripe signature (`Stripe-Signature`)",
  standardWebhooks: "Standard Webhooks signature",
  none: "none: only behind a gateway that already verified the sender",
};

function verifyWords(verify: WebhookInput["verify"]): string {
  if (verify.type === "none") return VERIFY.none;
  const header = verify.type === "hmac" ? ` in \`${verify.header}\` (${verify.encoding})` : "";
  const tolerance = "tolerance" in verify ? `; timestamps within ${verify.tolerance}` : "";
  const secrets = verify.secrets.map(secretSource).join(", ");
  return `${VERIFY[verify.type]}${header}, secret(s) from ${secrets}${tolerance}`;
}

export function webhookDoc(input: WebhookInput): ModuleDoc {
  const facts: Fact[] = [
    { label: "Endpoint", text: `${input.methods.join(" or ")} ${input.path} on \`cannectors serve\`` },
    { label: "Records", text: input.records ? `\`${input.records}\` of the delivery body` : "the delivery body" },
    { label: "Verification", text: verifyWords(input.verify) },
    { label: "Accepts", text: `${input.contentTypes.join(", ")}, at most ${input.maxBodySize} bytes` },
  ];
  if (input.dedupe) {
    const from = input.dedupe.header
      ? `header \`${input.dedupe.header}\``
      : input.dedupe.path
        ? `body field \`${input.dedupe.path}\``
        : "the preset's delivery id";
    facts.push({ label: "De-duplication", text: `by ${from}, remembered ${input.dedupe.window}` });
  }
  if (input.schema)
    facts.push({ label: "Schema", text: "the body must match the JSON Schema in the artifact (422 otherwise)" });
  return { title: "Input", facts };
}
