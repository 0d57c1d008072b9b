/**
 * The coverage report: required target fields nothing maps, lossy conversions, source enum values
 * without a mapping, and (as information) source fields nothing reads. Without specs only the
 * lossy conversions the expressions themselves show can be found.
 */
import type { Connector } from "../../runtime/artifact/index.js";
import type { FieldRecord } from "../openapi/index.js";
import { fieldPath, mapLiteral, parseCel, walkAst } from "./cel-ast.js";
import { enumReach, type Reach } from "./enum-reach.js";
import { lossesOf } from "./lossy.js";
import type { Coverage, CoverageProblem, MappingRow } from "./model-types.js";
import type { SpecFields } from "./specs.js";

const bare = (path: string) => path.replace(/\[\]/g, "");
const covers = (a: string, b: string) => a === b || b.startsWith(`${a}.`) || a.startsWith(`${b}.`);

function unmappedRequired(
  rows: readonly MappingRow[],
  target: readonly FieldRecord[],
  keepAll: boolean,
): CoverageProblem[] {
  if (keepAll) return [];
  const mapped = rows.map((r) => bare(r.target));
  return target
    .filter((f) => f.required)
    .filter((f) => {
      const path = bare(f.path);
      if (mapped.some((m) => covers(m, path))) return false;
      // A required field of an object nobody fills is not missing on its own.
      const parent = path.includes(".") ? path.slice(0, path.lastIndexOf(".")) : undefined;
      return parent === undefined || mapped.some((m) => m.startsWith(`${parent}.`));
    })
    .map((f) => ({
      kind: "unmapped-required" as const,
      field: f.path,
      message: `required target field \`${f.path}\` (${f.type}) is not mapped`,
    }));
}

function enumProblems(
  row: MappingRow,
  source: ReadonlyMap<string, FieldRecord>,
  target: FieldRecord | undefined,
  reach: Reach,
): CoverageProblem[] {
  const problems: CoverageProblem[] = [];
  const report = (field: FieldRecord, handled: readonly unknown[], how: string) => {
    const missing = (field.enum ?? []).filter((v) => reach(field.path, v) && !handled.includes(v));
    if (missing.length === 0) return;
    const shown = missing.map((v) => JSON.stringify(v)).join(", ");
    problems.push({
      kind: "unmapped-enum",
      field: field.path,
      message: `\`${field.path}\` value(s) ${shown} have no mapping in ${how} \`${row.target}\``,
    });
  };
  if (row.kind === "copy") {
    const from = source.get(row.sources[0] ?? "");
    if (from?.enum && target?.enum) report(from, target.enum, "the target enum of");
    return problems;
  }
  walkAst(parseCel(row.cel), (node) => {
    if (node.op !== "call" || node.args[0] !== "lookup" || node.args[1].length !== 2) return;
    const [table, key] = node.args[1] as [NonNullable<(typeof node.args)[1][0]>, NonNullable<(typeof node.args)[1][0]>];
    const keyPath = fieldPath(key);
    const entries = mapLiteral(table);
    const field = keyPath === undefined ? undefined : source.get(keyPath);
    if (field && entries)
      report(
        field,
        entries.map(([k]) => k),
        "the lookup table of",
      );
  });
  return problems;
}

function readElsewhere(connector: Connector): string[] {
  const paths: string[] = [];
  if (connector.input.type === "http" && connector.input.incremental)
    paths.push(connector.input.incremental.cursorField);
  const visit = (filters: Connector["filters"]) => {
    for (const f of filters) {
      if (f.type !== "condition") continue;
      walkAst(parseCel(f.if), (n) => {
        const p = fieldPath(n);
        if (p !== undefined) paths.push(p);
      });
      if (Array.isArray(f.then)) visit(f.then);
      if (Array.isArray(f.else)) visit(f.else);
    }
  };
  visit(connector.filters);
  return paths;
}

/** Annotates `rows` in place (type, required, notes) and returns the report. */
export function coverage(connector: Connector, rows: MappingRow[], source?: SpecFields, target?: SpecFields): Coverage {
  const sourceByPath = new Map((source?.fields ?? []).map((f) => [bare(f.path), f]));
  const targetByPath = new Map((target?.fields ?? []).map((f) => [bare(f.path), f]));
  const reach = enumReach(connector.filters);
  const problems: CoverageProblem[] = [];
  for (const row of rows) {
    const field = targetByPath.get(bare(row.target));
    if (field) {
      const format = field.format ? ` (${field.format})` : "";
      const values = field.enum ? `, one of ${field.enum.map((v) => JSON.stringify(v)).join(", ")}` : "";
      row.type = `${field.type}${format}${values}${field.nullable ? ", nullable" : ""}`;
      row.required = field.required;
    }
    for (const loss of lossesOf(row, sourceByPath, field)) {
      row.notes.push(
        loss.expected ? `${loss.message} — expected: the target is a ${field?.format ?? field?.type}` : loss.message,
      );
      if (!loss.expected)
        problems.push({ kind: "lossy-conversion", field: row.target, message: `\`${row.target}\`: ${loss.message}` });
    }
    const unmapped = enumProblems(row, sourceByPath, field, reach);
    row.notes.push(...unmapped.map((p) => p.message));
    problems.push(...unmapped);
  }
  const keepAll =
    connector.filters.some((f) => f.type === "map" && f.keepUnmapped) ||
    !connector.filters.some((f) => f.type === "map");
  if (target) problems.push(...unmappedRequired(rows, target.fields, keepAll));
  const used = [...rows.flatMap((r) => r.sources), ...readElsewhere(connector)].map(bare);
  const unused = (source?.fields ?? [])
    .map((f) => f.path)
    .filter((p) => !keepAll && !used.some((u) => covers(u, bare(p))));
  const order = (p: CoverageProblem) => `${p.kind}\u0000${p.field}\u0000${p.message}`;
  return {
    ...(source ? { sourceSpec: source.label } : {}),
    ...(target ? { targetSpec: target.label } : {}),
    problems: problems.sort((a, b) => (order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0)),
    unusedSourceFields: unused.sort(),
  };
}
