import { type NestedSpec, type OutputKind, outputKind } from "../module.js";
import { createFanoutOutput } from "./fanout.js";
import { FanoutOutput } from "./schema.js";

// Annotated: the Output union holds this module's schema, which holds the Output union.
export const fanoutOutput: OutputKind<"fanout", typeof FanoutOutput> = outputKind({
  type: "fanout",
  schema: FanoutOutput,
  create: (spec, wiring) => createFanoutOutput(spec, wiring),
  children: (spec): NestedSpec[] =>
    spec.outputs.map((branch, index) => ({ at: ["outputs", index, "output"], output: branch.output })),
});
