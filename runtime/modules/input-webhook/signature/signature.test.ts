import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { WebhookVerify } from "../../../artifact/index.js";
import { createVerifier } from "./index.js";

const body = new TextEncoder().encode('{"test": 2432232314}');
const hex = (key: string | Buffer, ...parts: string[]) => {
  const mac = createHmac("sha256", key);
  for (const part of parts) mac.update(part);
  return mac.digest("hex");
};
const NOW = 1614265330_000;

// The published Standard Webhooks test vector (standard-webhooks reference libraries).
const SW_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
const SW_HEADERS = {
  "webhook-id": "msg_p5jXN8AQM9LWM0D4loKWxJek",
  "webhook-timestamp": "1614265330",
  "webhook-signature": "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
};

const stripeHeader = (secret: string, t: number) => `t=${t},v1=${hex(secret, `${t}.`, '{"test": 2432232314}')}`;

const CASES: { name: string; verify: unknown; headers: Record<string, string>; now?: number; ok: boolean | RegExp }[] =
  [
    {
      name: "standard: published vector",
      verify: { type: "standardWebhooks", secrets: [SW_SECRET] },
      headers: SW_HEADERS,
      ok: true,
    },
    {
      name: "standard: several signatures, one valid",
      verify: { type: "standardWebhooks", secrets: [SW_SECRET] },
      headers: { ...SW_HEADERS, "webhook-signature": `v1,bm9wZQ== v2,abc ${SW_HEADERS["webhook-signature"]}` },
      ok: true,
    },
    {
      name: "standard: id changed",
      verify: { type: "standardWebhooks", secrets: [SW_SECRET] },
      headers: { ...SW_HEADERS, "webhook-id": "msg_other" },
      ok: /does not match/,
    },
    {
      name: "standard: 6 minutes late",
      verify: { type: "standardWebhooks", secrets: [SW_SECRET] },
      headers: SW_HEADERS,
      now: NOW + 360_000,
      ok: /outside the tolerance/,
    },
    {
      name: "standard: 6 minutes early",
      verify: { type: "standardWebhooks", secrets: [SW_SECRET] },
      headers: SW_HEADERS,
      now: NOW - 360_000,
      ok: /outside the tolerance/,
    },
    {
      name: "standard: second secret matches (rotation)",
      verify: { type: "standardWebhooks", secrets: ["whsec_b3RoZXI=", SW_SECRET] },
      headers: SW_HEADERS,
      ok: true,
    },
    {
      name: "stripe: valid",
      verify: { type: "stripe", secrets: ["whsec_s"] },
      headers: { "stripe-signature": stripeHeader("whsec_s", 1614265330) },
      ok: true,
    },
    {
      name: "stripe: v0 and a wrong v1 before the right one",
      verify: { type: "stripe", secrets: ["whsec_s"] },
      headers: {
        "stripe-signature": `t=1614265330,v0=00,v1=${"0".repeat(64)},${stripeHeader("whsec_s", 1614265330).split(",")[1]}`,
      },
      ok: true,
    },
    {
      name: "stripe: timestamp changed after signing",
      verify: { type: "stripe", secrets: ["whsec_s"] },
      headers: { "stripe-signature": stripeHeader("whsec_s", 1614265330).replace("t=1614265330", "t=1614265331") },
      ok: /does not match/,
    },
    {
      name: "stripe: tolerance widened",
      verify: { type: "stripe", secrets: ["whsec_s"], tolerance: "1h" },
      headers: { "stripe-signature": stripeHeader("whsec_s", 1614265330) },
      now: NOW + 3_000_000,
      ok: true,
    },
    {
      name: "stripe: no t=",
      verify: { type: "stripe", secrets: ["whsec_s"] },
      headers: { "stripe-signature": `v1=${"0".repeat(64)}` },
      ok: /no t=/,
    },
    {
      name: "github: valid",
      verify: { type: "github", secrets: ["gh"] },
      headers: { "x-hub-signature-256": `sha256=${hex("gh", '{"test": 2432232314}')}` },
      ok: true,
    },
    {
      name: "github: sha1 header only",
      verify: { type: "github", secrets: ["gh"] },
      headers: { "x-hub-signature": "sha1=0000" },
      ok: /missing X-Hub-Signature-256/,
    },
    {
      name: "github: truncated signature",
      verify: { type: "github", secrets: ["gh"] },
      headers: { "x-hub-signature-256": `sha256=${hex("gh", '{"test": 2432232314}').slice(0, 62)}` },
      ok: /does not match/,
    },
    {
      name: "hmac: base64 without prefix",
      verify: { type: "hmac", header: "X-Sig", encoding: "base64", secrets: ["k"] },
      headers: { "x-sig": Buffer.from(hex("k", '{"test": 2432232314}'), "hex").toString("base64") },
      ok: true,
    },
    { name: "none: anything goes", verify: { type: "none" }, headers: {}, ok: true },
  ];

describe("webhook signature verifiers", () => {
  it.each(CASES)("$name", ({ verify, headers, now, ok }) => {
    const verdict = createVerifier(WebhookVerify.parse(verify))(new Headers(headers), body, now ?? NOW);
    if (ok === true) expect(verdict).toEqual({ ok: true });
    else expect(verdict).toMatchObject({ ok: false, reason: expect.stringMatching(ok as RegExp) });
  });
});
