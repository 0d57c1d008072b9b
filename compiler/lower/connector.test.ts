import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { type ConnectorNode, type Lambda, type RefNode, SOURCE_SPAN } from "../../dsl/ir.js";
import { Connector } from "../../runtime/artifact/index.js";
import { validateArtifact } from "../../runtime/validate/index.js";
import { lowerConnector } from "./index.js";

const SOURCE = `import { api, apiKey, cents, connector, cursor, date, lookup, oauth2ClientCredentials, secret } from "cannectors";
type Customer = { id: string; first_name: string; last_name: string; email: string; status: string; balance: string;
  created_at: string; address: { city: string; country: string }; tags: string[] };
type Client = { client_id: string };
const SEGMENTS = { active: "STANDARD", lead: "PROSPECT" } as const;
export default connector({ name: "crm-to-erp" })
  .filter((c: Customer) => c.status !== "inactive")
  .map((c: Customer) => ({
    client_id: c.id,
    full_name: \`\${c.first_name} \${c.last_name}\`,
    email: c.email.trim().toLowerCase(),
    segment: lookup(SEGMENTS, c.status),
    balance_cents: cents(c.balance),
    customer_since: date.format(date.parse(c.created_at, "iso"), "yyyy-MM-dd"),
    city: c.address.city,
    country: c.address.country,
    tags: c.tags,
  }))
  .to({ idempotency: { key: (c: Client) => c.client_id } })
  .when((c: Customer) => c.tags.includes("vip"), { then: (b) => b.compute((r: Customer) => ({ vip: true })) })
  .paginate({ stopWhen: (response: { status: number }, page: { number: number }) => response.status === 204 || page.number > 50 });
`;

const dir = mkdtempSync(join(tmpdir(), "cannectors-connector-"));
const file = join(dir, "crm-to-erp.ts");
writeFileSync(file, SOURCE);

/** A function carrying the span of `text` in SOURCE, as the build loader would tag it. */
function lambda(text: string): Lambda {
  const start = SOURCE.indexOf(text);
  if (start < 0) throw new Error(`not in SOURCE: ${text}`);
  return Object.defineProperty(() => undefined, SOURCE_SPAN, { value: { file, start, end: start + text.length } });
}

const env = (name: string): RefNode => ({ kind: "ref", source: "env", name });
const MAP = SOURCE.slice(SOURCE.indexOf("(c: Customer) => ({"), SOURCE.indexOf("}))") + 2);

const crm = {
  kind: "api",
  baseUrl: "http://127.0.0.1:4010",
  auth: { kind: "auth", type: "apiKey", in: "header", name: "X-API-Key", value: env("CRM_API_KEY") },
} as const;
const erp = {
  kind: "api",
  baseUrl: "http://127.0.0.1:4020",
  auth: {
    kind: "auth",
    type: "oauth2ClientCredentials",
    tokenUrl: "http://127.0.0.1:4020/oauth/token",
    clientId: env("ERP_CLIENT_ID"),
    clientSecret: env("ERP_CLIENT_SECRET"),
    clientAuth: "basic",
  },
} as const;

/** The IR the DSL builds for examples/crm-to-erp, with every optional field the example spells out. */
const CRM_TO_ERP: ConnectorNode = {
  kind: "connector",
  metadata: {
    name: "crm-to-erp",
    version: "1.0.0",
    description: "Syncs active customers and leads from the demo CRM into the demo ERP as clients.",
    labels: { team: "platform", source: "crm", target: "erp" },
  },
  input: {
    kind: "input",
    type: "http",
    api: crm,
    method: "GET",
    path: "/customers",
    records: "data",
    pagination: {
      kind: "pagination",
      type: "cursor",
      cursorPath: "next_cursor",
      cursorParam: "cursor",
      limitParam: "limit",
      limit: 100,
      hasMorePath: "has_more",
    },
    schedule: "*/15 * * * *",
    timezone: "UTC",
    incremental: { cursorField: "updated_at", param: "updated_after" },
  },
  filters: [
    {
      kind: "condition",
      fn: lambda('(c: Customer) => c.status !== "inactive"'),
      // biome-ignore lint/suspicious/noThenProperty: IR data, never awaited
      then: "keep",
      else: "drop",
    },
    { kind: "map", fn: lambda(MAP) },
  ],
  output: {
    kind: "output",
    type: "http",
    api: erp,
    method: "POST",
    path: "/clients/batch",
    batch: { size: 50, wrap: "clients" },
    idempotency: { header: "Idempotency-Key", key: lambda("(c: Client) => c.client_id") },
    deadLetter: { path: ".cannectors/dead-letter/crm-to-erp.ndjson" },
  },
  settings: {
    retries: { maxAttempts: 5, initialDelay: "500ms", maxDelay: "30s", maxRetryAfter: "60s", jitter: "full" },
    rateLimit: { requestsPerSecond: 50 },
    timeouts: { connect: "10s", request: "30s" },
    concurrency: 4,
  },
};

