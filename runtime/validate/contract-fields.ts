import type { Connector, Filter } from "../artifact/index.js";
import type { YamlSource } from "../artifact/yaml-source.js";
import { propertiesOf } from "../contract/operation.js";
import type { SourceContract } from "../contract/source-contract.js";
import type { Diagnostic, PathSegment } from "../diagnostics/index.js";
import { formatPath } from "../diagnostics/index.js";
import { didYouMean } from "../diagnostics/suggest.js";
import { ErrorCodes } from "../errors/index.js";

/**
 * `record.<field>` in the filters checked against the source contract's record schema, so a typo
 * such as `record.stauts` fails `validate` instead of every record of the run. Only the steps
 * before the first `map` read source records; a `compute` target adds a field. A schema without
 * declared properties checks nothing.
 */
export function contractFieldDiagnostics(
  connector: Connector,
  contract: SourceContract,
  source: YamlSource,
): Diagnostic[] {
  const known = new Set(Object.keys(propertiesOf(contract.spec, contract.record)));
  if (known.size === 0) return [];
  const found: Diagnostic[] = [];
  const check = (expression: string, path: PathSegment[]) => {
    const code = expression.replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g, '""');
    for (const match of code.matchAll(/(?<![\w.])record\.([A-Za-z_]\w*)/g)) {
      const field = match[1] ?? "";
      if (known.has(field)) continue;
      found.push({
        code: ErrorCodes.EXPRESSION,
        severity: "error",
        message: `record has no field ${field} in the source contract (${contract.operation})${didYouMean(field, known)}`,
        path: formatPath(path),
        location: source.locate(path),
      });
    }
  };
  for (const [index, step] of connector.filters.entries()) {
    checkStep(step, ["filters", index], check, known);
    // The first map reads source records and builds the output's: later steps see the output's fields.
    if (step.type === "map") break;
  }
  return found;
}

function checkStep(
  step: Filter,
  at: PathSegment[],
  check: (expression: string, path: PathSegment[]) => void,
  known: Set<string>,
): void {
  if (step.type === "condition") check(step.if, [...at, "if"]);
  if (step.type === "map") {
    step.fields.forEach((field, i) => {
      // Inside `each`, `record` is the list's element, which the record schema does not describe.
      if (field.expr !== undefined) check(field.expr, [...at, "fields", i, "expr"]);
      if (field.from !== undefined) check(`record.${field.from}`, [...at, "fields", i, "from"]);
    });
  }
  if (step.type === "compute") {
    step.fields.forEach((field, i) => {
      check(field.expr, [...at, "fields", i, "expr"]);
      known.add(field.target.split(".")[0] ?? field.target);
    });
  }
}
