import { describe, expect, it } from "vitest";
import { createRedactor, findSecretRefs, isSecretRef, resolveSecrets } from "./index.js";

/** Where a reference sits decides whether `${env:}` is a secret; `${secret:}` always is. */
const cases: { given: [(string | number)[], string]; want: boolean }[] = [
  { given: [["input", "baseUrl"], "${env:CRM_URL}"], want: false },
  { given: [["input", "baseUrl"], "http://${env:HOST}:4010/v1"], want: false },
  { given: [["output", "baseUrl"], "https://x.example.com/?k=${env:KEY}"], want: true },
  { given: [["output", "baseUrl"], "https://x.example.com/#${env:KEY}"], want: true },
  { given: [["output", "baseUrl"], "https://${env:USER}:${env:PASS}@x.example.com"], want: true },
  { given: [["output", "baseUrl"], "${secret:CRM_URL}"], want: true },
  { given: [["input", "auth", "tokenUrl"], "${env:TOKEN_URL}"], want: false },
  { given: [["input", "auth", "tokenUrl"], "https://a/t?key=${env:K}"], want: true },
  { given: [["input", "auth", "value"], "${env:CRM_API_KEY}"], want: true },
  { given: [["output", "auth", "clientSecret"], "${env:S}"], want: true },
  { given: [["output", "auth", "username"], "${env:U}"], want: true },
  { given: [["input", "path"], "/v1/${env:TENANT}/items"], want: false },
  { given: [["input", "pathParams", "owner"], "${env:OWNER}"], want: false },
  { given: [["input", "headers", "X-Tenant"], "${env:TENANT}"], want: false },
  { given: [["input", "headers", "X-Tenant"], "${secret:TENANT}"], want: true },
  { given: [["input", "headers", "Authorization"], "Bearer ${env:T}"], want: true },
  { given: [["input", "headers", "X-API-Key"], "${env:K}"], want: true },
  { given: [["output", "headers", "Cookie"], "s=${env:C}"], want: true },
  { given: [["output", "query", "api_key"], "${env:K}"], want: true },
  { given: [["output", "query", "access_token"], "${env:K}"], want: true },
  { given: [["output", "query", "region"], "${env:REGION}"], want: false },
  { given: [["input", "body", "password"], "${env:P}"], want: true },
  { given: [["input", "body"], "${env:P}"], want: true },
  { given: [["input", "verify", "secrets", 0], "${env:GH_SECRET}"], want: true },
  { given: [["metadata", "description"], "${env:X}"], want: true },
  // A credential's variable name makes a secret anywhere; a place's name does not.
  { given: [["output", "headers", "X-Trace"], "w=${env:WEBHOOK_SECRET}"], want: true },
  { given: [["output", "baseUrl"], "https://h/${env:GH_TOKEN}"], want: true },
  { given: [["output", "query", "q"], "${env:API_KEY}"], want: true },
  { given: [["output", "auth", "tokenUrl"], "${env:AUTH_TOKEN_URL}"], want: false },
  // An output nested in routes, fanout or fallback: its positions mean what they mean at the top.
  { given: [["output", "routes", 0, "output", "baseUrl"], "${env:ERP_URL}"], want: false },
  { given: [["output", "outputs", 1, "output", "primary", "headers", "X-Tenant"], "${env:T}"], want: false },
  { given: [["output", "default", "query", "api_key"], "${env:K}"], want: true },
  { given: [["output", "fallback", "auth", "tokenUrl"], "${env:T_URL}"], want: false },
  { given: [["output", "routes", 0, "when"], "${env:X}"], want: true },
];

describe("isSecretRef: the position decides for ${env:}", () => {
  for (const { given, want } of cases) {
    it(`${given[0].join(".")} = ${given[1]} → ${want ? "secret" : "configuration"}`, () => {
      const [path, text] = given;
      const refs = findSecretRefs(nest(path, text));
      expect(refs.length).toBeGreaterThan(0);
      expect(refs.some((ref) => isSecretRef(ref, text))).toBe(want);
    });
  }

  it("masks a variable used as a secret anywhere in every position, and leaves configuration readable", () => {
    const artifact = {
      input: {
        baseUrl: "http://${env:HOST}:4010",
        headers: { "X-Key-Copy": "${env:KEY}" },
        auth: { value: "${env:KEY}" },
      },
    };
    const resolved = resolveSecrets(artifact, { HOST: "crm.internal", KEY: "k-123456789" });
    const redactor = createRedactor(resolved.secrets);
    const text = redactor.redact(JSON.stringify(resolved.value));
    expect(text).toContain("http://crm.internal:4010");
    expect(text).not.toContain("k-123456789");
  });
});

function nest(path: (string | number)[], leaf: string): unknown {
  return path.reduceRight<unknown>(
    (inner, key) => (typeof key === "number" ? Object.assign([], { [key]: inner }) : { [key]: inner }),
    leaf,
  );
}
