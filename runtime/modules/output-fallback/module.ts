import { type NestedSpec, type OutputKind, outputKind } from "../module.js";
import { createFallbackOutput } from "./fallback.js";
import { FallbackOutput } from "./schema.js";

// Annotated: the Output union holds this module's schema, which holds the Output union.
export const fallbackOutput: OutputKind<"fallback", typeof FallbackOutput> = outputKind({
  type: "fallback",
  schema: FallbackOutput,
  create: (spec, wiring) => createFallbackOutput(spec, wiring),
  children: (spec): NestedSpec[] => [
    { at: ["primary"], output: spec.primary },
    { at: ["fallback"], output: spec.fallback },
  ],
});
