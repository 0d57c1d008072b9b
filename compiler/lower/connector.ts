import type { ConnectorNode, FilterNode, SettingsNode } from "../../dsl/ir.js";
import { API_VERSION, KIND } from "../../runtime/artifact/index.js";
import type { Diagnostic } from "../../runtime/diagnostics/index.js";
import type { FilterInput } from "../../runtime/modules/catalogue.js";
import type { ConnectorInput, LoweringTools } from "./contract.js";
import type { LambdaLowerer } from "./lambda-lowerer.js";
import { lowerFilter, lowerInput, lowerOutput } from "./modules.js";
import type { LoweringOptions } from "./options.js";
import { loweringTools } from "./tools.js";
import { lowerPlain } from "./values.js";

/** The artifact object of a connector: plain JSON in the artifact's shape, with only the fields set. */
export function lowerConnector(
  node: ConnectorNode,
  options: LoweringOptions,
): { artifact: ConnectorInput; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const lambdas: LambdaLowerer = { options, diagnostics };
  const tools = loweringTools(lambdas, lowerFilters);
  const filters = lowerFilters(node.filters, "filters", tools);
  const artifact: ConnectorInput = tools.defined({
    apiVersion: API_VERSION,
    kind: KIND,
    metadata: lowerPlain(node.metadata) as ConnectorInput["metadata"],
    input: lowerInput(node.input, tools),
    filters: filters.length > 0 ? filters : undefined,
    output: lowerOutput(node.output, tools),
    settings: lowerSettings(node.settings),
  });
  return { artifact, diagnostics };
}

function lowerFilters(nodes: readonly FilterNode[], path: string, tools: LoweringTools): FilterInput[] {
  return nodes.map((node, index) => lowerFilter(node, `${path}[${index}]`, tools));
}

function lowerSettings(settings: SettingsNode | undefined): ConnectorInput["settings"] {
  if (!settings) return undefined;
  const lowered = lowerPlain(settings) as Record<string, unknown>;
  return Object.keys(lowered).length === 0 ? undefined : (lowered as ConnectorInput["settings"]);
}
