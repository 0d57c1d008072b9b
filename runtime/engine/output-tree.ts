import type { Auth } from "../auth/schema.js";
import type { Authenticator } from "../auth/authenticator.js";
import { formatPath } from "../diagnostics/index.js";
import { compileFilters } from "../filters/compile.js";
import type { OutputContract } from "../contract/violation.js";
import { type PathSegment, readPath } from "../json/path.js";
import { type Filter, type Output, outputBatchSize, outputKindOf } from "../modules/catalogue.js";
import type { DeadLetterSink, DeliveryResult, DryRunSink, ModuleContext, OutputModule } from "./modules.js";

export interface OutputTreeOptions {
  context: ModuleContext;
  authenticator(auth: Auth | undefined): Authenticator;
  deadLetter: DeadLetterSink;
  dryRun: DryRunSink | undefined;
  /** The target contract of the output at this artifact path (`output`, `output.routes[1].output`), if known. */
  contractAt?: ((path: string) => OutputContract | undefined) | undefined;
}

/**
 * Builds the connector's output and, through `createOutput`, the outputs a routes, fanout or
 * fallback output holds. A nested output's dead letters and dry-run requests carry its artifact
 * path, so one file says which target refused which record.
 */
export function buildOutput(spec: Output, options: OutputTreeOptions): OutputModule {
  return build(spec, ["output"], options.deadLetter, options.dryRun, options);
}

/**
 * The output at `path` in the connector's output tree (`output.routes[1].output`), built as the whole
 * tree builds it, so its dead letters name the same path: a replay sends a record again through the
 * output that failed it, and no other.
 */
export function buildOutputAt(root: Output, path: readonly PathSegment[], options: OutputTreeOptions): OutputModule {
  if (path.length <= 1) return buildOutput(root, options);
  const spec = readPath({ output: root }, path) as Output;
  const label = formatPath(path);
  const plan = options.dryRun && labelledDryRun(options.dryRun, label);
  const built = build(spec, path, labelledDeadLetter(options.deadLetter, label), plan, options);
  return inBatchesOf(outputBatchSize(spec), built);
}

function build(
  spec: Output,
  path: readonly PathSegment[],
  deadLetter: DeadLetterSink,
  dryRun: DryRunSink | undefined,
  options: OutputTreeOptions,
): OutputModule {
  return outputKindOf(spec).create(spec as never, {
    context: options.context,
    authenticator: options.authenticator,
    deadLetter,
    dryRun,
    contract: options.contractAt?.(formatPath(path)),
    path,
    createOutput(child, { path: childPath, deadLetter: catcher }) {
      const label = formatPath(childPath);
      const sink = labelledDeadLetter(catcher ?? deadLetter, label);
      const plan = dryRun && labelledDryRun(dryRun, label);
      const built = build(child as Output, childPath, sink, plan, options);
      return inBatchesOf(outputBatchSize(child as Output), built);
    },
    compileFilters: (filters, at) => compileFilters(filters as Filter[], at),
  });
}

/** The innermost output names the entry; closing is the run's business (one file for every output). */
function labelledDeadLetter(sink: DeadLetterSink, path: string): DeadLetterSink {
  return {
    write: (entry) => sink.write({ ...entry, output: entry.output ?? path }),
    get count() {
      return sink.count;
    },
    close: async () => {},
  };
}

function labelledDryRun(sink: DryRunSink, path: string): DryRunSink {
  return { write: (request) => sink.write({ ...request, output: request.output ?? path }) };
}

/** The engine's batch is the largest child's: each child sends no more per call than its own `batch.size`. */
function inBatchesOf(size: number, output: OutputModule): OutputModule {
  return {
    async deliver(batch) {
      if (batch.length <= size) return output.deliver(batch);
      const total: DeliveryResult = { delivered: 0, deadLettered: 0 };
      for (let start = 0; start < batch.length; start += size) {
        const part = await output.deliver(batch.slice(start, start + size));
        total.delivered += part.delivered;
        total.deadLettered += part.deadLettered;
      }
      return total;
    },
    close: () => output.close(),
  };
}
