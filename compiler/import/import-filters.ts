/** Filters → DSL pipeline calls: each filter module writes its own call (`runtime/modules/filter-<type>/import.ts`). */
import type { FilterInput } from "../../runtime/artifact/index.js";
import { importComputeFilter } from "../../runtime/modules/filter-compute/import.js";
import { importConditionFilter } from "../../runtime/modules/filter-condition/import.js";
import { importMapFilter } from "../../runtime/modules/filter-map/import.js";
import type { ImportContext } from "./contract.js";
import { literal, propertyKey, secretRecord } from "./ts-literals.js";

export type { ImportContext } from "./contract.js";

/** One pipeline call, from the filter as written (defaults absent); `lead` starts it on its own line at the top level, inline inside a branch. */
export function filterCall(filter: FilterInput, context: ImportContext, lead = "\n  "): string {
  switch (filter.type) {
    case "map":
      return importMapFilter(filter, context, lead);
    case "compute":
      return importComputeFilter(filter, context, lead);
    case "condition":
      return importConditionFilter(filter, context, lead, filterCall);
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
