import { filterKind } from "../module.js";
import { compileCondition } from "./condition.js";
import { ConditionFilter } from "./schema.js";

export const conditionFilter = filterKind({
  type: "condition",
  schema: ConditionFilter,
  compile: (spec, path, compileList) => compileCondition(spec, path, compileList),
  check(spec, path, checker) {
    checker.expression(spec.if, ["record"], [...path, "if"]);
    for (const branch of ["then", "else"] as const) {
      const value = spec[branch];
      if (Array.isArray(value)) checker.list(value, [...path, branch]);
    }
  },
});
