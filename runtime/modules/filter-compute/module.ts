import { filterKind } from "../module.js";
import { compileCompute } from "./compute.js";
import { ComputeFilter } from "./schema.js";

export const computeFilter = filterKind({
  type: "compute",
  schema: ComputeFilter,
  compile: (spec, path) => compileCompute(spec, path),
  check(spec, path, checker) {
    spec.fields.forEach((field, i) => {
      checker.target(field.target, [...path, "fields", i, "target"]);
      checker.expression(field.expr, ["record"], [...path, "fields", i, "expr"]);
    });
  },
});
