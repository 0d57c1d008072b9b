import type { Connector } from "../artifact/index.js";
import type { YamlSource } from "../artifact/yaml-source.js";
import { sourceContractOf } from "../contract/source-contract.js";
import { outputContractOf } from "../contract/output-contracts.js";
import { payloadCheckOf } from "../contract/payload-schema.js";
import { targetBodyCheckOf } from "../contract/target-contract.js";
import { type Diagnostic, formatPath, type PathSegment } from "../diagnostics/index.js";
import { outputTree } from "../modules/catalogue.js";
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
  const check = (at: "input" | readonly PathSegment[], load: () => unknown, field = "contract") => {
    const path = at === "input" ? ["input", field] : [...at, field];
    try {
      load();
    } catch (error) {
      found.push({
        code: ErrorCodes.CONTRACT,
        severity: "error",
        message: describeError(error),
        path: formatPath(path),
        location: source.locate(path),
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
  if (("contract" in connector.output && connector.output.contract) || targetSpec !== undefined)
    check(["output"], () => outputContractOf(connector.output, targetSpec));
  // An HTTP output nested in routes, fanout or fallback is checked against its own `contract`.
  for (const { path, spec } of outputTree(connector.output)) {
    if (path.length > 1 && spec.type === "http" && spec.contract) check(path, () => targetBodyCheckOf(spec));
    // A broker output's payload schema must be readable, wherever the output sits.
    if ((spec.type === "amqp" || spec.type === "nats" || spec.type === "redis" || spec.type === "mqtt") && spec.payloadSchema !== undefined)
      check(path, () => payloadCheckOf(spec.payloadSchema!), "payloadSchema");
  }
  return found;
}
