/** Filters in plain words: the mapping rows, the conditions and routes, the one-line flow steps. */
import type { Filter, MapField } from "../../runtime/artifact/index.js";
import { fieldsRead, parseCel } from "./cel-ast.js";
import { celWords } from "./cel-words.js";
import type { ConditionDoc, FlowStep, MappingRow } from "./model-types.js";

type Branch = "keep" | "drop" | Filter[];

function row(partial: Omit<MappingRow, "notes">): MappingRow {
  return { ...partial, notes: [] };
}

/** `each` reads from the element: its paths are prefixed with the array's path and `[]`. */
function mapFieldRows(field: MapField, path: string, targetPrefix: string, sourcePrefix: string): MappingRow[] {
  const target = `${targetPrefix}${field.target}`;
  const fallback = field.default === undefined ? "" : `; ${JSON.stringify(field.default)} when absent or null`;
  const rows: MappingRow[] = [];
  if (field.from !== undefined) {
    const source = `${sourcePrefix}${field.from}`;
    const each = field.each ? "; each item mapped as below" : "";
    rows.push(
      row({
        target,
        sources: [source],
        kind: "copy",
        words: `copied from \`${source}\`${fallback}${each}`,
        cel: `from: ${field.from}`,
        path,
      }),
    );
  } else if (field.expr !== undefined) {
    const ast = parseCel(field.expr);
    const sources = [...fieldsRead(ast).map((p) => `${sourcePrefix}${p}`), ...fieldsRead(ast, "root")];
    rows.push(
      row({
        target,
        sources: [...new Set(sources)].sort(),
        kind: "expression",
        words: `${celWords(field.expr)}${fallback}`,
        cel: field.expr,
        path,
      }),
    );
  } else {
    const constant = JSON.stringify(field.value) ?? "null";
    rows.push(row({ target, sources: [], kind: "constant", words: `always ${constant}`, cel: constant, path }));
  }
  field.each?.forEach((child, i) => {
    rows.push(...mapFieldRows(child, `${path}.each[${i}]`, `${target}[].`, `${sourcePrefix}${field.from}[].`));
  });
  return rows;
}

function walk(filters: readonly Filter[], base: string, visit: (filter: Filter, path: string) => void): void {
  filters.forEach((filter, i) => {
    const path = `${base}[${i}]`;
    visit(filter, path);
    if (filter.type !== "condition") return;
    if (Array.isArray(filter.then)) walk(filter.then, `${path}.then`, visit);
    if (Array.isArray(filter.else)) walk(filter.else, `${path}.else`, visit);
  });
}

export function mappingRows(filters: readonly Filter[]): MappingRow[] {
  const rows: MappingRow[] = [];
  walk(filters, "filters", (filter, path) => {
    if (filter.type === "map") {
      filter.fields.forEach((f, i) => {
        rows.push(...mapFieldRows(f, `${path}.fields[${i}]`, "", ""));
      });
    }
    if (filter.type === "compute") {
      filter.fields.forEach((f, i) => {
        const sources = fieldsRead(parseCel(f.expr));
        rows.push(
          row({
            target: f.target,
            sources,
            kind: "computed",
            words: celWords(f.expr),
            cel: f.expr,
            path: `${path}.fields[${i}]`,
          }),
        );
      });
    }
  });
  return rows;
}

function branchWords(branch: Branch): string {
  if (branch === "keep") return "keep the record";
  if (branch === "drop") return "drop the record";
  return `run ${branch.length} step${branch.length === 1 ? "" : "s"}: ${branch.map(stepSummary).join("; ")}`;
}

export function conditionDocs(filters: readonly Filter[]): ConditionDoc[] {
  const docs: ConditionDoc[] = [];
  walk(filters, "filters", (filter, path) => {
    if (filter.type !== "condition") return;
    docs.push({
      path,
      words: celWords(filter.if),
      cel: filter.if,
      onTrue: branchWords(filter.then),
      onFalse: branchWords(filter.else),
    });
  });
  return docs;
}

export function stepSummary(filter: Filter): string {
  if (filter.type === "map") {
    const n = filter.fields.length;
    return `map to ${n} field${n === 1 ? "" : "s"}${filter.keepUnmapped ? ", keeping the others" : ""}`;
  }
  if (filter.type === "compute") return `compute ${filter.fields.map((f) => `\`${f.target}\``).join(", ")}`;
  if (filter.type === "enrich") {
    return `enrich from GET ${filter.path}${filter.bulk ? ` (bulk, ${filter.bulk.maxBatch} keys per request)` : ""}, on failure ${typeof filter.onFailure === "string" ? filter.onFailure : "a default"}`;
  }
  if (filter.type === "split") return `split \`${filter.field}\` into one record per element`;
  if (filter.type === "aggregate") {
    return `aggregate by ${filter.groupBy.map((g) => `\`${g}\``).join(", ")} into ${filter.fields.map((f) => `\`${f.target}\` (${f.op})`).join(", ")}`;
  }
  if (filter.then === "keep" && filter.else === "drop") return `keep if ${celWords(filter.if)}`;
  if (filter.then === "drop" && filter.else === "keep") return `drop if ${celWords(filter.if)}`;
  return `route on ${celWords(filter.if)}`;
}

export function flowSteps(filters: readonly Filter[]): FlowStep[] {
  return filters.map((filter, i) => ({ path: `filters[${i}]`, kind: filter.type, summary: stepSummary(filter) }));
}
