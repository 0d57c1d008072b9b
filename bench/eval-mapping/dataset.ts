/**
 * Reading a mapping dataset directory (splits.json + pairs/<id>.json) in the scorer's format.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import type { FieldRecord } from "../../generators/suggest/index.js";

export interface GroundTruth {
  target: string;
  sources: string[];
  alternatives?: string[][];
  conversion: string | null;
  uncertain?: boolean;
}

interface Side {
  fields: FieldRecord[];
  operation?: { path: string };
  api?: { provider?: string | null };
  spec?: { file?: string };
}

export interface MappingPair {
  id: string;
  domain: string;
  source: Side;
  target: Side;
  ground_truth: GroundTruth[];
}

export function splitIds(dir: string): Record<string, string[]> {
  return JSON.parse(readFileSync(path.join(dir, "splits.json"), "utf8")) as Record<string, string[]>;
}

export function loadSplit(dir: string, split: string): MappingPair[] {
  const ids = splitIds(dir)[split];
  if (!Array.isArray(ids)) throw new Error(`${dir}/splits.json has no split "${split}"`);
  return ids.map((id) => {
    const pair = JSON.parse(readFileSync(path.join(dir, "pairs", `${id}.json`), "utf8")) as MappingPair;
    return { ...pair, id, domain: pair.domain ?? id.split("__")[0] ?? "unknown" };
  });
}

/** The scorer's rule: every source of the candidate is among the accepted ones. */
export function isCorrect(source: string | string[], truth: GroundTruth): boolean {
  if (truth.sources.length === 0) return false;
  const accepted = new Set([...truth.sources, ...(truth.alternatives ?? []).flat()]);
  const sources = Array.isArray(source) ? source : [source];
  return sources.length > 0 && sources.every((s) => accepted.has(s));
}

/** The company behind one side: the spec's provider (`stripe.com`), else its file (`api.github.com`). */
function vendorOf(side: Side): string {
  const provider = side.api?.provider;
  if (provider) return provider;
  const file = path.basename(side.spec?.file ?? "unknown").replace(/\.(json|ya?ml)$/, "");
  return file.replace(/^api\./, "");
}

/** Both vendors of a pair: a vendor's pairs are those where it is the source or the target. */
export function vendorsOf(pair: MappingPair): string[] {
  return [...new Set([vendorOf(pair.source), vendorOf(pair.target)])];
}
