import type { Connector } from "../artifact/index.js";
import type { YamlSource } from "../artifact/yaml-source.js";
import { sourceContractOf } from "../contract/source-contract.js";
import { targetBodyCheckOf } from "../contract/target-contract.js";
import type { Diagnostic } from "../diagnostics/index.js";
import { describeError, ErrorCodes } from "../errors/index.js";

/** A contract must name a readable spec and an operation in it with a list of records (input) or a JSON body (output). */
export function contractDiagnostics(connector: Connector, source: YamlSource): Diagnostic[] {
  const found: Diagnostic[] = [];
  const check = (module: "input" | "output", load: () => unknown) => {
    try {
      load();
    } catch (error) {
      found.push({
        code: ErrorCodes.CONTRACT,
        severity: "error",
        message: describeError(error),
        path: `${module}.contract`,
        location: source.locate([module, "contract"]),
      });
    }
  };
  const input = connector.input;
  if (input.type === "http" && input.contract) check("input", () => sourceContractOf(input));
  if (connector.output.contract) check("output", () => targetBodyCheckOf(connector.output));
  return found;
}
