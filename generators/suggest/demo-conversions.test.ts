import path from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { findOperation, sourceEndpoints, targetEndpoints } from "../generate/endpoint-lists.js";
import { planConnector } from "../generate/plan-connector.js";
import { loadSpec } from "../openapi/index.js";
import type { FieldRecord } from "./field-record.js";
import { suggestMappings, type TargetSuggestion } from "./suggest.js";

const demo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../examples/demo-apis");

/**
 * Issue 13.9: the README maps `balance → balance_cents`, `created_at → customer_since` and
 * `status → segment` on the bundled demo specs; each needs a conversion, and each used to get no candidate.
 */
describe("conversion candidates on the bundled demo specs", () => {
  let source: FieldRecord[];
  let target: FieldRecord[];
  let suggestions: Map<string, TargetSuggestion["candidates"]>;
  beforeAll(async () => {
    const crm = await loadSpec(path.join(demo, "crm/openapi.yaml"));
    const erp = await loadSpec(path.join(demo, "erp/openapi.yaml"));
    source = findOperation(sourceEndpoints(crm), "GET /customers")?.fields ?? [];
    target = findOperation(targetEndpoints(erp), "POST /clients/batch")?.fields ?? [];
    suggestions = new Map(suggestMappings(source, target).map((s) => [s.target, s.candidates]));
  });

  it.each([
    { target: "balance_cents", source: "balance", conversion: "major_to_minor", atLeast: 0.5 },
    { target: "customer_since", source: "created_at", conversion: "datetime_to_date", atLeast: 0.5 },
    // No name in common: the enum is offered through a table, with the low confidence it deserves.
    { target: "segment", source: "status", conversion: "enum_map", atLeast: 0 },
  ])("$target ← $source ($conversion)", ({ target: t, source: s, conversion, atLeast }) => {
    const best = suggestions.get(t)?.[0];
    expect(best?.source).toBe(s);
    expect(best?.conversion).toBe(conversion);
    expect(best?.confidence).toBeGreaterThanOrEqual(atLeast);
  });

  it("keeps the low confidence of a name-less enum candidate honest", () => {
    expect(suggestions.get("segment")?.[0]?.confidence).toBeLessThan(0.5);
  });

  it("writes each conversion as code, and the enum table as a skeleton to complete", () => {
    const plan = planConnector({
      name: "crm-to-erp",
      source: {
        operation: { method: "get", path: "/customers", parameters: [], responses: [], pointer: "#" },
        records: "data",
        fields: source,
      },
      target: {
        operation: { method: "post", path: "/clients/batch", parameters: [], responses: [], pointer: "#" },
        wrap: "clients",
        arrayBody: false,
        fields: target,
      },
      sourceSpec: {
        title: "crm",
        version: "1",
        openapi: "3.0",
        servers: [],
        securitySchemes: [],
        operations: [],
        source: "crm",
        warnings: [],
      },
      targetSpec: {
        title: "erp",
        version: "1",
        openapi: "3.0",
        servers: [],
        securitySchemes: [],
        operations: [],
        source: "erp",
        warnings: [],
      },
      typesImports: { source: "../types/crm.js", target: "../types/erp.js" },
    });
    const first = (t: string) => plan.fields.find((f) => f.target === t)?.suggestions[0]?.expression;
    expect(first("balance_cents")).toBe("cents(r.balance)");
    expect(first("customer_since")).toBe('date.format(date.parse(r.created_at, "iso"), "yyyy-MM-dd")');
    expect(first("segment")).toBe("lookup(SEGMENT_BY_STATUS, r.status)");
    expect(plan.constants.SEGMENT_BY_STATUS).toEqual({ active: null, inactive: null, lead: null });
  });
});
