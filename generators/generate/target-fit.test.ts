import { describe, expect, it } from "vitest";
import { loadSpec } from "../openapi/index.js";
import { renderConnector } from "../scaffold/index.js";
import { findOperation, sourceEndpoints, targetEndpoints } from "./endpoints.js";
import { planConnector } from "./plan-connector.js";

const fixture = (name: string) => new URL(`../../test/fixtures/generate-params/${name}.yaml`, import.meta.url).pathname;

async function generated(): Promise<string> {
  const [sourceSpec, targetSpec] = await Promise.all([
    loadSpec(fixture("tickets-shapes")),
    loadSpec(fixture("issues-shapes")),
  ]);
  const plan = planConnector({
    name: "pair",
    sourceSpec,
    targetSpec,
    source: findOperation(sourceEndpoints(sourceSpec), "GET /tickets")!,
    target: findOperation(targetEndpoints(targetSpec), "POST /issues")!,
    typesImports: { source: "../types/source.js", target: "../types/target.js" },
  });
  return renderConnector(plan, []);
}

/** The map's code lines (comments hold candidates, which are not code). */
const codeOf = (text: string) =>
  text
    .slice(text.indexOf(".map("))
    .split("\n")
    .filter((l) => !l.trim().startsWith("//"));

describe("what the target's enums, formats and unions ask of the written code (issue 15 class 7)", () => {
  it("an enum target from free text is a lookup skeleton of the target's values and a decision, never a copy", async () => {
    const text = await generated();
    expect(text).toContain('const STATUS_BY_STATUS = { ACTIVE: "ACTIVE", HIDDEN: "HIDDEN" } as const;');
    expect(codeOf(text)).toContain('    status: todo("status"),');
    expect(text).toContain("lookup(STATUS_BY_STATUS, r.status)");
  });

  it("a field under string | object is not read as if it were always the object", async () => {
    const code = codeOf(await generated()).join("\n");
    expect(code).not.toContain("r.label?.name");
    expect(code).not.toContain("r.customer?.id");
  });

  it("a Microsoft JSON date into format: date is converted; Unix seconds into date-time type-check and invent no epoch", async () => {
    const code = codeOf(await generated()).join("\n");
    expect(code).toContain('due_date: date.format(date.parse(r.DueDate ?? "", "msjson"), "yyyy-MM-dd"),');
    expect(code).toContain('created: date.format(date.fromUnix(parseNumber(r.created_at ?? "")), "iso"),');
  });

  it("a free-text reference is not sent into a format: uuid field", async () => {
    expect(codeOf(await generated()).join("\n")).not.toMatch(/external_id:/);
  });
});
