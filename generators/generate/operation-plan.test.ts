import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadSpec } from "../openapi/index.js";
import { authPlanFor } from "./auth.js";
import { apiSlug, choosePair } from "./generate.js";
import { paginationFor } from "./pagination.js";

const dir = mkdtempSync(path.join(tmpdir(), "cannectors-plan-"));
let count = 0;

/** A one-operation OpenAPI 3.0 spec, read by the real loader. */
async function specWith(options: { title?: string; list?: object; security?: object }) {
  const file = path.join(dir, `spec-${count++}.json`);
  const items = { type: "array", items: { type: "object", properties: { id: { type: "integer" } } } };
  const list = { responses: { "200": { description: "ok", content: { "application/json": { schema: items } } } } };
  writeFileSync(
    file,
    JSON.stringify({
      openapi: "3.0.3",
      info: { title: options.title ?? "Some API", version: "1" },
      paths: { "/users": { get: { ...list, ...options.list } } },
      components: { securitySchemes: options.security ?? {} },
    }),
  );
  const spec = await loadSpec(file);
  return { spec, operation: spec.operations[0]! };
}

const page = (headers: object) => ({
  parameters: [
    { name: "since", in: "query", schema: { type: "integer" } },
    { name: "per_page", in: "query", schema: { type: "integer" } },
  ],
  responses: {
    "200": {
      description: "ok",
      headers,
      content: { "application/json": { schema: { type: "array", items: { type: "object" } } } },
    },
  },
});

describe("paginationFor", () => {
  it.each([
    {
      name: "a declared Link header (GitHub)",
      given: page({ Link: { schema: { type: "string" } } }),
      want: "linkHeader",
    },
    { name: "a lower-case link header", given: page({ link: { schema: { type: "string" } } }), want: "linkHeader" },
    { name: "no header and no paging parameter it knows", given: page({}), want: undefined },
  ])("$name → $want", async ({ given, want }) => {
    const { operation } = await specWith({ list: given });
    expect(paginationFor(operation).pagination?.type).toBe(want);
  });
});

describe("authPlanFor", () => {
  const basic = { type: "http", scheme: "basic" };
  const bearer = { type: "http", scheme: "bearer" };
  const apiKey = { type: "apiKey", in: "header", name: "X-Key" };
  const oauth = {
    type: "oauth2",
    flows: { clientCredentials: { tokenUrl: "https://auth.example.com/token", scopes: {} } },
  };
  const authCode = {
    type: "oauth2",
    flows: {
      authorizationCode: {
        authorizationUrl: "https://login.example.com/authorize",
        tokenUrl: "https://login.example.com/token",
        scopes: { "accounting.transactions": "Transactions", offline_access: "Refresh tokens" },
      },
    },
  };
  const implicit = {
    type: "oauth2",
    flows: { implicit: { authorizationUrl: "https://login.example.com/authorize", scopes: {} } },
  };
  it.each([
    {
      name: "bearer over basic listed first (Stripe)",
      given: { basicAuth: basic, bearerAuth: bearer },
      want: "bearer",
    },
    { name: "an API key over client credentials", given: { oauth, key: apiKey }, want: "apiKey" },
    { name: "client credentials over basic", given: { basicAuth: basic, oauth }, want: "oauth2ClientCredentials" },
    { name: "basic when it is all there is", given: { basicAuth: basic }, want: "basic" },
    {
      name: "authorization code when it is the only flow (Xero, Zoom)",
      given: { oauth: authCode },
      want: "oauth2AuthorizationCode",
    },
    {
      name: "client credentials over authorization code",
      given: { code: authCode, oauth },
      want: "oauth2ClientCredentials",
    },
    {
      name: "authorization code over basic",
      given: { basicAuth: basic, code: authCode },
      want: "oauth2AuthorizationCode",
    },
    {
      name: "nothing for an implicit flow alone (no refresh token, browser only)",
      given: { oauth: implicit },
      want: undefined,
    },
  ])("$name", async ({ given, want }) => {
    const { spec, operation } = await specWith({ security: given });
    expect(authPlanFor(spec, operation).auth?.kind).toBe(want);
  });

  it("asks for the declared scopes when there are a few, and for a choice when there are many", async () => {
    const few = await specWith({ security: { oauth: authCode } });
    expect(authPlanFor(few.spec, few.operation).auth).toEqual({
      kind: "oauth2AuthorizationCode",
      authorizationUrl: "https://login.example.com/authorize",
      tokenUrl: "https://login.example.com/token",
      clientIdSecret: expect.stringMatching(/_CLIENT_ID$/),
      clientSecretSecret: expect.stringMatching(/_CLIENT_SECRET$/),
      scopes: ["accounting.transactions", "offline_access"],
    });
    const scopes = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`scope.${i}`, "a scope"]));
    const many = await specWith({
      security: {
        oauth: { type: "oauth2", flows: { authorizationCode: { ...authCode.flows.authorizationCode, scopes } } },
      },
    });
    const plan = authPlanFor(many.spec, many.operation);
    expect(plan.auth).not.toHaveProperty("scopes");
    expect(plan.notes.join("\n")).toMatch(/declares 30 scopes/);
  });
});

describe("apiSlug", () => {
  it.each([
    { title: "GitHub's official OpenAPI spec + Octokit extension", want: "github-official" },
    { title: "Demo CRM API", want: "crm" },
    { title: "Stripe API", want: "stripe" },
    { title: "!!!", want: "fallback" },
  ])("$title → $want", async ({ title, want }) => {
    const { spec } = await specWith({ title });
    expect(apiSlug(spec, "fallback")).toBe(want);
  });
});

describe("choosePair", () => {
  it("says which side has nothing to offer: GETs without a response schema (Trello) are no list", async () => {
    const { spec } = await specWith({ title: "Cards", list: { responses: { "200": { description: "Success" } } } });
    const options = { source: "cards.json", target: "cards.json", name: "cards", outDir: dir };
    await expect(choosePair(spec, spec, options)).rejects.toThrow(
      "the source spec (Cards) has no GET operation whose response declares an array of objects",
    );
  });
});
