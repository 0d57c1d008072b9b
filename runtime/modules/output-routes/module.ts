import { type NestedSpec, type OutputKind, outputKind } from "../module.js";
import { createRoutesOutput } from "./routes.js";
import { RoutesOutput } from "./schema.js";

// Annotated: the Output union holds this module's schema, which holds the Output union.
export const routesOutput: OutputKind<"routes", typeof RoutesOutput> = outputKind({
  type: "routes",
  schema: RoutesOutput,
  create: (spec, wiring) => createRoutesOutput(spec, wiring),
  children: (spec): NestedSpec[] => [
    ...spec.routes.map((route, index) => ({ at: ["routes", index, "output"], output: route.output })),
    ...(spec.default === "drop" ? [] : [{ at: ["default"], output: spec.default }]),
  ],
});
