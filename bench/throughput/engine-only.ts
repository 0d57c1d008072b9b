/**
 * Filters + mapping alone, on in-memory records: Cannectors' compiled filters next to the plain JS
 * function of mapping.ts and a JSONata version of the same mapping. Records are 10,000 distinct
 * generated ones, cycled; Cannectors' output is checked against the plain function's first.
 * Timed in CPU time of this process, rounds interleaved.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { isDeepStrictEqual } from "node:util";
import jsonata from "jsonata";
import { compileFilters } from "../../runtime/filters/index.js";
import { validateArtifact } from "../../runtime/validate/index.js";
import { median } from "./child.js";
import { keep, mapRecord } from "./mapping.js";
import { ROOT } from "./paths.js";
import { type CrmRecord, crmRecord } from "./records.js";

const DISTINCT = 10_000;
/** JSONata evaluates asynchronously and far slower: a tenth of the records is plenty to time it. */
const JSONATA_SHARE = 10;

const JSONATA_MAPPING = `status != "inactive" ? {
  "client_id": id,
  "external_ref": "CRM-" & external_id,
  "full_name": first_name & " " & last_name,
  "email": $lowercase($trim(email)),
  "phone": $exists(phone) and phone != "" ? phone : "n/a",
  "segment": ($s := $lookup({"active": "STANDARD", "lead": "PROSPECT", "churned": "LOST"}, status); $exists($s) ? $s : "OTHER"),
  "balance_cents": $round($number(balance) * 100),
  "credit_limit_cents": $round($number(credit_limit) * 100),
  "customer_since": $substring(created_at, 0, 10),
  "updated_unix": $floor($toMillis(updated_at) / 1000),
  "vip": "vip" in tags,
  "city": address.city,
  "country": address.country,
  "company": company,
  "tags": tags
}`;

export interface EngineVariant {
  name: string;
  records: number;
  recordsPerSecond: number;
}

export interface EngineResult {
  records: number;
  variants: EngineVariant[];
  /** cannectors ÷ plain JS, records/s. */
  ratio: number;
}

export function benchFilters() {
  const file = path.join(ROOT, "bench/throughput/connector.yaml");
  const validation = validateArtifact(readFileSync(file, "utf8"), file, { env: {} });
  if (!validation.artifact) throw new Error(`bench connector is invalid: ${JSON.stringify(validation.diagnostics)}`);
  return compileFilters(validation.artifact.connector.filters);
}

function plainRun(records: readonly CrmRecord[], total: number): number {
  let kept = 0;
  for (let i = 0; i < total; i++) {
    const record = records[i % records.length]!;
    if (keep(record) && mapRecord(record).client_id > 0) kept++;
  }
  return kept;
}

/** CPU milliseconds (user + system): other processes on a shared machine barely move it. */
function cpuMs(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
}

function timed(run: () => number): { ms: number; kept: number } {
  const started = process.cpuUsage();
  const kept = run();
  return { ms: cpuMs(started), kept };
}

export async function measureEngine(total: number, seed: number, rounds: number): Promise<EngineResult> {
  const records = Array.from({ length: DISTINCT }, (_, i) => crmRecord(i, seed));
  const filters = benchFilters();
  const ours = (n: number) => {
    let kept = 0;
    for (let i = 0; i < n; i++) kept += filters(records[i % records.length] as never, i).length;
    return kept;
  };
  checkSameOutput(records, filters);
  const expression = jsonata(JSONATA_MAPPING);
  const jsonataTotal = Math.max(1, Math.floor(total / JSONATA_SHARE));
  const viaJsonata = async () => {
    let kept = 0;
    for (let i = 0; i < jsonataTotal; i++)
      if ((await expression.evaluate(records[i % records.length])) !== undefined) kept++;
    return kept;
  };
  plainRun(records, DISTINCT);
  ours(DISTINCT);
  const plain: number[] = [];
  const compiled: number[] = [];
  for (let round = 0; round < rounds; round++) {
    plain.push(timed(() => plainRun(records, total)).ms);
    compiled.push(timed(() => ours(total)).ms);
  }
  const started = process.cpuUsage();
  await viaJsonata();
  const jsonataMs = cpuMs(started);
  const perSecond = (n: number, ms: number) => n / (ms / 1000);
  const variants = [
    { name: "plain JS function", records: total, recordsPerSecond: perSecond(total, median(plain)) },
    { name: "cannectors filters", records: total, recordsPerSecond: perSecond(total, median(compiled)) },
    { name: "JSONata (reference)", records: jsonataTotal, recordsPerSecond: perSecond(jsonataTotal, jsonataMs) },
  ];
  return { records: total, variants, ratio: variants[1]!.recordsPerSecond / variants[0]!.recordsPerSecond };
}

/** The bench would be meaningless if Cannectors and the plain function did different work. */
function checkSameOutput(records: readonly CrmRecord[], filters: ReturnType<typeof benchFilters>): void {
  records.forEach((record, i) => {
    const ours = filters(record as never, i);
    const want = keep(record) ? [mapRecord(record)] : [];
    if (!isDeepStrictEqual(ours, want)) {
      throw new Error(`record ${i}: cannectors gave ${JSON.stringify(ours)}, plain JS ${JSON.stringify(want)}`);
    }
  });
}
