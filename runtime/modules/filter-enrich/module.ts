import { filterKind } from "../module.js";
import { compileEnrich } from "./enrich.js";
import { EnrichFilter } from "./schema.js";

export const enrichFilter = filterKind({
  type: "enrich",
  schema: EnrichFilter,
  topLevelOnly: true,
  compile: (spec, path) => compileEnrich(spec, path),
  check(spec, path, checker) {
    if (spec.into !== undefined) checker.target(spec.into, [...path, "into"]);
    spec.fields?.forEach((field, i) => {
      checker.target(field.target, [...path, "fields", i, "target"]);
    });
  },
});
