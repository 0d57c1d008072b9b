/** The HTML page's only style sheet, inlined: system fonts, no web fonts, no images. */
export const STYLE = `
:root { color-scheme: light; --ink: #1f2328; --muted: #59636e; --line: #d1d9e0; --bg: #f6f8fa; --accent: #0969da; --warn: #9a6700; }
* { box-sizing: border-box; }
body { font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); margin: 0 auto; padding: 24px; max-width: 1200px; }
h1 { font-size: 28px; margin: 0 0 4px; }
h2 { font-size: 20px; border-bottom: 1px solid var(--line); padding-bottom: 4px; margin-top: 32px; }
.purpose { color: var(--muted); font-size: 16px; margin: 0 0 16px; }
table { border-collapse: collapse; width: 100%; margin: 8px 0 16px; }
th, td { border: 1px solid var(--line); padding: 6px 8px; text-align: left; vertical-align: top; }
th { background: var(--bg); }
code { font: 12px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: var(--bg); padding: 1px 4px; border-radius: 4px; word-break: break-word; }
#mapping td:first-child code, #mapping td:nth-child(4) code { white-space: nowrap; }
.flow { overflow-x: auto; }
.flow-box { fill: #fff; stroke: var(--accent); stroke-width: 2; }
.flow-title { font: 600 15px system-ui, sans-serif; fill: var(--accent); }
.flow-line { font: 12px ui-monospace, Menlo, Consolas, monospace; fill: var(--ink); }
.flow-arrow { stroke: var(--ink); stroke-width: 2; }
.flow-head { fill: var(--ink); }
.problem td:first-child { color: var(--warn); font-weight: 600; }
.ok { color: #1a7f37; font-weight: 600; }
@media print {
  body { padding: 0; max-width: none; font-size: 11px; }
  h2 { break-after: avoid; }
  tr, .flow { break-inside: avoid; }
  .flow svg { max-width: 100%; height: auto; }
  code { background: none; padding: 0; }
}
`;
