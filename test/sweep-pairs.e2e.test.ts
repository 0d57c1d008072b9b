import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { SweepPair } from "../bench/sweep-pairs/pairs.js";
import { sweepPair } from "../bench/sweep-pairs/pipeline.js";
import { CLI, ROOT } from "./support/cli.js";

/**
 * The real-pairs sweep (`npm run sweep:pairs`, out of CI: its specs are a 427 MB package) on trimmed
 * vendor specs kept here: generate with no --from/--to → review --accept-above 0.5 → check → the
 * todo()s filled with placeholders → build → a run against mocks that validate every body against the
 * target spec. Each pair must pass check apart from its todo()s, choose the business pair, deliver,
 * and have every request accepted.
 */
const PAIRS: SweepPair[] = [
  {
    domain: "issue tracker → accounting (GitHub → Xero shapes)",
    source: "github-issues.yaml",
    target: "xero-invoices.yaml",
    expect: { from: /issues$/, to: /invoices$/ },
  },
  {
    domain: "e-commerce → issue tracker (api2cart → GitHub shapes)",
    source: "api2cart-orders.yaml",
    target: "github-issues.yaml",
    expect: { from: /order\.list/, to: /issues$/ },
  },
  {
    domain: "tickets → issues (enums, unions, formats)",
    source: "tickets-shapes.yaml",
    target: "issues-shapes.yaml",
    expect: { from: /tickets$/, to: /issues$/ },
  },
];

describe("sweep:pairs on trimmed vendor pairs", () => {
  it("every pair passes check apart from todo()s, chooses the business pair and delivers bodies the target accepts", async () => {
    const out = mkdtempSync(path.join(tmpdir(), "cannectors-sweep-ci-"));
    // One after another: each step loads a connector file under a time limit, and a busy machine trips it.
    const outcomes = [];
    for (const [i, pair] of PAIRS.entries()) {
      outcomes.push(
        await sweepPair(pair, {
          specs: path.join(ROOT, "test/fixtures/generate-params"),
          out: path.join(out, `pair-${i + 1}`),
          name: `pair-${i + 1}`,
          stepTimeoutMs: 240_000,
          records: 6,
          cli: CLI,
        }),
      );
    }
    const seen = outcomes.map((o) => ({
      pair: o.pair.source,
      chosen: o.chosen,
      sensible: o.sensibleChoice,
      realErrors: o.realErrors,
      build: o.build,
      run: o.run,
      delivered: o.requestsSent > 0,
      refused: o.requestsSent - o.requestsAccepted,
      refusals: o.refusals,
    }));
    expect(seen).toEqual(
      seen.map((s) => ({
        ...s,
        sensible: true,
        realErrors: [],
        build: "ok",
        run: "ok",
        delivered: true,
        refused: 0,
        refusals: [],
      })),
    );
  }, 600_000);
});
