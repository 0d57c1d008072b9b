/**
 * The target-contract check of each output type, keyed by type: every output the catalogue lists
 * must say here how its payloads are checked against the target's spec (an HTTP body against the
 * operation's request schema; a table's row or a broker payload against theirs), or return
 * undefined when it has nothing to check. A new output type is one line here, or `tsc` fails.
 */
import type { Output, OutputType } from "../modules/catalogue.js";
import { targetBodyCheckOf } from "./target-contract.js";
import type { PayloadCheck } from "./violation.js";

/** A known target contract: the spec file, and the check of one payload against it. */
export interface TargetContract {
  spec: string;
  check: PayloadCheck;
}

/** `targetSpec`: the target's spec when known beyond the artifact (types header, `--target-spec`). */
type ContractOf<T extends OutputType> = (
  output: Extract<Output, { type: T }>,
  targetSpec: string | undefined,
) => TargetContract | undefined;

const OUTPUT_CONTRACTS: { readonly [T in OutputType]: ContractOf<T> } = {
  http(output, targetSpec) {
    const check = targetBodyCheckOf(output, targetSpec);
    const spec = output.contract?.spec ?? targetSpec;
    return check && spec !== undefined ? { spec, check } : undefined;
  },
  // A broker payload has no target spec yet (an AsyncAPI document would give one).
  amqp: () => undefined,
  // Outputs that hold outputs send nothing themselves. Their nested outputs are not checked yet:
  // one spec per target would be needed (a known gap, see docs/plan.md).
  routes: () => undefined,
  fanout: () => undefined,
  fallback: () => undefined,
  // A table's rows have no spec to be checked against yet (the table's own column types refuse a
  // bad row at write time, dead-lettering that record): nothing to check before the run.
  sql: () => undefined,
  // Files take any record; CSV and Parquet columns come from the records themselves.
  files: () => undefined,
};

/**
 * The check of `output`'s payloads, undefined when no spec is known for it. Throws a CannectorsError
 * (CANNECTORS_E_CONTRACT) when the spec is unreadable or lacks the operation the output calls.
 */
export function outputContractOf(output: Output, targetSpec?: string): TargetContract | undefined {
  const contractOf = OUTPUT_CONTRACTS[output.type] as ContractOf<OutputType>;
  return contractOf(output as Extract<Output, { type: OutputType }>, targetSpec);
}
