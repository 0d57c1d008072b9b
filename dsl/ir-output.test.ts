import { describe, expect, it } from "vitest";
import type { paths as Crm } from "../examples/demo-apis/types/crm.js";
import type { paths as Erp } from "../examples/demo-apis/types/erp.js";
import { api } from "./api.js";
import { apiKey, basic, bearer, oauth2ClientCredentials } from "./auth.js";
import { connector } from "./connector.js";
import { cursor, linkHeader, nextUrl, noPagination, offset, page } from "../runtime/modules/input-http/dsl.js";
import { secret, text } from "./refs.js";

const crmApi = {
  kind: "api",
  baseUrl: "http://127.0.0.1:4010",
  auth: {
    kind: "auth",
    type: "apiKey",
    in: "header",
    name: "X-API-Key",
    value: { kind: "ref", source: "secret", name: "CRM_API_KEY" },
  },
};
const erpApi = { kind: "api", baseUrl: "http://127.0.0.1:4020" };

function build() {
  const crm = api<Crm>({
    baseUrl: "http://127.0.0.1:4010",
    auth: apiKey({ name: "X-API-Key", value: secret("CRM_API_KEY") }),
  });
  const erp = api<Erp>({ baseUrl: "http://127.0.0.1:4020" });
  return connector({ name: "crm-to-erp", version: "1.0.0", labels: { team: "platform" } })
    .from(
      crm.get("/customers", {
        records: "data",
        pagination: cursor({ cursorPath: "next_cursor", cursorParam: "cursor", limit: 100, hasMorePath: "has_more" }),
        schedule: "*/15 * * * *",
        incremental: { cursorField: "updated_at", param: "updated_after" },
      }),
    )
    .to(erp.post("/clients/batch", { batch: { size: 50, wrap: "clients" }, idempotency: { key: (c) => c.client_id } }))
    .filter((c) => c.status !== "inactive")
    .map((c) => ({ client_id: c.id, full_name: c.first_name, email: c.email }))
    .settings({ concurrency: 4, rateLimit: { requestsPerSecond: 50 } });
}

describe("the IR a connector builds", () => {
  it("is the expected plain data, functions kept as functions", () => {
    const fn = expect.any(Function);
    expect({ ...build(), filters: [], output: {} }).toEqual({
      kind: "connector",
      metadata: { name: "crm-to-erp", version: "1.0.0", labels: { team: "platform" } },
      input: {
        kind: "input",
        type: "http",
        api: crmApi,
        method: "GET",
        path: "/customers",
        records: "data",
        pagination: {
          kind: "pagination",
          type: "cursor",
          cursorPath: "next_cursor",
          cursorParam: "cursor",
          limit: 100,
          hasMorePath: "has_more",
        },
        schedule: "*/15 * * * *",
        incremental: { cursorField: "updated_at", param: "updated_after" },
      },
      filters: [],
      output: {},
      settings: { concurrency: 4, rateLimit: { requestsPerSecond: 50 } },
    });
    const built = build();
    expect(built.filters).toEqual([condition("keep", "drop"), { kind: "map", fn }]);
    expect(built.output).toEqual({
      kind: "output",
      type: "http",
      api: erpApi,
      method: "POST",
      path: "/clients/batch",
      batch: { size: 50, wrap: "clients" },
      idempotency: { key: fn },
    });
  });

  it("builds when branches as nested filter lists", () => {
    const crm = api<Crm>({ baseUrl: "http://127.0.0.1:4010" });
    const erp = api<Erp>({ baseUrl: "http://127.0.0.1:4020" });
    const built = connector({ name: "x" })
      .from(crm.get("/customers", { records: "data" }))
      .to(erp.post("/clients"))
      .when((c) => c.status === "lead", {
        // biome-ignore lint/suspicious/noThenProperty: the DSL's branch option, never awaited
        then: (b) => b.compute((c) => ({ lead: true, id: c.id })).filter((c) => c.lead),
        else: "keep",
      })
      .when((c) => c.id === "", {});
    const fn = expect.any(Function);
    expect(built.filters).toEqual([
      condition([{ kind: "compute", fn }, condition("keep", "drop")], "keep"),
      condition("keep", "drop"),
    ]);
  });

  it("builds every auth and pagination kind from the artifact's fields", () => {
    const stop = () => true;
    const cases: [string, unknown, unknown][] = [
      [
        "bearer",
        bearer(secret("T")),
        { kind: "auth", type: "bearer", token: { kind: "ref", source: "secret", name: "T" } },
      ],
      [
        "basic",
        basic({ username: "u", password: text`p-${secret("P")}` }),
        {
          kind: "auth",
          type: "basic",
          username: "u",
          password: { kind: "text", parts: ["p-", { kind: "ref", source: "secret", name: "P" }] },
        },
      ],
      [
        "oauth2",
        oauth2ClientCredentials({
          tokenUrl: "https://a/t",
          clientId: "id",
          clientSecret: secret("S"),
          scopes: ["r"],
          audience: "x",
          refreshBefore: "30s",
        }),
        {
          kind: "auth",
          type: "oauth2ClientCredentials",
          tokenUrl: "https://a/t",
          clientId: "id",
          clientSecret: { kind: "ref", source: "secret", name: "S" },
          scopes: ["r"],
          audience: "x",
          refreshBefore: "30s",
        },
      ],
      [
        "apiKey in query",
        apiKey({ in: "query", name: "k", value: "v" }),
        { kind: "auth", type: "apiKey", in: "query", name: "k", value: "v" },
      ],
      ["none", noPagination(), { kind: "pagination", type: "none" }],
      [
        "nextUrl",
        nextUrl({ nextUrlPath: "links.next", maxPages: 3 }),
        { kind: "pagination", type: "nextUrl", nextUrlPath: "links.next", maxPages: 3 },
      ],
      ["linkHeader", linkHeader({ stopWhen: stop }), { kind: "pagination", type: "linkHeader", stopWhen: stop }],
      ["linkHeader default", linkHeader(), { kind: "pagination", type: "linkHeader" }],
      [
        "offset",
        offset({ limit: 10, totalPath: "total" }),
        { kind: "pagination", type: "offset", limit: 10, totalPath: "total" },
      ],
      [
        "page",
        page({ pageParam: "p", size: 20, startAt: 0, totalPagesPath: "pages" }),
        { kind: "pagination", type: "page", pageParam: "p", size: 20, startAt: 0, totalPagesPath: "pages" },
      ],
    ];
    for (const [name, given, want] of cases) {
      expect(given, name).toEqual(want);
      expect(Object.isFrozen(given), name).toBe(true);
    }
  });

  it("refuses unknown options from untyped callers", () => {
    const erp = api<Erp>({ baseUrl: "http://127.0.0.1:4020" });
    expect(() => erp.post("/clients", { bacth: { size: 1 } } as never)).toThrow(/unknown option bacth/);
  });
});

/** The expected condition node; built here so the `then` key is written once. */
function condition(then: unknown, otherwise: unknown) {
  return { kind: "condition", fn: expect.any(Function), then, else: otherwise };
}
