// Authoring: imports only the DSL's and the compiler's contracts, types only (../README.md).
import type { LoweringTools } from "../../../compiler/lower/contract.js";
import type { RoutesOutputNode } from "../../../dsl/ir.js";
import type { RoutesOutputInput } from "./schema.js";

export function lowerRoutesOutput(node: RoutesOutputNode, path: string, tools: LoweringTools): RoutesOutputInput {
  return {
    type: "routes",
    routes: node.routes.map((route, index) => ({
      when: tools.conditionLambda(route.when, `${path}.routes[${index}].when`) ?? "<error>",
      output: tools.output(route.output, `${path}.routes[${index}].output`),
    })),
    default: node.default === "drop" ? "drop" : tools.output(node.default, `${path}.default`),
  };
}
