/**
 * `validate --connect`: the tables and columns a connector reads and writes, checked against the
 * databases themselves before a run. Reads catalogues only; connects once per (database, schema).
 */
import type { Connector } from "../../artifact/index.js";
import { type Diagnostic, formatPath, type SourceLocation } from "../../diagnostics/index.js";
import { describeError, ErrorCodes } from "../../errors/index.js";
import { outputTree } from "../../modules/catalogue.js";
import type { SqlInput } from "../../modules/input-sql/schema.js";
import type { SqlOutput } from "../../modules/output-sql/schema.js";
import { createRedactor, resolveSecrets } from "../../secrets/index.js";
import { introspectDatabase } from "./index.js";
import type { TableInfo } from "./model.js";
import { inputProblems, type MappedField, outputProblems, type Path, type Problem } from "./table-problems.js";

type Use = { at: Path } & ({ kind: "input"; spec: SqlInput } | { kind: "output"; spec: SqlOutput });

function usesOf(connector: Connector): Use[] {
  const uses: Use[] = [];
  if (connector.input.type === "sql") uses.push({ kind: "input", at: ["input"], spec: connector.input });
  for (const { path, spec } of outputTree(connector.output)) {
    if (spec.type === "sql") uses.push({ kind: "output", at: path, spec });
  }
  return uses;
}

/** The fields the last map writes, when it is the last filter and copies nothing unmapped. */
function mappedFields(connector: Connector): MappedField[] | undefined {
  const index = connector.filters.length - 1;
  const last = connector.filters[index];
  if (last?.type !== "map" || last.keepUnmapped) return undefined;
  return last.fields.map((field, j) => {
    const name = field.target.split(".")[0] ?? field.target;
    const at = ["filters", index, "fields", j, "target"];
    return field.value !== undefined && name === field.target ? { name, at, value: field.value } : { name, at };
  });
}

function split(table: string): { schema: string | undefined; name: string } {
  const dot = table.indexOf(".");
  return dot < 0 ? { schema: undefined, name: table } : { schema: table.slice(0, dot), name: table.slice(dot + 1) };
}

export async function connectDiagnostics(
  connector: Connector,
  locate: (path: Path) => SourceLocation | undefined,
  env: Record<string, string | undefined>,
): Promise<Diagnostic[]> {
  const problems: Problem[] = [];
  const catalogues = new Map<string, Promise<TableInfo[]>>();
  const mapped = mappedFields(connector);
  for (const use of usesOf(connector)) {
    const resolved = resolveSecrets(use.spec.connection, env);
    // An unset reference is reported by the environment check that --connect turns on.
    if (resolved.missing.length > 0) continue;
    const url = resolved.value;
    const tableName = use.spec.table;
    if (tableName === undefined) continue;
    const { schema, name } = split(tableName);
    const id = `${url}\u0000${schema ?? ""}`;
    let catalogue = catalogues.get(id);
    if (!catalogue) {
      const redactor = createRedactor(resolved.secrets);
      catalogue = introspectDatabase(url, { schema }, { tls: use.spec.tls, redact: (t) => redactor.redact(t) });
      catalogues.set(id, catalogue);
    }
    let tables: TableInfo[];
    try {
      tables = await catalogue;
    } catch (error) {
      problems.push({ path: [...use.at, "connection"], message: describeError(error).split(url).join("<connection>") });
      continue;
    }
    const table = tables.find((t) => t.name === name);
    const at = use.at;
    if (use.kind === "input") problems.push(...inputProblems(use.spec, at, table, tables));
    else problems.push(...outputProblems(use.spec, at, table, tables, at.length === 1 ? mapped : undefined));
  }
  return problems.map((p) => ({
    code: ErrorCodes.CONTRACT,
    severity: p.warning ? "warning" : "error",
    message: p.message,
    path: formatPath(p.path),
    ...(locate(p.path) ? { location: locate(p.path) as SourceLocation } : {}),
  }));
}
