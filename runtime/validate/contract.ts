import type { Connector } from "../artifact/index.js";
import type { YamlSource } from "../artifact/yaml-source.js";
import { sourceContractOf } from "../contract/source-contract.js";
import { outputContractOf } from "../contract/output-contracts.js";
import type { Diagnostic } from "../diagnostics/index.js";
import { describeError, ErrorCodes } from "../errors/index.js";
import { contractFieldDiagnostics } from "./contract-fields.js";

/** A contract must name a readable spec and an operation in it with a list of records (input) or a JSON body (output). */
export function contractDiagnostics(
  connector: Connector,
  source: YamlSource,
  sourceSpec?: string,
  targetSpec?: string,
): Diagnostic[] {
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
  // `validate --source-spec FILE` checks the field names as `input.contract` would, for this run only.
  const withSpec =
    input.type === "http" && !input.contract && sourceSpec !== undefined
      ? { ...input, contract: { spec: sourceSpec, mode: "warn" as const, sampleEvery: 20 } }
      : input;
  if (withSpec.type === "http" && withSpec.contract) {
    check("input", () => {
      const contract = sourceContractOf(withSpec);
      if (contract) found.push(...contractFieldDiagnostics(connector, contract, source));
    });
  }
  // The target's spec from `output.contract`, or known beyond the artifact (types header, --target-spec).
  // A broker output has no request schema to check.
  const output = connector.output;
  if (output.type === "http" && (output.contract || targetSpec !== undefined))
    check("output", () => outputContractOf(output, targetSpec));
  return found;
}
