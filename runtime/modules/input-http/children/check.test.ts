import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { formatDiagnostic } from "../../../diagnostics/index.js";
import { validateArtifact } from "../../../validate/validate.js";

const minimal = readFileSync(path.join(import.meta.dirname, "../../../../test/fixtures/minimal.yaml"), "utf8");

const withChildren = (children: string) =>
  minimal.replace("  records: items\n", `  records: items\n  children:\n${children}`);
const diagnostics = (children: string) =>
  validateArtifact(withChildren(children), "a.yaml").diagnostics.map(formatDiagnostic);

describe("input.children validation", () => {
  it("accepts a child path whose placeholders all have a parent field", () => {
    expect(
      diagnostics("    path: /orders/{order_id}/items\n    params: { order_id: id, status: state.name }\n"),
    ).toEqual([]);
  });

  it("refuses a placeholder without a parent field at its file:line:col", () => {
    expect(diagnostics("    path: /orders/{oid}/items\n    params: { order_id: id }\n")).toEqual([
      expect.stringMatching(
        /^a\.yaml:11:11 input\.children\.path CANNECTORS_E_SCHEMA child path placeholder \{oid\} has no value: set input\.children\.params\.oid/,
      ),
    ]);
  });

  it("refuses a placeholder a literal '..' removes, and per-parent cursors without a key", () => {
    const found = diagnostics("    path: /orders/{x}/../items\n    params: { x: id }\n");
    expect(found).toEqual([
      expect.stringMatching(/input\.children\.path CANNECTORS_E_SCHEMA .*must sit inside the path/),
    ]);
    const keyless = diagnostics("    path: /items\n    incremental: { cursorField: at, param: since }\n");
    expect(keyless).toEqual([
      expect.stringMatching(/input\.children\.key CANNECTORS_E_SCHEMA per-parent cursors need a parent key/),
    ]);
  });
});
