import { describe, expect, it } from "vitest";
import { HttpInput } from "../../artifact/index.js";
import { requestTemplate } from "./request-template.js";

const spec = (extra: Record<string, unknown> = {}) =>
  HttpInput.parse({
    type: "http",
    baseUrl: "http://api.test:8080/v1",
    path: "/items",
    records: "items",
    headers: { "X-Api-Key": "key-5521", Cookie: "s=1", "X-Tenant": "acme" },
    ...extra,
  });
const isSecret = (value: string) => value.includes("key-5521");

describe("requestTemplate", () => {
  it("sends every configured header to the baseUrl's origin, none carrying a credential elsewhere", () => {
    const template = requestTemplate(spec(), undefined, isSecret);
    const own = template.build({ url: new URL("http://api.test:8080/v1/items?page=2"), body: template.base.body });
    expect(own.headers).toEqual({
      accept: "application/json",
      "X-Api-Key": "key-5521",
      Cookie: "s=1",
      "X-Tenant": "acme",
    });
    for (const elsewhere of ["http://api.test:8081/items", "https://api.test:8080/items", "http://cdn.test/p/2"]) {
      expect(template.build({ url: new URL(elsewhere), body: template.base.body }).headers).toEqual({
        accept: "application/json",
        "X-Tenant": "acme",
      });
    }
  });

  it("refuses to send a request body holding a secret to another origin", () => {
    const template = requestTemplate(spec({ method: "POST", body: { token: "key-5521" } }), undefined, isSecret);
    expect(template.build({ url: new URL("http://api.test:8080/v1/items"), body: template.base.body }).body).toBe(
      '{"token":"key-5521"}',
    );
    expect(() => template.build({ url: new URL("http://cdn.test/p/2"), body: template.base.body })).toThrow(
      /holds a secret and is not sent to another origin/,
    );
  });
});
