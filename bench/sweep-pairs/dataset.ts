/**
 * The pairs of the mapping data set (`/work/shared/datasets/mapping` layout: `splits.json` and
 * `pairs/<id>.json`) as sweep pairs: each names its spec files (a package and a file inside it) and
 * the operations a reviewer picked, which the sweep passes as `--from`/`--to`.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import type { SweepPair } from "./pairs.js";

export type Split = "dev" | "dev2" | "all";

interface Side {
  spec: { package: string; version: string; file: string };
  operation: { method: string; path: string };
  pointer?: string;
}

/** One pair file as read: only what the sweep uses. */
export interface DatasetPairFile {
  id: string;
  domain: string;
  source: Side;
  target: Side;
}

/** Where each spec package lies on this machine (its root folder, the one holding `package.json`). */
export type SpecRoots = Readonly<Record<string, string | undefined>>;

export type DatasetEntry = { id: string; pair: SweepPair } | { id: string; skipped: string };

/** The pair ids of a split, in the split's order (`all`: dev then dev2). */
export function splitIds(splits: Readonly<Record<string, readonly string[]>>, split: Split): string[] {
  if (split === "all") return [...(splits.dev ?? []), ...(splits.dev2 ?? [])];
  const ids = splits[split];
  if (!ids) throw new Error(`splits.json has no split "${split}"`);
  return [...ids];
}

/**
 * A pair file as a sweep pair: spec paths absolute (the package's root joined with the file the pair
 * names), the operations as `METHOD /path`, and `expect` matching exactly those operations. A pair
 * whose package has no root, or whose spec file is absent, is skipped with the reason.
 */
export function toSweepPair(
  file: DatasetPairFile,
  roots: SpecRoots,
  exists: (p: string) => boolean = existsSync,
): DatasetEntry {
  const specs: string[] = [];
  for (const side of [file.source, file.target]) {
    const root = roots[side.spec.package];
    if (!root) return { id: file.id, skipped: `no folder for ${side.spec.package}@${side.spec.version}` };
    const spec = path.resolve(root, side.spec.file);
    if (!exists(spec))
      return { id: file.id, skipped: `spec absent: ${spec} (${side.spec.package}@${side.spec.version})` };
    specs.push(spec);
  }
  const from = operation(file.source);
  const to = operation(file.target);
  return {
    id: file.id,
    pair: {
      domain: file.domain,
      source: specs[0]!,
      target: specs[1]!,
      from,
      to,
      label: file.id,
      expect: { from: exactly(from), to: exactly(to) },
    },
  };
}

/** The split's pairs read from the data set folder. */
export function datasetPairs(dir: string, split: Split, roots: SpecRoots): DatasetEntry[] {
  const splits = JSON.parse(readFileSync(path.join(dir, "splits.json"), "utf8")) as Record<string, string[]>;
  return splitIds(splits, split).map((id) => {
    const file = JSON.parse(readFileSync(path.join(dir, "pairs", `${id}.json`), "utf8")) as DatasetPairFile;
    return toSweepPair(file, roots);
  });
}

function operation(side: Side): string {
  return `${side.operation.method.toUpperCase()} ${side.operation.path}`;
}

function exactly(op: string): RegExp {
  return new RegExp(`^${op.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`);
}
