/**
 * Every module, listed once. The artifact's unions, the JSON schema, the engine's wiring and the
 * filter chain all derive from these lists; adding a module is one folder and one line here.
 * The order of each list is the order of its union in the JSON schema.
 */
import * as z from "zod";
import { bindFilterUnion } from "../filters/filter-ref.js";
import { aggregateFilter } from "./filter-aggregate/module.js";
import { computeFilter } from "./filter-compute/module.js";
import { conditionFilter } from "./filter-condition/module.js";
import { enrichFilter } from "./filter-enrich/module.js";
import { mapFilter } from "./filter-map/module.js";
import { amqpInput } from "./input-amqp/module.js";
import { natsInput } from "./input-nats/module.js";
import { redisInput } from "./input-redis/module.js";
import { mqttInput } from "./input-mqtt/module.js";
import { splitFilter } from "./filter-split/module.js";
import { httpInput } from "./input-http/module.js";
import { sqlInput } from "./input-sql/module.js";
import { webhookInput } from "./input-webhook/module.js";
import type { PathSegment } from "../json/path.js";
import type { FilterKind, InputKind, OutputKind } from "./module.js";
import { amqpOutput } from "./output-amqp/module.js";
import { natsOutput } from "./output-nats/module.js";
import { redisOutput } from "./output-redis/module.js";
import { mqttOutput } from "./output-mqtt/module.js";
import { bindOutputUnion } from "./output-ref.js";
import { fallbackOutput } from "./output-fallback/module.js";
import { fanoutOutput } from "./output-fanout/module.js";
import { httpOutput } from "./output-http/module.js";
import { routesOutput } from "./output-routes/module.js";
import { sqlOutput } from "./output-sql/module.js";
import { filesOutput } from "./output-files/module.js";

export const inputKinds = [httpInput, webhookInput, amqpInput, sqlInput, natsInput, redisInput, mqttInput] as const;
export const filterKinds = [
  mapFilter,
  conditionFilter,
  computeFilter,
  enrichFilter,
  splitFilter,
  aggregateFilter,
] as const;
export const outputKinds = [
  httpOutput,
  amqpOutput,
  routesOutput,
  fanoutOutput,
  fallbackOutput,
  sqlOutput,
  natsOutput,
  redisOutput,
  mqttOutput,
  filesOutput,
] as const;

type SchemasOf<T extends readonly { schema: z.ZodType }[]> = { -readonly [K in keyof T]: T[K]["schema"] };
const schemasOf = <T extends readonly { schema: z.ZodType }[]>(kinds: T) => kinds.map((k) => k.schema) as SchemasOf<T>;

export const Input = z.discriminatedUnion("type", schemasOf(inputKinds));
const OutputUnion = z.discriminatedUnion("type", schemasOf(outputKinds));
const FilterUnion = z.discriminatedUnion("type", schemasOf(filterKinds));

type SchemaOf<T extends readonly { schema: z.ZodType }[]> = T[number]["schema"];
export type Input = z.output<SchemaOf<typeof inputKinds>>;
export type Output = z.output<SchemaOf<typeof outputKinds>>;
export type OutputInput = z.input<SchemaOf<typeof outputKinds>>;
export type Filter = z.output<SchemaOf<typeof filterKinds>>;
export type FilterInput = z.input<SchemaOf<typeof filterKinds>>;

export const Filter: z.ZodType<Filter, FilterInput> = z.lazy(() => FilterUnion).meta({ id: "Filter" });
bindFilterUnion(Filter);

export const Output: z.ZodType<Output, OutputInput> = z.lazy(() => OutputUnion).meta({ id: "Output" });
bindOutputUnion(Output);

export type InputType = Input["type"];
export type OutputType = Output["type"];
export type FilterType = Filter["type"];
export type ModuleType = InputType | OutputType | FilterType;
/** A module's name across roles: `input-http`, `filter-map`, `output-http` (also its folder's name). */
export type ModuleId = `input-${InputType}` | `filter-${FilterType}` | `output-${OutputType}`;

const byType = <K extends { type: string }>(kinds: readonly K[]) => new Map(kinds.map((k) => [k.type, k]));
const inputs = byType<InputKind>(inputKinds as never);
const outputs = byType<OutputKind>(outputKinds as never);
const filters = byType<FilterKind>(filterKinds as never);

// The artifact was validated against the unions above, so every `type` has its module.
export const inputKindOf = (spec: Input): InputKind => inputs.get(spec.type)!;
export const outputKindOf = (spec: Output): OutputKind => outputs.get(spec.type)!;
export const filterKindOf = (spec: Filter): FilterKind => filters.get(spec.type)!;

/** An output of the connector's tree and where it sits: `output`, `output.routes[0].output`... */
export interface PlacedOutput {
  path: PathSegment[];
  spec: Output;
}

/** Every output of the tree, depth first, the composite ones before what they hold. */
export function outputTree(spec: Output, path: PathSegment[] = ["output"]): PlacedOutput[] {
  const children = outputKindOf(spec).children?.(spec as never) ?? [];
  return [{ path, spec }, ...children.flatMap((child) => outputTree(child.output as Output, [...path, ...child.at]))];
}

/** The outputs a connector sends to: the output itself, or the leaves of its routes, fanout or fallback. */
export function outputLeaves(spec: Output): Output[] {
  return outputTree(spec)
    .map((placed) => placed.spec)
    .filter((output) => outputKindOf(output).children === undefined);
}

/** The batch the engine hands an output's `deliver`: a composite's is its largest leaf's, each child cuts it to its own. */
export function outputBatchSize(spec: Output): number {
  return Math.max(...outputLeaves(spec).map(leafBatchSize));
}

// A files output's batch is one file's worth: `deliver` writes it whole before the cursor moves.
const leafBatchSize = (leaf: Output): number =>
  "batch" in leaf ? (leaf.batch?.size ?? 1) : "roll" in leaf ? leaf.roll.records : 1;
