import { beforeAll, describe, expect, it } from "vitest";
import { type DocsFormat, docsModelOf, renderDocs } from "./document.js";
import type { DocsModel } from "./model-types.js";

const EXAMPLE = "examples/crm-to-erp/crm-to-erp.yaml";
const TS_EXAMPLE = "examples/crm-to-erp/connector.ts";
const SPECS = { sourceSpec: "examples/demo-apis/crm/openapi.yaml", targetSpec: "examples/demo-apis/erp/openapi.yaml" };
const FORMATS: DocsFormat[] = ["md", "html", "json"];
/** Set in the environment under the names the artifact refers to: no format may show them. */
const CANARIES = {
  CRM_API_KEY: "canary-crm-7f3a9",
  ERP_CLIENT_ID: "canary-id-51c2e",
  ERP_CLIENT_SECRET: "canary-secret-e09d",
};

async function modelOf(file: string): Promise<DocsModel> {
  const result = await docsModelOf(file, SPECS);
  expect(result.diagnostics).toEqual([]);
  return result.model!;
}

let fromYaml: DocsModel;
let fromTs: DocsModel;

beforeAll(async () => {
  const saved = Object.fromEntries(Object.keys(CANARIES).map((k) => [k, process.env[k]]));
  Object.assign(process.env, CANARIES);
  try {
    // The TS connector is built once, in a child process that inherits the canaries.
    [fromYaml, fromTs] = await Promise.all([modelOf(EXAMPLE), modelOf(TS_EXAMPLE)]);
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}, 60_000);

describe("cannectors docs of the crm-to-erp example", () => {
  it.each(FORMATS)("matches the committed %s snapshot (YAML artifact)", async (format) => {
    await expect(renderDocs(fromYaml, format)).toMatchFileSnapshot(`__snapshots__/crm-to-erp.${format}`);
  });

  it.each(FORMATS)("documents the TypeScript connector as its YAML (%s), built on the fly", async (format) => {
    // Byte for byte the YAML's document (itself snapshotted), but for the file it names.
    const text = renderDocs(fromTs, format);
    expect(text).toContain(TS_EXAMPLE);
    expect(text.replaceAll(TS_EXAMPLE, EXAMPLE)).toBe(renderDocs(fromYaml, format));
  });

  it("gives the same bytes on every run", async () => {
    const again = await modelOf(EXAMPLE);
    for (const format of FORMATS) expect(renderDocs(again, format)).toBe(renderDocs(fromYaml, format));
  });

  it.each(FORMATS)("never shows a secret value set in the environment (%s)", (format) => {
    for (const model of [fromYaml, fromTs]) {
      const text = renderDocs(model, format);
      for (const canary of Object.values(CANARIES)) expect(text).not.toContain(canary);
      expect(text).toContain("CRM_API_KEY");
    }
  });
});

describe("the HTML document", () => {
  it("is one self-contained file: inline style and SVG, no script, no external reference", () => {
    const html = renderDocs(fromYaml, "html");
    expect(html).toMatch(/<style>[\s\S]*@media print[\s\S]*<\/style>/);
    expect(html).toContain('<svg id="flow"');
    expect(html).not.toMatch(/<script|<link|<img|<iframe|<object|<embed|@import|url\(\s*["']?(?!#)/i);
    expect(html).not.toMatch(/\b(?:src|href|srcset|action)\s*=/i);
  });
});
