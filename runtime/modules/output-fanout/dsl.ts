// Authoring: the DSL builders of a fanout output, exported by `cannectors` (dsl/index.ts).
import { Branch } from "../../../dsl/branch.js";
import type { OutputEndpoint } from "../../../dsl/endpoint.js";
import type { FanoutOutputNode, FilterNode, OutputNode } from "../../../dsl/ir.js";
import { dslMisuse } from "../../../dsl/misuse.js";

declare const FANOUT_RECORD: unique symbol;

/** One output of a fan-out with its own steps: records of type `T` in, its output's `X` out. */
export interface Recipient<T> {
  readonly kind: "recipient";
  readonly filters: readonly FilterNode[];
  readonly output: OutputNode;
  readonly [FANOUT_RECORD]?: (record: T) => T;
}

/**
 * `via(audit.post("/events"), (b) => b.map((order) => ({ ... })))`: this output gets the record
 * through its own filters (a map per output, a filter, a compute), as the top-level ones are written.
 */
export function via<T, X>(
  output: OutputEndpoint<X>,
  steps: (branch: Branch<T, X>) => Branch<X, X> | Branch<T, X>,
): Recipient<T> {
  const node = (output as { output?: OutputNode } | undefined)?.output;
  if (node === undefined) throw dslMisuse("via(output, steps) needs a target endpoint: post/put/patch/delete(...)");
  if (typeof steps !== "function") throw dslMisuse("via(output, steps): steps is (b) => b.map(...)");
  const built: unknown = steps(new Branch<T, X>());
  const filters = (built as { filters?: unknown } | null)?.filters;
  if (!Array.isArray(filters))
    throw dslMisuse("via(output, steps): steps must return the branch it was given, extended");
  return Object.freeze({ kind: "recipient", filters: Object.freeze([...filters]), output: node });
}

/** `fanout(erp.post("/orders"), via(audit.post("/events"), (b) => b.map(...)))`: every output receives every record. */
export function fanout<T>(...outputs: readonly (OutputEndpoint<T> | Recipient<T>)[]): OutputEndpoint<T> {
  if (outputs.length === 0) throw dslMisuse("fanout(...) needs at least one output");
  const node: FanoutOutputNode = {
    kind: "output",
    type: "fanout",
    outputs: Object.freeze(
      outputs.map((entry, index) => {
        if ((entry as Recipient<T>).kind === "recipient") {
          const recipient = entry as Recipient<T>;
          return Object.freeze({ filters: recipient.filters, output: recipient.output });
        }
        const output = (entry as { output?: OutputNode }).output;
        if (output === undefined) throw dslMisuse(`fanout(...): output ${index + 1} is not a target endpoint`);
        return Object.freeze({ filters: Object.freeze([]), output });
      }),
    ),
  };
  return Object.freeze({ kind: "endpoint", output: Object.freeze(node) });
}
