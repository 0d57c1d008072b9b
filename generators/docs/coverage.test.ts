import { describe, expect, it } from "vitest";
import { docsModelOf } from "./document.js";
import type { CoverageProblem } from "./model-types.js";

const DIR = "test/fixtures/docs";
const SPECS = { sourceSpec: `${DIR}/shop.openapi.yaml`, targetSpec: `${DIR}/billing.openapi.yaml` };

async function problemsOf(file: string, options: object = SPECS): Promise<CoverageProblem[]> {
  const { model, diagnostics } = await docsModelOf(file, options);
  expect(diagnostics).toEqual([]);
  return model!.coverage.problems;
}

describe("the coverage report", () => {
  it.each([
    ["an unmapped required field", "unmapped-required", "customer_email", "required target field `customer_email`"],
    ["a lossy conversion", "lossy-conversion", "total_cents", "float → int"],
    ["an unmapped enum value", "unmapped-enum", "status", '"refunded"'],
  ])("flags %s in the planted connector", async (_what, kind, field, text) => {
    const found = (await problemsOf(`${DIR}/planted.yaml`)).filter((p) => p.kind === kind);
    expect(found).toHaveLength(1);
    expect(found[0]!.field).toBe(field);
    expect(found[0]!.message).toContain(text);
  });

  it("does not flag an enum value a condition already drops", async () => {
    const messages = (await problemsOf(`${DIR}/planted.yaml`)).map((p) => p.message).join("\n");
    expect(messages).not.toContain('"void"');
  });

  it.each([
    [`${DIR}/clean.yaml`, SPECS],
    [
      "examples/crm-to-erp/crm-to-erp.yaml",
      { sourceSpec: "examples/demo-apis/crm/openapi.yaml", targetSpec: "examples/demo-apis/erp/openapi.yaml" },
    ],
  ])("flags nothing on a clean connector (%s)", async (file, specs) => {
    expect(await problemsOf(file, specs)).toEqual([]);
  });

  it("without specs still sees the lossy conversion, and only that", async () => {
    const found = await problemsOf(`${DIR}/planted.yaml`, {});
    expect(found.map((p) => p.kind)).toEqual(["lossy-conversion"]);
  });

  it("lists source fields nothing reads, and types target fields from the spec", async () => {
    const { model } = await docsModelOf(`${DIR}/clean.yaml`, SPECS);
    expect(model!.coverage.unusedSourceFields).toEqual([]);
    const planted = (await docsModelOf(`${DIR}/planted.yaml`, SPECS)).model!;
    expect(planted.coverage.unusedSourceFields).toEqual(["customer.email"]);
    const state = planted.mappings.find((m) => m.target === "state")!;
    expect(state).toMatchObject({ type: 'string, one of "OPEN", "PAID", "REFUNDED"', required: true });
  });
});
