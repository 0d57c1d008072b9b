import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sign, type WebhookRig, webhookRig } from "../runtime/modules/input-webhook/test-support.js";

const SECRET = "It's a Secret to Everybody";
const OLD_SECRET = "the previous secret";
const WHSEC = `whsec_${Buffer.from("standard webhooks key bytes").toString("base64")}`;
const OLD_WHSEC = `whsec_${Buffer.from("the rotated-out key").toString("base64")}`;
const BODY = JSON.stringify({ id: "evt_1", action: "opened", issue: { number: 7 } });
const TAMPERED = BODY.replace("opened", "opene!");
/** Another event: GitHub signs only the body, so the same body twice is a duplicate whatever its delivery id. */
const OTHER = BODY.replace('"number":7', '"number":8');
const now = () => Math.floor(Date.now() / 1000);

interface Case {
  name: string;
  body: string;
  headers: () => Record<string, string>;
  status: number;
}

function cases(preset: string): Case[] {
  const id = () => `msg_${Math.random().toString(36).slice(2)}`;
  const delivery = () => ({ "x-github-delivery": id() });
  switch (preset) {
    case "github":
      return [
        { name: "valid", body: BODY, headers: () => ({ ...delivery(), ...sign.github(SECRET, BODY) }), status: 202 },
        {
          name: "signed with the other rotated secret",
          body: OTHER,
          headers: () => ({ ...delivery(), ...sign.github(OLD_SECRET, OTHER) }),
          status: 202,
        },
        {
          name: "wrong secret",
          body: BODY,
          headers: () => ({ ...delivery(), ...sign.github("wrong", BODY) }),
          status: 401,
        },
        {
          name: "body changed by one byte",
          body: TAMPERED,
          headers: () => ({ ...delivery(), ...sign.github(SECRET, BODY) }),
          status: 401,
        },
        { name: "missing signature header", body: BODY, headers: delivery, status: 401 },
        {
          name: "signature not hex",
          body: BODY,
          headers: () => ({ ...delivery(), "x-hub-signature-256": "sha256=zz" }),
          status: 401,
        },
      ];
    case "stripe":
      return [
        { name: "valid", body: BODY, headers: () => sign.stripe(SECRET, BODY, now()), status: 202 },
        { name: "wrong secret", body: BODY, headers: () => sign.stripe("wrong", BODY, now()), status: 401 },
        {
          name: "body changed by one byte",
          body: TAMPERED,
          headers: () => sign.stripe(SECRET, BODY, now()),
          status: 401,
        },
        {
          name: "timestamp 10 minutes old",
          body: BODY,
          headers: () => sign.stripe(SECRET, BODY, now() - 600),
          status: 401,
        },
        { name: "missing signature header", body: BODY, headers: () => ({}), status: 401 },
      ];
    default:
      return [
        { name: "valid", body: BODY, headers: () => sign.standard(WHSEC, id(), now(), BODY), status: 202 },
        {
          name: "signed with the other rotated secret",
          body: BODY,
          headers: () => sign.standard(OLD_WHSEC, id(), now(), BODY),
          status: 202,
        },
        {
          name: "wrong secret",
          body: BODY,
          headers: () => sign.standard(`whsec_${Buffer.from("x").toString("base64")}`, id(), now(), BODY),
          status: 401,
        },
        {
          name: "body changed by one byte",
          body: TAMPERED,
          headers: () => sign.standard(WHSEC, id(), now(), BODY),
          status: 401,
        },
        {
          name: "timestamp 10 minutes old",
          body: BODY,
          headers: () => sign.standard(WHSEC, id(), now() - 600, BODY),
          status: 401,
        },
        {
          name: "missing webhook-timestamp header",
          body: BODY,
          headers: () => {
            const { "webhook-timestamp": _dropped, ...rest } = sign.standard(WHSEC, id(), now(), BODY);
            return rest;
          },
          status: 401,
        },
      ];
  }
}

const PRESETS = [
  { preset: "github", verify: { type: "github", secrets: ["${env:GH_SECRET}", "${env:GH_OLD_SECRET}"] } },
  { preset: "stripe", verify: { type: "stripe", secrets: ["${env:STRIPE_SECRET}"], tolerance: "5m" } },
  {
    preset: "standardWebhooks",
    verify: { type: "standardWebhooks", secrets: ["${env:SW_SECRET}", "${env:SW_OLD_SECRET}"] },
  },
];
const ENV = {
  GH_SECRET: SECRET,
  GH_OLD_SECRET: OLD_SECRET,
  STRIPE_SECRET: SECRET,
  SW_SECRET: WHSEC,
  SW_OLD_SECRET: OLD_WHSEC,
};

describe.each(PRESETS)("webhook signatures: $preset", ({ preset, verify }) => {
  let rig: WebhookRig;
  beforeAll(async () => {
    rig = await webhookRig({ input: { verify }, env: ENV });
  });
  afterAll(() => rig.close());

  it.each(cases(preset))("$name → $status", async ({ body, headers, status }) => {
    const before = rig.rows();
    const answer = await rig.post(body, headers());
    expect(answer.status).toBe(status);
    expect(rig.rows()).toBe(status === 202 ? before + 1 : before);
    if (status === 401) expect(String(answer.body.error)).toMatch(/^signature refused/);
    // A refusal never echoes a secret.
    expect(JSON.stringify(answer.body)).not.toContain(SECRET);
  });
});

describe("webhook signatures: generic hmac", () => {
  let rig: WebhookRig;
  beforeAll(async () => {
    rig = await webhookRig({
      input: {
        verify: { type: "hmac", header: "X-Signature", encoding: "base64", prefix: "v1=", secrets: ["${env:S}"] },
      },
      env: { S: SECRET },
    });
  });
  afterAll(() => rig.close());

  const mac = (secret: string, body: string) =>
    `v1=${Buffer.from(sign.github(secret, body)["x-hub-signature-256"]!.slice(7), "hex").toString("base64")}`;
  it.each([
    { name: "valid", header: () => mac(SECRET, BODY), status: 202 },
    { name: "hex instead of base64", header: () => sign.github(SECRET, BODY)["x-hub-signature-256"]!, status: 401 },
    { name: "wrong secret", header: () => mac("nope", BODY), status: 401 },
  ])("$name → $status", async ({ header, status }) => {
    expect((await rig.post(BODY, { "x-signature": header() })).status).toBe(status);
  });
});
