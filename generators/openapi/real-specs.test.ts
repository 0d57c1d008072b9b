import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { FieldRecord } from "./field-record.js";
import { flattenSchema } from "./flatten.js";
import { loadSpec } from "./load-spec.js";
import type { LoadedSpec, Operation } from "./model.js";
import { recordsOf } from "./records.js";

const repo = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url));
const op = (spec: LoadedSpec, key: string): Operation => {
  const found = spec.operations.find((o) => `${o.method.toUpperCase()} ${o.path}` === key);
  if (!found) throw new Error(`no ${key}`);
  return found;
};
const brief = (records: FieldRecord[]) =>
  records.map(
    (r) => `${r.path}:${r.type}${r.format ? `/${r.format}` : ""}${r.required ? "!" : ""}${r.nullable ? "?" : ""}`,
  );

describe("the demo APIs' specs", () => {
  it("CRM (3.1): the customer list, its API key, its records", async () => {
    const spec = await loadSpec(repo("examples/demo-apis/crm/openapi.yaml"));
    expect([spec.openapi, spec.servers]).toEqual(["3.1", ["http://127.0.0.1:4010"]]);
    expect(spec.securitySchemes).toEqual([{ id: "apiKey", type: "apiKey", in: "header", name: "X-API-Key" }]);
    const list = op(spec, "GET /customers");
    expect(list.security).toEqual([["apiKey"]]);
    expect(list.parameters.map((p) => p.name)).toEqual(["limit", "cursor", "updated_after", "status"]);
    const records = recordsOf(list);
    expect(records?.selector).toBe("data");
    expect(
      brief(
        flattenSchema(records?.schema ?? list.responses[0]?.schema ?? { types: [], nullable: false, required: [] }),
      ),
    ).toEqual([
      "id:string!",
      "first_name:string!",
      "last_name:string!",
      "email:string!",
      "status:string!",
      "created_at:string/date-time!",
      "updated_at:string/date-time!",
      "balance:string!",
      "currency:string!",
      "address.street:string!",
      "address.city:string!",
      "address.zip:string!",
      "address.country:string!",
      "tags[]:array<string>!",
      "phone:string!?",
    ]);
  });

  it("ERP (3.0): oauth2 client credentials, basic, and the client bodies", async () => {
    const spec = await loadSpec(repo("examples/demo-apis/erp/openapi.yaml"));
    expect(spec.openapi).toBe("3.0");
    expect(spec.securitySchemes).toEqual([
      {
        id: "oauth2",
        type: "oauth2",
        clientCredentials: { tokenUrl: "http://127.0.0.1:4020/oauth/token", scopes: {} },
        otherFlows: [],
      },
      { id: "clientBasic", type: "http", scheme: "basic" },
    ]);
    expect(spec.operations.map((o) => `${o.method.toUpperCase()} ${o.path}`)).toEqual([
      "POST /oauth/token",
      "POST /clients",
      "POST /clients/batch",
      "GET /_stats",
    ]);
    const upsert = op(spec, "POST /clients");
    expect(upsert.security).toEqual([["oauth2"]]);
    expect(upsert.parameters.map((p) => [p.name, p.in])).toEqual([["Idempotency-Key", "header"]]);
    expect(
      brief(
        flattenSchema(upsert.requestBody?.schema ?? { types: [], nullable: false, required: [] }, { mode: "write" }),
      ),
    ).toEqual([
      "client_id:string!",
      "full_name:string!",
      "email:string/email!",
      "segment:string?",
      "balance_cents:integer/int64?",
      "customer_since:string/date?",
      "city:string?",
      "country:string?",
      "tags[]:array<string>?",
    ]);
    expect(op(spec, "POST /oauth/token").requestBody?.contentType).toBe("application/x-www-form-urlencoded");
  });
});

describe("GitHub's spec (@octokit/openapi)", () => {
  const path = repo("node_modules/@octokit/openapi/generated/api.github.com.json");

  it("loads ~1,000 operations with known ones resolved", async () => {
    const started = performance.now();
    const spec = await loadSpec(path);
    console.log(
      `GitHub spec: ${spec.operations.length} operations loaded in ${Math.round(performance.now() - started)} ms`,
    );
    expect(spec.operations.length).toBeGreaterThan(900);
    expect(spec.operations.length).toBeLessThan(2000);
    const issues = op(spec, "GET /repos/{owner}/{repo}/issues");
    expect(issues.operationId).toBe("issues/list-for-repo");
    expect(issues.parameters.map((p) => p.name)).toEqual(
      expect.arrayContaining(["owner", "repo", "state", "per_page", "page"]),
    );
    expect(recordsOf(issues)?.selector).toBe("");
    expect(op(spec, "POST /repos/{owner}/{repo}/issues").requestBody?.schema.required).toEqual(["title"]);
    expect(op(spec, "GET /user").responses[0]?.schema?.alternatives?.kind).toBe("oneOf");
  });

  // The labelled mapping data set was flattened from this very spec: the same records must come out.
  const pairFile = repo("../shared/datasets/mapping/pairs/tickets__github-issue__asana-task.json");
  it.skipIf(!existsSync(pairFile))("flattens the issue list records exactly as the mapping data set does", async () => {
    const pair = JSON.parse(readFileSync(pairFile, "utf8")) as { source: { fields: FieldRecord[] } };
    const spec = await loadSpec(path);
    const records = recordsOf(op(spec, "GET /repos/{owner}/{repo}/issues"));
    const mine = flattenSchema(records?.schema ?? { types: [], nullable: false, required: [] });
    expect(mine).toHaveLength(pair.source.fields.length);
    expect(mine).toEqual(pair.source.fields);
  });
});
