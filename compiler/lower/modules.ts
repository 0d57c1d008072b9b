/**
 * The authoring side of the catalogue: each module's lowering, keyed `<role>-<type>`. The runtime
 * cannot list these next to its runtime entries (it would import compiler code), so they live here,
 * and `satisfies Record<ModuleId, ...>` makes a module added to the catalogue without its lowering a
 * type error.
 */
import type { FilterNode, InputNode, OutputNode } from "../../dsl/ir.js";
import type { BrokerInputNode, BrokerOutputNode } from "../../dsl/broker-ir.js";
import type { WebhookInputNode } from "../../dsl/webhook-ir.js";
import type { FilterInput, ModuleId } from "../../runtime/modules/catalogue.js";
import { lowerComputeFilter } from "../../runtime/modules/filter-compute/lower.js";
import { lowerConditionFilter } from "../../runtime/modules/filter-condition/lower.js";
import { lowerMapFilter } from "../../runtime/modules/filter-map/lower.js";
import { lowerAmqpInput } from "../../runtime/modules/input-amqp/lower.js";
import { lowerHttpInput } from "../../runtime/modules/input-http/lower.js";
import { lowerWebhookInput } from "../../runtime/modules/input-webhook/lower.js";
import { lowerAmqpOutput } from "../../runtime/modules/output-amqp/lower.js";
import { lowerHttpOutput } from "../../runtime/modules/output-http/lower.js";
import type { ConnectorInput, LoweringTools } from "./contract.js";

type Lowering<N> = (node: N, path: string, tools: LoweringTools) => unknown;

export const lowerings = {
  "input-http": lowerHttpInput,
  "input-webhook": lowerWebhookInput,
  "input-amqp": lowerAmqpInput,
  "filter-map": lowerMapFilter,
  "filter-compute": lowerComputeFilter,
  "filter-condition": lowerConditionFilter,
  "output-http": lowerHttpOutput,
  "output-amqp": lowerAmqpOutput,
} satisfies Record<ModuleId, Lowering<never>>;

// Each lowering is called with the node its key names; the DSL's `type` / `kind` is the discriminator.
const lowerAny = (id: ModuleId, node: unknown, path: string, tools: LoweringTools) =>
  (lowerings[id] as Lowering<unknown>)(node, path, tools);

export function lowerInput(
  node: InputNode | WebhookInputNode | BrokerInputNode,
  tools: LoweringTools,
): ConnectorInput["input"] {
  return lowerAny(`input-${node.type}`, node, "input", tools) as ConnectorInput["input"];
}

export function lowerOutput(node: OutputNode | BrokerOutputNode, tools: LoweringTools): ConnectorInput["output"] {
  return lowerAny(`output-${node.type}`, node, "output", tools) as ConnectorInput["output"];
}

export function lowerFilter(node: FilterNode, path: string, tools: LoweringTools): FilterInput {
  return lowerAny(`filter-${node.kind}`, node, path, tools) as FilterInput;
}
