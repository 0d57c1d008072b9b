import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { Connector } from "../../runtime/artifact/index.js";
import { CLIENT_FIELDS, DEMO_CRM_PORT, DEMO_ERP_PORT } from "../demo-apis/index.js";

const text = readFileSync(new URL("./crm-to-erp.yaml", import.meta.url), "utf8");

describe("examples/crm-to-erp/crm-to-erp.yaml", () => {
  it("points editors at the published JSON Schema", () => {
    expect(text.split("\n")[0]).toBe("# yaml-language-server: $schema=../../schema/cannectors.v1.json");
  });

  it("is a valid connector", () => {
    const result = Connector.safeParse(parse(text));
    expect(result.error?.issues ?? []).toEqual([]);
    expect(result.success).toBe(true);
  });

  it("says what the example promises", () => {
    const connector = Connector.parse(parse(text));
    expect(connector.metadata.name).toBe("crm-to-erp");
    expect(connector.input.baseUrl).toBe(`http://127.0.0.1:${DEMO_CRM_PORT}`);
    expect(connector.output.baseUrl).toBe(`http://127.0.0.1:${DEMO_ERP_PORT}`);
    expect(connector.input.incremental).toEqual({ cursorField: "updated_at", param: "updated_after" });
    expect(connector.output.batch).toEqual({ size: 50, wrap: "clients" });
    expect(connector.filters.map((f) => f.type)).toEqual(["condition", "map"]);
    const map = connector.filters[1];
    const targets = map?.type === "map" ? map.fields.map((f) => f.target) : [];
    expect(targets).toEqual([...CLIENT_FIELDS]);
  });

  it("keeps secrets out of the file", () => {
    expect(text).not.toMatch(/demo-crm-key|demo-erp-secret/);
    expect(text).toContain("${env:CRM_API_KEY}");
  });
});
