/**
 * One self-contained, printable HTML page: inline style, inline SVG, no script and no external
 * reference of any kind, so opening it makes no request.
 */
import { STYLE } from "./html-style.js";
import type { DocsModel } from "./model-types.js";
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
import { flowSvg } from "./svg-flow.js";
import { escapeHtml, wordsHtml } from "./text.js";

function table(t: Table, rowClass: string): string {
  const head = t.headers.some((h) => h !== "")
    ? `<thead><tr>${t.headers.map((h) => `<th>${escapeHtml(h)}</th>`).join("")}</tr></thead>`
    : "";
  const rows = t.rows.map((cells, i) => {
    const key = t.keys?.[i];
    const data = key === undefined ? "" : ` data-key="${escapeHtml(key)}"`;
    return `<tr class="${rowClass}"${data}>${cells.map((c) => `<td>${wordsHtml(c)}</td>`).join("")}</tr>`;
  });
  return `<table id="${t.id}">${head}<tbody>\n${rows.join("\n")}\n</tbody></table>`;
}

const paragraph = (words: string) => `<p>${wordsHtml(words)}</p>`;
const pre = (value: unknown) => `<pre><code>${escapeHtml(JSON.stringify(value, null, 2))}</code></pre>`;

function sections(model: DocsModel): string[] {
  const out: string[] = [`<h1>${escapeHtml(model.title)}</h1>`];
  if (model.purpose) out.push(`<p class="purpose">${escapeHtml(model.purpose)}</p>`);
  out.push(table(summaryTable(model), "summary-row"));
  out.push('<h2 id="flow-title">Flow</h2>', `<div class="flow">${flowSvg(model.flow)}</div>`);
  for (const { title, table: t } of moduleTables(model))
    out.push(`<h2>${escapeHtml(title)}</h2>`, table(t, "setting-row"));
  out.push("<h2>Mapping</h2>");
  out.push(
    model.mappings.length === 0
      ? paragraph("No map or compute step: records are sent as read.")
      : table(mappingTable(model), "mapping-row"),
  );
  if (model.conditions.length > 0)
    out.push("<h2>Conditions and routes</h2>", table(conditionsTable(model), "condition-row"));
  out.push('<h2 id="coverage">Coverage</h2>');
  const [basis, verdict] = coverageIntro(model);
  out.push(
    paragraph(basis!),
    model.coverage.problems.length === 0 ? `<p class="ok">${escapeHtml(verdict!)}</p>` : paragraph(verdict!),
  );
  if (model.coverage.problems.length > 0) out.push(table(problemsTable(model), "problem"));
  const unused = unusedLine(model);
  if (unused) out.push(paragraph(unused));
  if (model.provenance) {
    out.push("<h2>Provenance</h2>", paragraph(model.provenance.origin));
    if (model.provenance.leftOut.length > 0) {
      out.push(
        paragraph(
          `Optional fields left out (candidates only): ${model.provenance.leftOut.map((f) => `\`${f}\``).join(", ")}.`,
        ),
      );
    }
  }
  if (model.examples) {
    out.push("<h2>Examples</h2>");
    model.examples.forEach((e, i) => {
      out.push(`<h3>Example ${i + 1}</h3>`);
      if (e.before !== null) out.push("<p>Before:</p>", pre(e.before), "<p>After:</p>");
      if (e.before !== null && e.after === null) out.push("<p>Dropped by the filters: nothing is sent.</p>");
      else out.push(pre(e.after));
    });
  }
  return out;
}

export function renderHtml(model: DocsModel): string {
  return [
    "<!doctype html>",
    '<html lang="en">',
    "<head>",
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(model.title)} — connector documentation</title>`,
    `<style>${STYLE}</style>`,
    "</head>",
    "<body>",
    ...sections(model),
    "</body>",
    "</html>",
    "",
  ].join("\n");
}
