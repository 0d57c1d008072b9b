import type { ConnectorNode, FilterNode, SettingsNode } from "../../dsl/ir.js";
import { API_VERSION, KIND } from "../../runtime/artifact/index.js";
import type { Diagnostic } from "../../runtime/diagnostics/index.js";
import type { FilterInput } from "../../runtime/modules/catalogue.js";
import type { ConnectorInput, LoweringTools } from "./contract.js";
import type { LambdaLowerer } from "./lambda-lowerer.js";
import { lowerFilter, lowerInput, lowerOutput } from "./modules.js";
import type { LoweringOptions } from "./options.js";
import { afterBranches, type FieldFlow } from "./produced-fields.js";
import { type FlowState, loweringTools, startFlowState } from "./tools.js";
import { lowerPlain } from "./values.js";

/** The artifact object of a connector: plain JSON in the artifact's shape, with only the fields set. */
export function lowerConnector(
  node: ConnectorNode,
  options: LoweringOptions,
): { artifact: ConnectorInput; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const lambdas: LambdaLowerer = { options, diagnostics };
  const flow = startFlowState();
  const lowerList = (nodes: readonly FilterNode[], path: string, tools: LoweringTools) =>
    lowerFilters(nodes, path, tools, flow);
  const tools = loweringTools(lambdas, lowerList, flow);
  const filters = lowerList(node.filters, "filters", tools);
  const artifact: ConnectorInput = tools.defined({
    apiVersion: API_VERSION,
    kind: KIND,
    metadata: lowerPlain(node.metadata),
    input: lowerInput(node.input, tools),
    filters: filters.length > 0 ? filters : undefined,
    output: lowerOutput(node.output, tools),
    settings: lowerSettings(node.settings),
  });
  return { artifact, diagnostics };
}

/** A condition's branches each start from the flow at the condition; after it, the record has what a surviving branch gives. */
function lowerFilters(
  nodes: readonly FilterNode[],
  path: string,
  tools: LoweringTools,
  flow: FlowState,
): FilterInput[] {
  return nodes.map((node, index) => {
    if (node.kind !== "condition") return lowerFilter(node, `${path}[${index}]`, tools);
    const outer = flow.branches;
    flow.branches = [];
    const lowered = lowerFilter(node, `${path}[${index}]`, tools);
    const outcomes: (FieldFlow | "drop")[] = [...flow.branches];
    for (const branch of [node.then, node.else])
      if (typeof branch === "string") outcomes.push(branch === "drop" ? "drop" : { ...flow.current });
    flow.branches = outer;
    afterBranches(flow.current, outcomes);
    return lowered;
  });
}

function lowerSettings(settings: SettingsNode | undefined): ConnectorInput["settings"] {
  if (!settings) return undefined;
  const lowered = lowerPlain(settings);
  return Object.keys(lowered).length === 0 ? undefined : lowered;
}
