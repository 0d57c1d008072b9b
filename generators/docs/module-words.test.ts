import { describe, expect, it } from "vitest";
import { Auth, HttpInput, Pagination, Settings } from "../../runtime/artifact/index.js";
import { WebhookInput } from "../../runtime/modules/input-webhook/schema.js";
import { authWords } from "./auth-words.js";
import { inputDoc, settingsDoc } from "./module-words.js";
import { paginationWords } from "./pagination-words.js";

describe("paginationWords", () => {
  it.each([
    [{ type: "none" }, "none: one request"],
    [
      { type: "cursor", cursorPath: "next", cursorParam: "c", limitParam: "n", limit: 10, maxPages: 5 },
      "cursor: the next cursor is read from `next` and sent as `c`; 10 per page (`n`); stops on an empty page, or after 5 pages",
    ],
    [{ type: "nextUrl", nextUrlPath: "links.next" }, "next URL read from `links.next`; stops on an empty page"],
    [{ type: "linkHeader" }, 'the `Link` header, rel="next"; stops on an empty page'],
    [{ type: "offset", limit: 50 }, "offset: `offset` and `limit`, 50 per page; stops on an empty page"],
    [
      { type: "page", size: 20, sizeParam: "per_page", stopWhen: "page.number >= 3" },
      "page numbers in `page` from 1, 20 per page (`per_page`); stops on an empty page, or `page.number` is at least 3",
    ],
  ])("%j", (pagination, words) => {
    expect(paginationWords(Pagination.parse(pagination))).toBe(words);
  });
});

describe("authWords", () => {
  it.each([
    [undefined, "none"],
    [
      { type: "apiKey", in: "query", name: "key", value: "${env:K}" },
      "API key in the query parameter `key`, from the environment variable `K`",
    ],
    [{ type: "bearer", token: "literal-token-123" }, "bearer token from a literal in the artifact (not shown)"],
    [
      { type: "basic", username: "${env:U}", password: "${env:P}" },
      "HTTP basic: user name from the environment variable `U`, password from the environment variable `P`",
    ],
  ])("%j", (auth, words) => {
    expect(authWords(auth === undefined ? undefined : Auth.parse(auth))).toBe(words);
  });
});

describe("inputDoc", () => {
  const facts = (doc: { facts: { label: string; text: string }[] }) =>
    Object.fromEntries(doc.facts.map((f) => [f.label, f.text]));

  it("puts an HTTP input's schedule in words, with its time zone and CRON", () => {
    const input = HttpInput.parse({
      type: "http",
      baseUrl: "http://127.0.0.1:1/",
      path: "/x",
      schedule: "0 2 * * *",
      timezone: "Europe/Paris",
      query: { since: "${env:SINCE}", n: 5 },
    });
    expect(facts(inputDoc(input))).toMatchObject({
      Endpoint: "GET http://127.0.0.1:1/x",
      Schedule: "at 02:00 every day (Europe/Paris; CRON `0 2 * * *`)",
      Query: "`n` = 5, `since` = (the environment variable `SINCE`)",
    });
  });

  it("describes a webhook input without showing its secrets", () => {
    const input = WebhookInput.parse({
      type: "webhook",
      path: "/hooks/gh",
      verify: { type: "github", secrets: ["${env:GH_SECRET}"] },
      dedupe: { header: "X-GitHub-Delivery" },
    });
    expect(facts({ ...inputDoc({ ...input }) })).toMatchObject({
      Endpoint: "POST /hooks/gh on `cannectors serve`",
      Verification: "GitHub signature (`X-Hub-Signature-256`), secret(s) from the environment variable `GH_SECRET`",
      "De-duplication": "by header `X-GitHub-Delivery`, remembered 24h",
    });
  });
});

describe("settingsDoc", () => {
  it("says the defaults in words", () => {
    expect(settingsDoc(Settings.parse({})).facts.map((f) => f.text)).toEqual([
      "up to 5 attempts in all, backoff from 500ms to 30s with full jitter; a Retry-After up to 60s is honoured",
      "none",
      "connect 10s, request 30s",
      "4 output requests in flight",
    ]);
  });
});
