/**
 * The tables every format shows, as header + rows of words: Markdown and HTML only differ in how
 * they write a cell, so what a section says is decided once, here.
 */
import type { DocsModel, MappingRow } from "./model-types.js";

export interface Table {
  id: string;
  headers: string[];
  /** Cells are words: `code` in backticks. */
  rows: string[][];
  /** Per row, a key the HTML writes as `data-key` (the target field of a mapping row). */
  keys?: string[];
}

const code = (text: string) => (text.includes("`") ? `\`\` ${text} \`\`` : `\`${text}\``);

export function summaryTable(model: DocsModel): Table {
  const rows = [
    ["Version", model.version],
    ["Artifact", code(model.file)],
    ["SHA-256", code(model.hash)],
  ];
  const labels = Object.entries(model.labels);
  if (labels.length > 0) rows.push(["Labels", labels.map(([k, v]) => code(`${k}=${v}`)).join(", ")]);
  return { id: "summary", headers: ["About", ""], rows };
}

function provenanceCell(row: MappingRow): string {
  const p = row.provenance;
  if (!p) return "";
  return p.confidence === undefined ? p.status : `${p.status} (confidence ${p.confidence.toFixed(2)})`;
}

export function mappingTable(model: DocsModel): Table {
  const withProvenance = model.provenance !== undefined;
  const headers = ["Target field", "Type", "Required", "Source field(s)", "In words", "CEL", "Notes"];
  if (withProvenance) headers.push("Suggestion");
  return {
    id: "mapping",
    headers,
    keys: model.mappings.map((r) => r.target),
    rows: model.mappings.map((r) => {
      const cells = [
        code(r.target),
        r.type ?? "",
        r.required === undefined ? "" : r.required ? "yes" : "no",
        r.sources.map(code).join(", ") || "—",
        r.words,
        code(r.cel),
        r.notes.join("; "),
      ];
      if (withProvenance) cells.push(provenanceCell(r));
      return cells;
    }),
  };
}

export function conditionsTable(model: DocsModel): Table {
  return {
    id: "conditions",
    headers: ["Step", "When", "Then", "Otherwise", "CEL"],
    rows: model.conditions.map((c) => [code(c.path), c.words, c.onTrue, c.onFalse, code(c.cel)]),
  };
}

export function problemsTable(model: DocsModel): Table {
  const kinds = {
    "unmapped-required": "unmapped required field",
    "lossy-conversion": "lossy conversion",
    "unmapped-enum": "enum value without mapping",
  };
  return {
    id: "coverage-problems",
    headers: ["Problem", "Field", "Detail"],
    rows: model.coverage.problems.map((p) => [kinds[p.kind], code(p.field), p.message]),
  };
}

export function coverageIntro(model: DocsModel): string[] {
  const { sourceSpec, targetSpec, problems } = model.coverage;
  const based = [
    sourceSpec ? `source: ${sourceSpec}` : "no source spec (`--source-spec`)",
    targetSpec ? `target: ${targetSpec}` : "no target spec (`--target-spec`)",
  ];
  const lines = [`Checked against ${based.join("; ")}.`];
  lines.push(problems.length === 0 ? "No problem found." : `${problems.length} problem(s) found:`);
  return lines;
}

export function unusedLine(model: DocsModel): string | undefined {
  const unused = model.coverage.unusedSourceFields;
  if (unused.length === 0) return model.coverage.sourceSpec ? "Every source field is used." : undefined;
  return `Source fields not used: ${unused.map(code).join(", ")}.`;
}

export function moduleTables(model: DocsModel): { title: string; table: Table }[] {
  return model.modules.map((m) => ({
    title: m.title,
    table: {
      id: `module-${m.title.toLowerCase()}`,
      headers: ["Setting", "Value"],
      rows: m.facts.map((f) => [f.label, f.text]),
    },
  }));
}
