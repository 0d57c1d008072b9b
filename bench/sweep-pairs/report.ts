import type { PairOutcome } from "./pipeline.js";

/** The sweep's figures: the shares the issue's "done when" names, each over the pairs it applies to. */
export function summarise(outcomes: readonly PairOutcome[]): string[] {
  const n = outcomes.length;
  const pct = (k: number, of: number) => `${k}/${of} (${of === 0 ? 0 : Math.round((100 * k) / of)}%)`;
  const generated = outcomes.filter((o) => o.generate === "ok");
  const checkClean = generated.filter((o) => o.realErrors.length === 0);
  const delivering = outcomes.filter((o) => o.requestsSent > 0);
  const sent = outcomes.reduce((sum, o) => sum + o.requestsSent, 0);
  const accepted = outcomes.reduce((sum, o) => sum + o.requestsAccepted, 0);
  const sensible = outcomes.filter((o) => o.sensibleChoice);
  const domains = new Set(outcomes.map((o) => o.pair.domain.split(" → ")[0]));
  return [
    `pairs: ${n} across ${domains.size} source domains`,
    `generate succeeded: ${pct(generated.length, n)}`,
    `check passes apart from todo()s: ${pct(checkClean.length, n)}`,
    `deliver requests to the target: ${pct(delivering.length, n)}`,
    `requests the target spec accepts: ${pct(accepted, sent)}`,
    `pairs whose every request the target spec accepts: ${pct(delivering.filter((o) => o.requestsAccepted === o.requestsSent).length, delivering.length)}`,
    `automatic operation choice sensible: ${pct(sensible.length, n)}`,
  ];
}

export function markdownTable(outcomes: readonly PairOutcome[]): string[] {
  const rows = [
    "| # | domain | source → target | chosen | choice | gen s | check | todo | build | read | sent | accepted | first problem |",
    "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
  ];
  outcomes.forEach((o, i) => {
    const check = o.generate !== "ok" ? "-" : o.realErrors.length === 0 ? "ok" : `${o.realErrors.length} err`;
    const problem =
      o.generate !== "ok"
        ? o.generate
        : (o.realErrors[0] ?? (o.build !== "ok" ? o.build : o.run !== "ok" ? o.run : (o.refusals[0] ?? "")));
    rows.push(
      `| ${i + 1} | ${o.pair.domain} | ${o.pair.label ?? `${o.pair.source} → ${o.pair.target}`} | \`${o.chosen}\` | ${o.sensibleChoice ? "yes" : "no"} | ${(o.generateMs / 1000).toFixed(1)} | ${check} | ${o.decisions} | ${o.build} | ${o.recordsRead} | ${o.requestsSent} | ${o.requestsAccepted} | ${cell(problem)} |`,
    );
  });
  return rows;
}

function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\s+/g, " ").slice(0, 160);
}
