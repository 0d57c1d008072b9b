/**
 * The target-contract check of each output type, keyed by type: every output the catalogue lists
 * must say here how its payloads are checked against the target's spec (an HTTP body against the
 * operation's request schema; a table's row or a broker payload against theirs), or return
 * undefined when it has nothing to check. A new output type is one line here, or `tsc` fails.
 */
import { formatPath } from "../diagnostics/index.js";
import { type Output, type OutputType, outputKindOf, outputTree } from "../modules/catalogue.js";
import { findOperation } from "./operation.js";
import { payloadCheckOf } from "./payload-schema.js";
import { loadSpec } from "./spec.js";
import { targetBodyCheckOf } from "./target-contract.js";
import type { PayloadCheck } from "./violation.js";

/** A known target contract: the spec file, and the check of one payload against it. */
export interface TargetContract {
  spec: string;
  check: PayloadCheck;
}

/**
 * `targetSpec`: the target's spec when known beyond the artifact (types header, `--target-spec`).
 * `nested`: the output sits in a routes, fanout or fallback output, whose outputs may call other
 * APIs than the one `targetSpec` describes: it is checked against it only when it has the operation.
 */
type ContractOf<T extends OutputType> = (
  output: Extract<Output, { type: T }>,
  targetSpec: string | undefined,
  nested: boolean,
) => TargetContract | undefined;

const OUTPUT_CONTRACTS: { readonly [T in OutputType]: ContractOf<T> } = {
  http(output, targetSpec, nested) {
    if (nested && !output.contract && targetSpec !== undefined && !hasOperation(targetSpec, output)) return undefined;
    const check = targetBodyCheckOf(output, targetSpec);
    const spec = output.contract?.spec ?? targetSpec;
    return check && spec !== undefined ? { spec, check } : undefined;
  },
  // A broker payload is checked against the output's own payloadSchema, when it has one.
  amqp: brokerPayloadContract,
  nats: brokerPayloadContract,
  redis: brokerPayloadContract,
  mqtt: brokerPayloadContract,
  // Outputs that hold outputs send nothing themselves: each of their outputs is checked on its own
  // (outputContractsOf walks the tree).
  routes: () => undefined,
  fanout: () => undefined,
  fallback: () => undefined,
  // The table is the contract: the SQL output reads its columns when it first plans a row (a dry run
  // connects for that, read only) and checks each row itself (runtime/contract/sql-table.ts).
  sql: (output) => ({ spec: `table ${output.table}`, check: () => [] }),
  // Files take any record; CSV and Parquet columns come from the records themselves.
  files: () => undefined,
};

/**
 * The check of `output`'s payloads, undefined when no spec is known for it. Throws a CannectorsError
 * (CANNECTORS_E_CONTRACT) when the spec is unreadable or lacks the operation the output calls.
 */
export function outputContractOf(output: Output, targetSpec?: string, nested = false): TargetContract | undefined {
  const contractOf = OUTPUT_CONTRACTS[output.type] as ContractOf<OutputType>;
  return contractOf(output as Extract<Output, { type: OutputType }>, targetSpec, nested);
}

/**
 * The contract of every output that sends (the connector's own, or each one a routes, fanout or
 * fallback output holds), keyed by its artifact path (`output`, `output.routes[1].output`).
 */
export function outputContractsOf(output: Output, targetSpec?: string): Map<string, TargetContract> {
  const found = new Map<string, TargetContract>();
  for (const { path, spec } of outputTree(output)) {
    if (outputKindOf(spec).children !== undefined) continue;
    const contract = outputContractOf(spec, targetSpec, path.length > 1);
    if (contract) found.set(formatPath(path), contract);
  }
  return found;
}

function hasOperation(file: string, output: Extract<Output, { type: "http" }>): boolean {
  // An unreadable spec is an error wherever the output sits; a missing operation, another API's output.
  const spec = loadSpec(file);
  try {
    findOperation(spec, `${output.method} ${output.path}`);
    return true;
  } catch {
    return false;
  }
}

function brokerPayloadContract(output: { payloadSchema?: string | Record<string, unknown> | undefined }) {
  return output.payloadSchema === undefined ? undefined : payloadCheckOf(output.payloadSchema);
}
