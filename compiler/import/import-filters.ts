/** Filters → DSL pipeline calls: `.map`, `.filter`/`.when`, `.compute`, every expression as `cel("...")`. */
import type { Filter, MapField } from "../../runtime/artifact/index.js";
import { CannectorsError, ErrorCodes } from "../../runtime/errors/index.js";
import { nestedObject } from "./nested-targets.js";
import { literal, pathAccess, propertyKey, secretRecord } from "./ts-literals.js";

export interface ImportContext {
  use(name: string): void;
  /** Declares a module-level constant (folded back into a `value` by the lowering) and returns its name. */
  constant(value: unknown): string;
  /** An inline `api({ baseUrl, auth })` for a filter that calls out (enrich). */
  api(spec: { baseUrl?: string; auth?: unknown }): string;
}

function cel(expression: string, context: ImportContext): string {
  context.use("cel");
  return `cel(${JSON.stringify(expression)})`;
}

function plainValue(value: unknown, context: ImportContext): string {
  return typeof value === "object" && value !== null ? context.constant(value) : literal(value);
}

function fieldValue(field: MapField, param: string, depth: number, context: ImportContext): string {
  if (field.expr !== undefined) return cel(field.expr, context);
  if (field.value !== undefined) return plainValue(field.value, context);
  if (field.from === undefined)
    throw new CannectorsError(ErrorCodes.CONFIG_INVALID, `field ${field.target} has no source`);
  const source = pathAccess(param, field.from);
  if (field.each !== undefined) {
    if (field.default !== undefined) {
      throw new CannectorsError(
        ErrorCodes.CONFIG_INVALID,
        `field ${field.target}: each with a default cannot be imported`,
      );
    }
    const inner = `e${depth + 1}`;
    return `${source}.map((${inner}: ImportedRecord) => ${fieldsObject(field.each, inner, depth + 1, context)})`;
  }
  return field.default === undefined ? source : `${source} ?? ${plainValue(field.default, context)}`;
}

function fieldsObject(fields: readonly MapField[], param: string, depth: number, context: ImportContext): string {
  return `(${nestedObject(fields.map((f) => [f.target, fieldValue(f, param, depth, context)] as const))})`;
}

function branch(value: "keep" | "drop" | Filter[], context: ImportContext): string {
  if (typeof value === "string") return JSON.stringify(value);
  return `(b) => b${value.map((f) => filterCall(f, context, "")).join("")}`;
}

/** One pipeline call; `lead` starts it on its own line at the top level, inline inside a branch. */
export function filterCall(filter: Filter, context: ImportContext, lead = "\n  "): string {
  switch (filter.type) {
    case "map": {
      const method = filter.keepUnmapped ? "mapKeepingUnmapped" : "map";
      return `${lead}.${method}((r) => ${fieldsObject(filter.fields, "r", 0, context)})`;
    }
    case "compute": {
      const entries = filter.fields.map((f) => [f.target, cel(f.expr, context)] as const);
      return `${lead}.compute((r) => (${nestedObject(entries)}))`;
    }
    case "condition": {
      const condition = `(r) => ${cel(filter.if, context)}`;
      const thenBranch = filter.then ?? "keep";
      const elseBranch = filter.else ?? "drop";
      if (thenBranch === "keep" && elseBranch === "drop") return `${lead}.filter(${condition})`;
      return `${lead}.when(${condition}, { then: ${branch(thenBranch, context)}, else: ${branch(elseBranch, context)} })`;
    }
    case "enrich": {
      const { type: _type, baseUrl, auth, query, headers, ...rest } = filter;
      const entries = Object.entries(rest).map(([key, value]) => `${propertyKey(key)}: ${literal(value)}`);
      if (query !== undefined) entries.push(`query: ${secretRecord(query, context.use)}`);
      if (headers !== undefined) entries.push(`headers: ${secretRecord(headers, context.use)}`);
      return `${lead}.enrich(${context.api({ baseUrl, auth })}, { ${entries.join(", ")} })`;
    }
    case "split":
    case "aggregate": {
      const { type, ...rest } = filter;
      return `${lead}.${type}(${literal(rest)})`;
    }
  }
}
