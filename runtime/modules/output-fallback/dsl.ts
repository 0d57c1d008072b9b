// Authoring: the DSL builder of a fallback output, exported by `cannectors` (dsl/index.ts).
import type { OutputEndpoint } from "../../../dsl/endpoint.js";
import type { FallbackOutputNode, OutputNode } from "../../../dsl/ir.js";
import { dslMisuse } from "../../../dsl/misuse.js";

/** `fallback(erp.post("/orders"), review.post("/orders"))`: a record the first output refuses goes to the second. */
export function fallback<T>(primary: OutputEndpoint<T>, second: OutputEndpoint<T>): OutputEndpoint<T> {
  const node: FallbackOutputNode = {
    kind: "output",
    type: "fallback",
    primary: outputOf(primary, "primary"),
    fallback: outputOf(second, "fallback"),
  };
  return Object.freeze({ kind: "endpoint", output: Object.freeze(node) });
}

function outputOf(value: { readonly output?: OutputNode } | undefined, which: string): OutputNode {
  const output = value?.output;
  if (output === undefined) throw dslMisuse(`fallback(primary, fallback): ${which} is not a target endpoint`);
  return output;
}
