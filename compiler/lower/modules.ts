/**
 * The authoring side of the catalogue: each module's lowering, keyed `<role>-<type>`. The runtime
 * cannot list these next to its runtime entries (it would import compiler code), so they live here,
 * and `satisfies Record<ModuleId, ...>` makes a module added to the catalogue without its lowering a
 * type error.
 */
import type { FilterNode, InputNode, OutputNode } from "../../dsl/ir.js";
import type { SqlInputNode } from "../../dsl/sql-ir.js";
import type { BrokerInputNode } from "../../dsl/broker-ir.js";
import type { WebhookInputNode } from "../../dsl/webhook-ir.js";
import type { z } from "zod";
import type { FilterInput, filterKinds, inputKinds, ModuleId, outputKinds } from "../../runtime/modules/catalogue.js";
import { lowerAggregateFilter } from "../../runtime/modules/filter-aggregate/lower.js";
import { lowerComputeFilter } from "../../runtime/modules/filter-compute/lower.js";
import { lowerConditionFilter } from "../../runtime/modules/filter-condition/lower.js";
import { lowerEnrichFilter } from "../../runtime/modules/filter-enrich/lower.js";
import { lowerMapFilter } from "../../runtime/modules/filter-map/lower.js";
import { lowerAmqpInput } from "../../runtime/modules/input-amqp/lower.js";
import { lowerNatsInput } from "../../runtime/modules/input-nats/lower.js";
import { lowerMqttInput } from "../../runtime/modules/input-mqtt/lower.js";
import { lowerRedisInput } from "../../runtime/modules/input-redis/lower.js";
import { lowerSplitFilter } from "../../runtime/modules/filter-split/lower.js";
import { lowerHttpInput } from "../../runtime/modules/input-http/lower.js";
import { lowerSqlInput } from "../../runtime/modules/input-sql/lower.js";
import { lowerWebhookInput } from "../../runtime/modules/input-webhook/lower.js";
import { lowerAmqpOutput } from "../../runtime/modules/output-amqp/lower.js";
import { lowerNatsOutput } from "../../runtime/modules/output-nats/lower.js";
import { lowerMqttOutput } from "../../runtime/modules/output-mqtt/lower.js";
import { lowerRedisOutput } from "../../runtime/modules/output-redis/lower.js";
import { lowerFallbackOutput } from "../../runtime/modules/output-fallback/lower.js";
import { lowerFanoutOutput } from "../../runtime/modules/output-fanout/lower.js";
import { lowerHttpOutput } from "../../runtime/modules/output-http/lower.js";
import { lowerRoutesOutput } from "../../runtime/modules/output-routes/lower.js";
import { lowerSqlOutput } from "../../runtime/modules/output-sql/lower.js";
import { lowerFilesOutput } from "../../runtime/modules/output-files/lower.js";
import type { ConnectorInput, LoweringTools } from "./contract.js";

type KindsOf<Role> = Role extends "input"
  ? typeof inputKinds
  : Role extends "filter"
    ? typeof filterKinds
    : typeof outputKinds;

/** What a module's lowering returns: its schema's z.input (the artifact as written, defaults optional). */
type LoweredOf<Id extends ModuleId> = Id extends `${infer Role}-${infer Type}`
  ? z.input<Extract<KindsOf<Role>[number], { type: Type }>["schema"]>
  : never;

type Lowering<Id extends ModuleId> = (node: never, path: string, tools: LoweringTools) => LoweredOf<Id>;

export const lowerings = {
  "input-http": lowerHttpInput,
  "input-webhook": lowerWebhookInput,
  "input-sql": lowerSqlInput,
  "input-amqp": lowerAmqpInput,
  "input-nats": lowerNatsInput,
  "input-mqtt": lowerMqttInput,
  "input-redis": lowerRedisInput,
  "filter-map": lowerMapFilter,
  "filter-compute": lowerComputeFilter,
  "filter-condition": lowerConditionFilter,
  "filter-enrich": lowerEnrichFilter,
  "filter-split": lowerSplitFilter,
  "filter-aggregate": lowerAggregateFilter,
  "output-http": lowerHttpOutput,
  "output-amqp": lowerAmqpOutput,
  "output-nats": lowerNatsOutput,
  "output-mqtt": lowerMqttOutput,
  "output-redis": lowerRedisOutput,
  "output-routes": lowerRoutesOutput,
  "output-fanout": lowerFanoutOutput,
  "output-fallback": lowerFallbackOutput,
  "output-sql": lowerSqlOutput,
  "output-files": lowerFilesOutput,
} satisfies { [Id in ModuleId]: Lowering<Id> };

// Each lowering is called with the node its key names (the DSL's `type` / `kind` is the
// discriminator); the node's type cannot follow the key through the index, its result's can.
function lowerWith<Id extends ModuleId>(id: Id, node: unknown, path: string, tools: LoweringTools): LoweredOf<Id> {
  const lowering = lowerings[id] as (node: unknown, path: string, tools: LoweringTools) => LoweredOf<Id>;
  return lowering(node, path, tools);
}

export function lowerInput(
  node: InputNode | WebhookInputNode | BrokerInputNode | SqlInputNode,
  tools: LoweringTools,
): ConnectorInput["input"] {
  return lowerWith(`input-${node.type}`, node, "input", tools);
}

export function lowerOutput(node: OutputNode, tools: LoweringTools, path = "output"): ConnectorInput["output"] {
  return lowerWith(`output-${node.type}`, node, path, tools);
}

export function lowerFilter(node: FilterNode, path: string, tools: LoweringTools): FilterInput {
  return lowerWith(`filter-${node.kind}`, node, path, tools);
}
