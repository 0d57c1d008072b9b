import { describeError } from "../errors/index.js";
import { recordSteps } from "./record-steps.js";
import type {
  CompiledStep,
  FilterStep,
  FilterWiring,
  ItemFailure,
  ManyStep,
  PageItem,
  PageResult,
  PageStage,
} from "./step.js";

/**
 * A filter list holding a page-level filter (enrich, aggregate), run a page at a time. Runs of
 * record steps between page-level ones apply per record as on the synchronous path; a record one
 * of them throws on is that record's failure. The pump takes this path only for such lists, so the
 * plain path keeps no page buffers and makes no promise per record.
 */
export interface PagedFilters {
  readonly kind: "paged";
  page(items: PageItem[]): Promise<PageResult>;
  flush(): Promise<PageResult>;
  /** Whether a stage holds records read but not passed on yet (the cursor must wait for them). */
  readonly holding: boolean;
}

type Stage = { kind: "records"; run: (item: PageItem, out: PageItem[]) => void } | { kind: "page"; stage: PageStage };

export function pagedFilters(steps: readonly CompiledStep[], wiring: FilterWiring | undefined): PagedFilters {
  const stages: Stage[] = [];
  let run: (FilterStep | ManyStep)[] = [];
  const closeRun = () => {
    if (run.length === 0) return;
    const apply = recordSteps(run);
    stages.push({ kind: "records", run: (item, out) => pushAll(out, item.seq, apply(item.value, item.seq)) });
    run = [];
  };
  for (const step of steps) {
    if (typeof step === "function" || step.kind === "many") run.push(step);
    else {
      closeRun();
      stages.push({ kind: "page", stage: step.open(wiring) });
    }
  }
  closeRun();
  const from = async (index: number, items: PageItem[], failures: ItemFailure[]): Promise<PageResult> => {
    let current = items;
    for (let i = index; i < stages.length; i++) {
      const stage = stages[i]!;
      if (stage.kind === "records") current = throughRecords(stage.run, current, failures);
      else {
        const result = await stage.stage.page(current);
        for (const failure of result.failures) failures.push(failure);
        current = result.items;
      }
    }
    return { items: current, failures };
  };
  return {
    kind: "paged",
    page: (items) => from(0, items, []),
    async flush() {
      // Each stage's held records go through the stages after it, then that stage's own flush.
      const failures: ItemFailure[] = [];
      const items: PageItem[] = [];
      for (let i = 0; i < stages.length; i++) {
        const stage = stages[i]!;
        if (stage.kind !== "page") continue;
        const held = stage.stage.flush();
        for (const failure of held.failures) failures.push(failure);
        const after = await from(i + 1, held.items, failures);
        for (const item of after.items) items.push(item);
      }
      return { items: items.sort((a, b) => a.seq - b.seq), failures };
    },
    get holding() {
      return stages.some((stage) => stage.kind === "page" && stage.stage.holding);
    },
  };
}

function throughRecords(
  run: (item: PageItem, out: PageItem[]) => void,
  items: PageItem[],
  failures: ItemFailure[],
): PageItem[] {
  const out: PageItem[] = [];
  for (const item of items) {
    try {
      run(item, out);
    } catch (error) {
      // One bad record must not sink the run: it goes to the dead letter with the reason.
      failures.push({ seq: item.seq, record: item.value, reason: describeError(error) });
    }
  }
  return out;
}

function pushAll(out: PageItem[], seq: number, values: readonly PageItem["value"][]): void {
  for (const value of values) out.push({ seq, value });
}
