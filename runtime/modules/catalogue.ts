/**
 * Every module, listed once. The artifact's unions, the JSON schema, the engine's wiring and the
 * filter chain all derive from these lists; adding a module is one folder and one line here.
 * The order of each list is the order of its union in the JSON schema.
 */
import { z } from "zod";
import { bindFilterUnion } from "../filters/filter-ref.js";
import { aggregateFilter } from "./filter-aggregate/module.js";
import { computeFilter } from "./filter-compute/module.js";
import { conditionFilter } from "./filter-condition/module.js";
import { enrichFilter } from "./filter-enrich/module.js";
import { mapFilter } from "./filter-map/module.js";
import { amqpInput } from "./input-amqp/module.js";
import { splitFilter } from "./filter-split/module.js";
import { httpInput } from "./input-http/module.js";
import { webhookInput } from "./input-webhook/module.js";
import type { FilterKind, InputKind, OutputKind } from "./module.js";
import { amqpOutput } from "./output-amqp/module.js";
import { httpOutput } from "./output-http/module.js";

export const inputKinds = [httpInput, webhookInput, amqpInput] as const;
export const filterKinds = [
  mapFilter,
  conditionFilter,
  computeFilter,
  enrichFilter,
  splitFilter,
  aggregateFilter,
] as const;
export const outputKinds = [httpOutput, amqpOutput] as const;

type SchemasOf<T extends readonly { schema: z.ZodType }[]> = { -readonly [K in keyof T]: T[K]["schema"] };
const schemasOf = <T extends readonly { schema: z.ZodType }[]>(kinds: T) => kinds.map((k) => k.schema) as SchemasOf<T>;

export const Input = z.discriminatedUnion("type", schemasOf(inputKinds));
export const Output = z.discriminatedUnion("type", schemasOf(outputKinds));
const FilterUnion = z.discriminatedUnion("type", schemasOf(filterKinds));

type SchemaOf<T extends readonly { schema: z.ZodType }[]> = T[number]["schema"];
export type Input = z.output<SchemaOf<typeof inputKinds>>;
export type Output = z.output<SchemaOf<typeof outputKinds>>;
export type Filter = z.output<SchemaOf<typeof filterKinds>>;
export type FilterInput = z.input<SchemaOf<typeof filterKinds>>;

export const Filter: z.ZodType<Filter, FilterInput> = z.lazy(() => FilterUnion).meta({ id: "Filter" });
bindFilterUnion(Filter);

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