const sourceFor = () => ({ file: "crm-to-erp.ts", text: SOURCE });

describe("lowerConnector", () => {
  it("lowers the crm-to-erp IR to exactly the example artifact", () => {
    const { artifact, diagnostics } = lowerConnector(CRM_TO_ERP, { sourceFor });
    expect(diagnostics).toEqual([]);
    const example = parse(
      readFileSync(new URL("../../test/fixtures/crm-to-erp.hand-written.yaml", import.meta.url), "utf8"),
    );
    expect(artifact).toEqual(example);
    expect(Connector.safeParse(artifact).success).toBe(true);
    expect(validateArtifact(stringify(artifact), "crm-to-erp.yaml").diagnostics).toEqual([]);
  });

  it("emits only what is set, merges api and call headers and query, lowers refs, branches and stopWhen", () => {
    const node: ConnectorNode = {
      kind: "connector",
      metadata: { name: "small" },
      input: {
        kind: "input",
        type: "http",
        method: "GET",
        path: "/items",
        api: {
          kind: "api",
          baseUrl: "https://a.example.com",
          headers: { "x-team": "a", "x-over": "api" },
          query: { v: 1 },
          auth: { kind: "auth", type: "bearer", token: { kind: "text", parts: ["tok-", env("TOKEN")] } },
        },
        headers: { "x-over": "call" },
        query: { q: env("Q") },
        pagination: {
          kind: "pagination",
          type: "page",
          size: 10,
          stopWhen: lambda(
            "(response: { status: number }, page: { number: number }) => response.status === 204 || page.number > 50",
          ),
        },
      },
      filters: [
        {
          kind: "condition",
          fn: lambda('(c: Customer) => c.tags.includes("vip")'),
          // biome-ignore lint/suspicious/noThenProperty: IR and artifact data, never awaited
          then: [{ kind: "compute", fn: lambda("(r: Customer) => ({ vip: true })") }],
          else: "keep",
        },
      ],
      output: {
        kind: "output",
        type: "http",
        method: "PUT",
        path: "/items/{id}",
        api: { kind: "api", baseUrl: "https://b.example.com" },
        responses: { retry: ["5xx"] },
      },
    };
    const { artifact, diagnostics } = lowerConnector(node, { sourceFor });
    expect(diagnostics).toEqual([]);
    expect(artifact).toEqual({
      apiVersion: "cannectors.dev/v1",
      kind: "Connector",
      metadata: { name: "small" },
      input: {
        type: "http",
        baseUrl: "https://a.example.com",
        path: "/items",
        method: "GET",
        query: { v: 1, q: "${env:Q}" },
        headers: { "x-team": "a", "x-over": "call" },
        auth: { type: "bearer", token: "tok-${env:TOKEN}" },
        pagination: { type: "page", size: 10, stopWhen: "response.status == 204 || page.number > 50" },
      },
      filters: [
        {
          type: "condition",
          if: '"vip" in record.tags',
          // biome-ignore lint/suspicious/noThenProperty: IR and artifact data, never awaited
          then: [{ type: "compute", fields: [{ target: "vip", expr: "true" }] }],
          else: "keep",
        },
      ],
      output: {
        type: "http",
        baseUrl: "https://b.example.com",
        path: "/items/{id}",
        method: "PUT",
        responses: { retry: ["5xx"] },
      },
    });
    expect(validateArtifact(stringify(artifact), "small.yaml").diagnostics).toEqual([]);
  });

  it("reports lambda problems at their artifact path and source position, and untagged functions", () => {
    const bad = lambda('(c: Customer) => c.tags.includes("vip")');
    const node: ConnectorNode = {
      ...CRM_TO_ERP,
      filters: [
        {
          kind: "condition",
          fn: lambda("(r: Customer) => ({ vip: true })"),
          // biome-ignore lint/suspicious/noThenProperty: IR and artifact data, never awaited
          then: "keep",
          else: [{ kind: "map", fn: () => 1 }],
        },
        { kind: "compute", fn: bad },
      ],
    };
    const { diagnostics } = lowerConnector(node, { sourceFor });
    expect(
      diagnostics.map(
        (d) =>
          `${d.location ? `${d.location.file}:${d.location.line}:${d.location.column}` : "-"} ${d.path} ${d.message.split(";")[0]}`,
      ),
    ).toEqual([
      "crm-to-erp.ts:20:93 filters[0].if an object literal is only allowed as a helper argument here",
      "- filters[0].else[0] this function has no source span",
      "crm-to-erp.ts:20:26 filters[1] a compute lambda must return an object literal",
    ]);
  });
});
