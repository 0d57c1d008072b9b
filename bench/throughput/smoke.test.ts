import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { benchFilters } from "./engine-only.js";
import { keep, mapRecord } from "./mapping.js";
import { activeCount, crmRecord } from "./records.js";
import { type BenchServers, startBenchServers } from "./servers.js";
import { measureMode } from "./throughput.js";

// One small round of each mode through the real CLI, so the bench cannot silently rot.
const RECORDS = 2_000;
const SEED = 7;
let servers: BenchServers;

beforeAll(async () => {
  servers = await startBenchServers({ records: RECORDS, seed: SEED });
});
afterAll(async () => {
  await servers?.close();
});

describe("throughput bench", () => {
  it.each(["batch", "single"] as const)("%s mode delivers every kept record exactly once", async (mode) => {
    const expectedSent = activeCount(RECORDS, SEED);
    const result = await measureMode(servers, mode, 1, { records: RECORDS, expectedSent });
    const stats = await servers.stats();
    expect(stats).toMatchObject({ unique: expectedSent, duplicates: 0, missingId: 0, received: expectedSent });
    expect(expectedSent).toBeGreaterThan(RECORDS / 2);
    expect(expectedSent).toBeLessThan(RECORDS);
    expect(result.ratios).toHaveLength(1);
    expect(result.ratios[0]).toBeGreaterThan(0);
    expect(result.cpuRatios[0]).toBeGreaterThan(0);
    for (const round of [...result.baseline, ...result.cannectors]) {
      expect(round.recordsPerCpuSecond).toBeGreaterThan(0);
      expect(round.durationMs).toBeLessThan(round.wallMs);
    }
  });

  it("the connector's filters give what the hand-written mapping gives", () => {
    const filters = benchFilters();
    for (let i = 0; i < 500; i++) {
      const record = crmRecord(i, SEED);
      expect(filters(record as never, i)).toEqual(keep(record) ? [mapRecord(record)] : []);
    }
  });

  it("records are deterministic per seed", () => {
    expect(crmRecord(42, SEED)).toEqual(crmRecord(42, SEED));
    expect(crmRecord(42, SEED)).not.toEqual(crmRecord(42, SEED + 1));
  });
});
