import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { sideBySide } from "../suite/side-by-side.js";
import { summarisePeer } from "./summary.js";

/** A line as ../shared/peer-bench/external.mjs writes it (the fields the summary reads, and some it does not). */
const line = (round: number, label: string, recPerS: number, cpuS: number, rssMb: number, ok = true) =>
  JSON.stringify({ round, label, ok, rec_per_s: recPerS, client_cpu_s: cpuS, client_maxrss_mb: rssMb, elapsed_s: 1 });

describe("summarisePeer", () => {
  it("pairs each round's product and baseline per mode and takes medians", () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), "peer-summary-")), "peer.jsonl");
    writeFileSync(
      file,
      [
        line(1, "baseline batch", 100, 1, 100),
        line(1, "product batch", 90, 1.25, 120),
        line(1, "baseline single", 50, 2, 100),
        line(1, "product single", 25, 4, 130, false),
        line(2, "baseline batch", 100, 1, 110),
        line(2, "product batch", 80, 1, 124),
        line(3, "baseline batch", 100, 1, 105),
        line(3, "product batch", 100, 2, 128),
        "",
      ].join("\n"),
    );
    const [batch, single] = summarisePeer(file);
    expect(batch).toMatchObject({ mode: "batch", rounds: 3, ratios: [0.9, 0.8, 1], medianRatio: 0.9 });
    expect(batch).toMatchObject({ medianCpuRatio: 0.8, productRssMb: 124, baselineRssMb: 105, verified: true });
    expect(single).toMatchObject({ mode: "single", rounds: 1, medianRatio: 0.5, medianCpuRatio: 0.5, verified: false });
    const table = sideBySide(undefined, [batch!, single!]);
    expect(table).toMatch(/batch .*\| 0\.90 \(0\.90 0\.80 1\.00\) .*\| 0\.80 ! .*\| 124 \/ 105 .*\| true/);
    expect(table).toMatch(/single .*\| 0\.50 ! \(0\.50\) .*\| false/);
  });
});
