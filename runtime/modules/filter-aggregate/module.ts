import { filterKind } from "../module.js";
import { compileAggregate } from "./aggregate.js";
import { AggregateFilter } from "./schema.js";

export const aggregateFilter = filterKind({
  type: "aggregate",
  schema: AggregateFilter,
  topLevelOnly: true,
  compile: (spec, path) => compileAggregate(spec, path),
  check(spec, path, checker) {
    spec.groupBy.forEach((name, i) => {
      checker.target(name, [...path, "groupBy", i]);
    });
    spec.fields.forEach((field, i) => {
      checker.target(field.target, [...path, "fields", i, "target"]);
    });
  },
});
