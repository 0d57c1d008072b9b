import { filterKind } from "../module.js";
import { SplitFilter } from "./schema.js";
import { compileSplit } from "./split.js";

export const splitFilter = filterKind({
  type: "split",
  schema: SplitFilter,
  topLevelOnly: true,
  compile: (spec, path) => compileSplit(spec, path),
  check(spec, path, checker) {
    checker.target(spec.field, [...path, "field"]);
    checker.target(spec.as ?? spec.field, [...path, spec.as === undefined ? "field" : "as"]);
    spec.keep?.forEach((name, i) => {
      checker.target(name, [...path, "keep", i]);
    });
  },
});
