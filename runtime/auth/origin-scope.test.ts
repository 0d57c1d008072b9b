import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { HttpRequest } from "../net/types.js";
import { staticHeader } from "./authenticator.js";
import { originMatcher, scopeToOrigin, withoutCredentials } from "./origin-scope.js";

describe("scopeToOrigin", () => {
  const auth = scopeToOrigin(staticHeader("Authorization", "Bearer t"), "http://api.test:8080/v1/");
  const apply = async (url: string) => (await auth.apply({ method: "GET", url, headers: {} } as HttpRequest)).headers;

  it.each([
    ["http://api.test:8080/v1/items?page=2", { Authorization: "Bearer t" }],
    ["http://API.test:8080/other", { Authorization: "Bearer t" }],
    ["http://api.test:8081/v1/items", {}],
    ["https://api.test:8080/v1/items", {}],
    ["http://api.test/v1/items", {}],
    ["http://api.test:8080.evil.test/v1", {}],
    ["http://user@api.test:8080/v1", { Authorization: "Bearer t" }],
    ["not a url", {}],
  ])("%s gets %j", async (url, want) => {
    expect(await apply(url)).toEqual(want);
  });
});

describe("originMatcher", () => {
  it("answers like parsing the URL, for any string (the prefix shortcut is exact)", () => {
    const bases = ["http://api.test", "https://api.test:8443/v2/", "http://127.0.0.1:9/", "http://[::1]:80/"];
    const piece = fc.constantFrom(
      "http://",
      "https://",
      "api.test",
      ":8443",
      ":80",
      ":9",
      "127.0.0.1",
      "[::1]",
      "/",
      "@",
      "\\",
      "?",
      "#",
      ".evil",
      "x",
    );
    fc.assert(
      fc.property(fc.constantFrom(...bases), fc.array(piece, { maxLength: 6 }), (base, parts) => {
        const url = parts.join("");
        const want = URL.canParse(url) && new URL(url).origin === new URL(base).origin;
        expect(originMatcher(base)(url)).toBe(want);
      }),
      { numRuns: 2_000 },
    );
  });
});

describe("withoutCredentials", () => {
  it("drops credential headers by name and any header whose value is a secret", () => {
    const headers = {
      Authorization: "Basic x",
      "Proxy-Authorization": "y",
      Cookie: "s=1",
      "X-Api-Key": "k-123",
      "X-Tenant": "acme",
      Accept: "application/json",
    };
    expect(withoutCredentials(headers, (value) => value.includes("k-123"))).toEqual({
      "X-Tenant": "acme",
      Accept: "application/json",
    });
  });
});
