/** GitHub-flavoured Markdown: tables and a ```mermaid flow chart. */
import type { DocsModel, Flow } from "./model-types.js";
import {
  conditionsTable,
  coverageIntro,
  mappingTable,
  moduleTables,
  problemsTable,
  summaryTable,
  type Table,
  unusedLine,
} from "./sections.js";
import { plainWords } from "./text.js";

const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\s*\n\s*/g, " ");

function table(t: Table): string[] {
  const line = (cells: string[]) => `| ${cells.map(cell).join(" | ")} |`;
  return [line(t.headers), line(t.headers.map(() => "---")), ...t.rows.map(line)];
}

/** Mermaid label text: entity codes for the characters its parser reads as syntax. */
function label(text: string): string {
  return plainWords(text).replace(/"/g, "#quot;").replace(/</g, "#lt;").replace(/>/g, "#gt;");
}

export function mermaid(flow: Flow): string[] {
  const steps = flow.filters.map((s, i) => `    f${i}["${i + 1}. ${label(s.summary)}"]`);
  const chain = ["input", ...flow.filters.map((_, i) => `f${i}`), "output"];
  return [
    "```mermaid",
    "flowchart LR",
    `  input["Input<br/>${label(flow.input.summary)}<br/>${label(flow.input.detail)}"]`,
    '  subgraph filters["Filters"]',
    "    direction TB",
    ...(steps.length > 0 ? steps : ['    none["(none)"]']),
    "  end",
    `  output["Output<br/>${label(flow.output.summary)}<br/>${label(flow.output.detail)}"]`,
    `  ${(steps.length > 0 ? chain : ["input", "none", "output"]).join(" --> ")}`,
    // Routes, fan-out, fallback: one edge per output a record may reach, labelled with when.
    ...(flow.routes ?? []).flatMap((route, i) => [
      `  r${i}["${label(route.summary)}${route.detail ? `<br/>${label(route.detail)}` : ""}"]`,
      `  output -- "${label(route.when)}" --> r${i}`,
    ]),
    "```",
  ];
}

function json(value: unknown): string[] {
  return ["```json", JSON.stringify(value, null, 2), "```"];
}

export function renderMarkdown(model: DocsModel): string {
  const out: string[] = [`# ${model.title}`, ""];
  if (model.purpose) out.push(`> ${cell(model.purpose)}`, "");
  out.push(...table(summaryTable(model)), "", "## Flow", "", ...mermaid(model.flow), "");
  for (const { title, table: t } of moduleTables(model)) out.push(`## ${title}`, "", ...table(t), "");
  out.push("## Mapping", "");
  if (model.mappings.length === 0) out.push("No map or compute step: records are sent as read.", "");
  else out.push(...table(mappingTable(model)), "");
  if (model.conditions.length > 0) out.push("## Conditions and routes", "", ...table(conditionsTable(model)), "");
  out.push("## Coverage", "", ...coverageIntro(model), "");
  if (model.coverage.problems.length > 0) out.push(...table(problemsTable(model)), "");
  const unused = unusedLine(model);
  if (unused) out.push(unused, "");
  if (model.provenance) {
    out.push("## Provenance", "", `${model.provenance.origin}`, "");
    if (model.provenance.leftOut.length > 0) {
      out.push(
        `Optional fields left out (candidates only): ${model.provenance.leftOut.map((f) => `\`${f}\``).join(", ")}.`,
        "",
      );
    }
  }
  if (model.examples) {
    out.push("## Examples", "");
    model.examples.forEach((e, i) => {
      out.push(`### Example ${i + 1}`, "");
      if (e.before !== null) out.push("Before:", "", ...json(e.before), "", "After:", "");
      if (e.before !== null && e.after === null) out.push("Dropped by the filters: nothing is sent.", "");
      else out.push(...json(e.after), "");
    });
  }
  return `${out.join("\n").trimEnd()}\n`;
}
