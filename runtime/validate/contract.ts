import type { Connector } from "../artifact/index.js";
import type { YamlSource } from "../artifact/yaml-source.js";
import { sourceContractOf } from "../contract/source-contract.js";
import type { Diagnostic } from "../diagnostics/index.js";
import { describeError, ErrorCodes } from "../errors/index.js";

/** `input.contract` must name a readable spec, an operation in it, and a list of records in its answer. */
export function contractDiagnostics(connector: Connector, source: YamlSource): Diagnostic[] {
  if (connector.input.type !== "http" || !connector.input.contract) return [];
  try {
    sourceContractOf(connector.input);
    return [];
  } catch (error) {
    const path = ["input", "contract"];
    return [
      {
        code: ErrorCodes.CONTRACT,
        severity: "error",
        message: describeError(error),
        path: "input.contract",
        location: source.locate(path),
      },
    ];
  }
}
