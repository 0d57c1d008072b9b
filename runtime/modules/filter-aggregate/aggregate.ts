import { describeError } from "../../errors/index.js";
import { compileFailure, moduleRef } from "../../filters/filter-error.js";
import type { ItemFailure, PageItem, PageResult, PageStage, PageStep } from "../../filters/step.js";
import { targetSegments } from "../../filters/targets.js";
import { ExactNumber } from "../../json/exact-number.js";
import { compilePathReader, type JsonRecord, type PathSegment, parsePath, writePath } from "../../json/path.js";
import { addDecimal, decimalOf, type ExactSum, emptySum, sumValue } from "./exact-sum.js";
import type { AggregateField, AggregateFilter } from "./schema.js";

type Reader = (value: unknown) => unknown;
interface Column {
  op: AggregateField["op"];
  target: string[];
  read: Reader | undefined;
}
interface Group {
  seq: number;
  keys: unknown[];
  count: number;
  values: unknown[];
}

/**
 * Groups records by key until the window closes (each page by default), then passes one record per
 * group, in the order of each group's first record, at that record's position. While a window is
 * open the stage is `holding`, so the cursor stays before its records.
 */
export function compileAggregate(filter: AggregateFilter, path: readonly PathSegment[]): PageStep {
  const ref = moduleRef(path, `aggregate by ${filter.groupBy.join(", ")}`);
  let keys: { read: Reader; write: string[] }[];
  let columns: Column[];
  try {
    keys = filter.groupBy.map((name) => ({ read: compilePathReader(parsePath(name)), write: targetSegments(name) }));
    columns = filter.fields.map((field) => ({
      op: field.op,
      target: targetSegments(field.target),
      read: "from" in field ? compilePathReader(parsePath(field.from)) : undefined,
    }));
  } catch (error) {
    throw compileFailure(ref, error);
  }
  return { kind: "page", open: () => aggregateStage(keys, columns, filter.window, ref.path) };
}

function aggregateStage(
  keys: { read: Reader; write: string[] }[],
  columns: Column[],
  window: AggregateFilter["window"],
  where: string,
): PageStage {
  let groups = new Map<string, Group>();
  let pages = 0;
  let records = 0;
  const close = (): PageItem[] => {
    const out = [...groups.values()].map((group) => ({ seq: group.seq, value: recordOf(group, keys, columns) }));
    groups = new Map();
    records = 0;
    return out;
  };
  return {
    page(items) {
      const failures: ItemFailure[] = [];
      const out: PageItem[] = [];
      for (const item of items) {
        try {
          add(groups, item, keys, columns);
        } catch (error) {
          failures.push({
            seq: item.seq,
            record: item.value,
            reason: `record #${item.seq}: ${where}: ${describeError(error)}`,
          });
          continue;
        }
        records++;
        if (window !== undefined && "records" in window && records >= window.records) out.push(...close());
      }
      pages++;
      if (window === undefined || ("pages" in window && pages % window.pages === 0)) out.push(...close());
      return { items: out, failures } satisfies PageResult;
    },
    flush: () => ({ items: close(), failures: [] }),
    get holding() {
      return groups.size > 0;
    },
  };
}

/** Adds one record to its group; reads and checks every value first, so a bad record changes nothing. */
function add(groups: Map<string, Group>, item: PageItem, keys: { read: Reader }[], columns: Column[]): void {
  const keyValues = keys.map((key) => key.read(item.value));
  const id = keyValues.map(keyText).join("\u0000");
  const values = columns.map((column) => {
    const value = column.read?.(item.value);
    return column.op === "sum" && value !== undefined && value !== null ? decimalOf(value) : value;
  });
  let group = groups.get(id);
  if (group === undefined) {
    group = { seq: item.seq, keys: keyValues, count: 0, values: columns.map(initial) };
    groups.set(id, group);
  }
  group.count++;
  columns.forEach((column, index) => {
    const value = values[index];
    if (column.op === "count" || value === undefined) return;
    if (column.op === "collect") (group.values[index] as unknown[]).push(value);
    else if (column.op === "sum") {
      if (value !== null) addDecimal(group.values[index] as ExactSum, value as ReturnType<typeof decimalOf>);
    } else if (column.op === "last" || group.values[index] === undefined) group.values[index] = value;
  });
}

function initial(column: Column): unknown {
  return column.op === "collect" ? [] : column.op === "sum" ? emptySum() : undefined;
}

function recordOf(group: Group, keys: { write: string[] }[], columns: Column[]): JsonRecord {
  const out: JsonRecord = {};
  keys.forEach((key, index) => {
    if (group.keys[index] !== undefined) writePath(out, key.write, group.keys[index]);
  });
  columns.forEach((column, index) => {
    const value = group.values[index];
    if (column.op === "count") writePath(out, column.target, group.count);
    else if (column.op === "sum") writePath(out, column.target, sumValue(value as ExactSum));
    else if (value !== undefined) writePath(out, column.target, value);
  });
  return out;
}

/** Equal key values give equal text; 1 and "1" do not. */
function keyText(value: unknown): string {
  if (value === undefined) return "u";
  if (value instanceof ExactNumber) return `n${value.text}`;
  if (typeof value === "bigint" || typeof value === "number") return `n${String(value)}`;
  if (typeof value === "string") return `s${value}`;
  return `j${JSON.stringify(value)}`;
}
