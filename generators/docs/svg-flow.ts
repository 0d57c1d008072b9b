/**
 * The Input → Filters → Output diagram as an SVG drawn here (no browser, no library): three boxes
 * side by side, joined by arrows. Integer coordinates computed from the text only, so the same
 * artifact draws the same bytes.
 */
import type { Flow } from "./model-types.js";
import { escapeHtml, plainWords, wrap } from "./text.js";

const BOX_WIDTH = 280;
const GAP = 70;
const LINE = 18;
const PAD = 14;
const TITLE = 24;
const CHARS = 38;
const MAX_STEP_LINES = 3;

interface Stage {
  id: "input" | "filters" | "output";
  title: string;
  lines: string[];
}

function stages(flow: Flow): Stage[] {
  const steps = flow.filters.flatMap((step, i) => {
    const lines = wrap(`${i + 1}. ${plainWords(step.summary)}`, CHARS);
    return lines.length > MAX_STEP_LINES
      ? [...lines.slice(0, MAX_STEP_LINES - 1), `${lines[MAX_STEP_LINES - 1]} …`]
      : lines;
  });
  return [
    { id: "input", title: "Input", lines: [flow.input.summary, flow.input.detail].flatMap((t) => wrap(t, CHARS)) },
    { id: "filters", title: "Filters", lines: steps.length > 0 ? steps : ["(none: records pass unchanged)"] },
    { id: "output", title: "Output", lines: outputLines(flow) },
  ];
}

/** A routes, fanout or fallback output lists each branch under its summary: `when …: POST /x (host)`. */
function outputLines(flow: Flow): string[] {
  const head = [flow.output.summary, flow.output.detail];
  const branches = (flow.routes ?? []).map(
    (route) => `→ ${plainWords(route.when)}: ${route.summary}${route.detail ? ` (${route.detail})` : ""}`,
  );
  return [...head, ...branches].flatMap((t) => wrap(t, CHARS));
}

function box(stage: Stage, x: number, height: number): string {
  const text = stage.lines
    .map(
      (line, i) =>
        `<text x="${x + PAD}" y="${PAD + TITLE + LINE * (i + 1)}" class="flow-line">${escapeHtml(line)}</text>`,
    )
    .join("");
  return (
    `<g class="stage" data-stage="${stage.id}">` +
    `<rect x="${x}" y="0" width="${BOX_WIDTH}" height="${height}" rx="8" class="flow-box"/>` +
    `<text x="${x + PAD}" y="${PAD + 16}" class="flow-title">${stage.title}</text>${text}</g>`
  );
}

function arrow(fromX: number, y: number): string {
  return `<line x1="${fromX + 6}" y1="${y}" x2="${fromX + GAP - 8}" y2="${y}" class="flow-arrow" marker-end="url(#flow-head)"/>`;
}

export function flowSvg(flow: Flow): string {
  const all = stages(flow);
  const height = PAD * 2 + TITLE + LINE * Math.max(...all.map((s) => s.lines.length)) + 4;
  const width = BOX_WIDTH * 3 + GAP * 2;
  const middle = Math.round(height / 2);
  const label = `Flow: ${all.map((s) => s.title).join(" → ")}`;
  return [
    `<svg id="flow" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${escapeHtml(label)}">`,
    `<defs><marker id="flow-head" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto"><path d="M0,0 L10,5 L0,10 z" class="flow-head"/></marker></defs>`,
    ...all.map((stage, i) => box(stage, i * (BOX_WIDTH + GAP), height)),
    arrow(BOX_WIDTH, middle),
    arrow(BOX_WIDTH * 2 + GAP, middle),
    "</svg>",
  ].join("\n");
}
