/**
 * Where a dead-lettered record goes again: the output its entry names (`output.routes[1].output`),
 * so a record one output of a routes or fanout output failed reaches that output only, never the
 * others (which have it already, or were never meant to).
 */
import { formatPath, type PathSegment } from "../diagnostics/index.js";
import { describeError } from "../errors/index.js";
import { compileFilters } from "../filters/compile.js";
import { parsePath } from "../json/path.js";
import { type Filter, type Output, outputBatchSize, outputTree } from "../modules/catalogue.js";
import { failedRecordEntry, type DeliveryResult, type OutputModule, type OutputRecord } from "./modules.js";
import { buildOutputAt, type OutputTreeOptions } from "./output-tree.js";

export interface ReplayTarget {
  /** The output's artifact path, as its dead-letter entries name it. */
  label: string;
  path: PathSegment[];
  /** Set for a fanout branch whose own mapping failed the record: the record goes through it again. */
  filters?: Filter[];
  batchSize: number;
}

/**
 * The output a dead-letter entry's `output` names (none: the connector's own output), or undefined
 * when the connector has no such output (it changed since). Inside a fallback output the whole
 * fallback is the target: both of its outputs refused the record, and the primary comes first again.
 */
export function replayTargetOf(root: Output, label: string | undefined): ReplayTarget | undefined {
  const placed = outputTree(root);
  const wanted = label ?? "output";
  let found = placed.find((p) => formatPath(p.path) === wanted);
  let filters: Filter[] | undefined;
  if (!found && wanted.endsWith(".filters")) {
    // A fanout branch's mapping failed the record before its output saw it.
    const branch = parsePath(wanted).slice(0, -1);
    const parent = placed.find((p) => formatPath(p.path) === formatPath(branch.slice(0, -2)));
    if (parent?.spec.type === "fanout") {
      filters = parent.spec.outputs[branch.at(-1) as number]?.filters;
      found = placed.find((p) => formatPath(p.path) === formatPath([...branch, "output"]));
    }
  }
  if (!found) return undefined;
  const fallback = placed.find((p) => p.spec.type === "fallback" && isPrefix(p.path, found.path));
  const target = fallback && !filters ? fallback : found;
  return {
    label: filters ? wanted : formatPath(target.path),
    path: target.path,
    ...(filters ? { filters } : {}),
    batchSize: outputBatchSize(target.spec),
  };
}

/** One output per target; each batch's records go to the target their seq was read for. */
export function replayOutput(
  root: Output,
  targets: readonly ReplayTarget[],
  targetOfSeq: readonly number[],
  tree: OutputTreeOptions,
): OutputModule {
  const outputs = targets.map((target) => {
    const output = buildOutputAt(root, target.path, tree);
    return target.filters ? throughBranch(target, output, tree) : output;
  });
  return {
    async deliver(batch) {
      const total: DeliveryResult = { delivered: 0, deadLettered: 0 };
      for (const [index, output] of outputs.entries()) {
        const share = batch.filter((record) => targetOfSeq[record.seq] === index);
        if (share.length === 0) continue;
        const result = await output.deliver(share);
        total.delivered += result.delivered;
        total.deadLettered += result.deadLettered;
      }
      return total;
    },
    close: async () => {
      await Promise.all(outputs.map((output) => output.close()));
    },
  };
}

/** A fanout branch again: its mapping, then its output; a mapping that fails is dead-lettered as the fanout does. */
function throughBranch(target: ReplayTarget, output: OutputModule, tree: OutputTreeOptions): OutputModule {
  const map = compileFilters(target.filters ?? [], parsePath(target.label));
  return {
    async deliver(batch) {
      const share: OutputRecord[] = [];
      let deadLettered = 0;
      for (const record of batch) {
        try {
          for (const value of map(record.value, record.seq)) share.push({ seq: record.seq, value });
        } catch (error) {
          deadLettered++;
          const entry = failedRecordEntry(tree.context.connectorName, record, describeError(error), {
            output: target.label,
          });
          tree.deadLetter.write(entry);
        }
      }
      const result = share.length > 0 ? await output.deliver(share) : { delivered: 0, deadLettered: 0 };
      return { delivered: result.delivered, deadLettered: result.deadLettered + deadLettered };
    },
    close: () => output.close(),
  };
}

function isPrefix(prefix: readonly PathSegment[], path: readonly PathSegment[]): boolean {
  return prefix.length < path.length && prefix.every((segment, index) => path[index] === segment);
}
