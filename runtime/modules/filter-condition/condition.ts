import type { ConditionFilter, Filter } from "../../artifact/index.js";
import { CannectorsError, ErrorCodes } from "../../errors/index.js";
import { compileExpression } from "../../expr/index.js";
import { compileFailure, evaluationFailure, moduleRef } from "../../filters/filter-error.js";
import type { PathSegment } from "../../json/path.js";
import type { FilterStep } from "../../filters/step.js";

type ListCompiler = (filters: readonly Filter[], path: readonly PathSegment[]) => FilterStep;

const keep: FilterStep = (record) => record;
const drop: FilterStep = () => undefined;

/** `compileList` is passed in, not imported, to keep the module graph acyclic. */
export function compileCondition(
  filter: ConditionFilter,
  path: readonly PathSegment[],
  compileList: ListCompiler,
): FilterStep {
  const ref = moduleRef([...path, "if"], "condition");
  let test: ReturnType<typeof compileExpression>;
  try {
    test = compileExpression(filter.if, ["record"]);
  } catch (error) {
    throw compileFailure(ref, error);
  }
  const branch = (name: "then" | "else"): FilterStep => {
    const value = filter[name] ?? (name === "then" ? "keep" : "drop");
    if (value === "keep") return keep;
    if (value === "drop") return drop;
    return compileList(value, [...path, name]);
  };
  const whenTrue = branch("then");
  const whenFalse = branch("else");
  return (record, seq) => {
    let holds: unknown;
    try {
      holds = test({ record });
    } catch (error) {
      throw evaluationFailure(seq, ref, error);
    }
    if (typeof holds !== "boolean") {
      const got = holds === null ? "null" : Array.isArray(holds) ? "list" : typeof holds;
      throw evaluationFailure(
        seq,
        ref,
        new CannectorsError(ErrorCodes.EVALUATION, `condition must evaluate to a bool, got ${got}`),
      );
    }
    return holds ? whenTrue(record, seq) : whenFalse(record, seq);
  };
}
