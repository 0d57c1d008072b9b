import type { Diagnostic } from "../../runtime/diagnostics/index.js";
import { ErrorCodes } from "../../runtime/errors/index.js";
import type { FieldRead } from "./lambda.js";

/**
 * Which fields the current record has at a point of the pipeline: unknown (`undefined`) until a
 * map without keepUnmapped, then exactly the map's targets, plus what a compute adds. A lambda after
 * the map that reads any other field reads nothing at run time: an idempotency key on it fails every
 * record ("No such key"), a condition never holds. That is a located check error, not a dead letter.
 */
export interface FieldFlow {
  produced: ReadonlySet<string> | undefined;
}

export function startFlow(): FieldFlow {
  return { produced: undefined };
}

/** A map replaces the record (unless it keeps unmapped fields); a compute adds to it. */
export function afterMap(flow: FieldFlow, targets: readonly string[] | undefined, keepUnmapped: boolean): void {
  if (targets === undefined) flow.produced = undefined;
  else if (!keepUnmapped) flow.produced = new Set(targets);
  else if (flow.produced) flow.produced = new Set([...flow.produced, ...targets]);
}

export function afterCompute(flow: FieldFlow, targets: readonly string[] | undefined): void {
  if (targets === undefined) flow.produced = undefined;
  else if (flow.produced) flow.produced = new Set([...flow.produced, ...targets]);
}

/**
 * After a `.when`, the fields any surviving branch may set: a field set on one branch only is
 * accepted (a key may deliberately read it with `??`); one set on none is not.
 */
export function afterBranches(flow: FieldFlow, branches: readonly (FieldFlow | "drop")[]): void {
  const kept = branches.filter((b): b is FieldFlow => b !== "drop");
  if (kept.length === 0) return;
  if (kept.some((b) => b.produced === undefined)) flow.produced = undefined;
  else flow.produced = new Set(kept.flatMap((b) => [...b.produced!]));
}

function produces(produced: ReadonlySet<string>, read: string): boolean {
  const path = read.replace(/\[\d+\]/g, "");
  for (const field of produced) {
    if (field === path || field.startsWith(`${path}.`) || path.startsWith(`${field}.`)) return true;
  }
  return false;
}

/** One located error per read of a field the record cannot have here. */
export function unproducedReads(flow: FieldFlow, reads: readonly FieldRead[] | undefined, path: string): Diagnostic[] {
  const produced = flow.produced;
  if (!produced || !reads) return [];
  const listed = [...produced].slice(0, 8).join(", ") + (produced.size > 8 ? ", …" : "");
  return reads
    .filter((read) => !produces(produced, read.path))
    .map((read) => ({
      code: ErrorCodes.LOWERING,
      severity: "error" as const,
      message: `reads ${read.path}, which the map before it does not produce (the record has ${listed}); map ${read.path} in .map(), or read a field it sets`,
      path,
      location: read.location,
    }));
}
