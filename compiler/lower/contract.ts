/**
 * The lowering contract: what a module's `lower.ts` receives to turn its DSL node into artifact
 * config. Modules import this file's types only; the compiler builds the tools (tools.ts), so a
 * module's authoring code reaches no compiler internals.
 */
import type { z } from "zod";
import type { AuthNode, FilterNode, Lambda, OutputNode, RefNode, StringValue, TextNode } from "../../dsl/ir.js";
import type { Connector } from "../../runtime/artifact/connector.js";
import type { Auth } from "../../runtime/auth/schema.js";
import type { FilterInput, OutputInput } from "../../runtime/modules/catalogue.js";
import type { MapField } from "../../runtime/modules/filter-map/schema.js";

/** Where a value sits: in a secret position `${env:X}` already is a secret (values.ts says more). */
export type Position = "secret" | "config";

export interface LoweringTools {
  /** `(record) => ({ target: value, ... })` as map fields; undefined after reporting why not. */
  mapLambda(
    fn: Lambda,
    path: string,
    options?: { keepUnmapped?: boolean | undefined },
  ): { fields: MapField[]; keepUnmapped: boolean } | undefined;
  /** `(record) => ({ field: value, ... })` as computed fields. */
  computeLambda(fn: Lambda, path: string): { target: string; expr: string }[] | undefined;
  /** `(record) => boolean` as one CEL condition. */
  conditionLambda(fn: Lambda, path: string): string | undefined;
  /** A key or stopWhen lambda as one CEL expression over `params`. */
  expressionLambda(fn: Lambda, path: string, params: string[]): string | undefined;
  /** A nested list of filters (a condition's branch), lowered from the fields the record has at the condition. */
  filters(nodes: readonly FilterNode[], path: string): FilterInput[];
  /** An output nested in a routes or fallback output, lowered by its own module. */
  output(node: OutputNode, path: string): OutputInput;
  /** A fan-out branch: its own filters, then its output, whose key lambdas see the fields those filters leave. */
  branch(
    filters: readonly FilterNode[],
    output: OutputNode,
    path: string,
  ): { filters: FilterInput[] | undefined; output: OutputInput };
  /** `env("X")`, `secret("X")`, a `text` template or a literal, as one string. */
  string(value: StringValue, position?: Position): string;
  /** Any configuration value, refs and texts lowered wherever they sit. */
  plain<T>(value: T, position?: Position): Lowered<T>;
  auth(node: AuthNode): z.input<typeof Auth>;
  /** The api's entries first, the call's override them; undefined when both are empty. */
  merged<V>(
    base: Readonly<Record<string, V>> | undefined,
    own: Readonly<Record<string, V>> | undefined,
  ): Record<string, Lowered<V>> | undefined;
  /** The record's fields are not known past this filter (split, aggregate, enrich reshape it). */
  reshaped(): void;
  /** Drops undefined entries: only what the user set reaches the artifact. */
  defined<T extends object>(entries: T): T;
}

/** A DSL value once lowered: refs and text templates become strings, the `kind` tags go. */
export type Lowered<T> = T extends string
  ? T
  : T extends RefNode | TextNode
    ? string
    : T extends readonly (infer E)[]
      ? Lowered<E>[]
      : T extends object
        ? { -readonly [K in keyof T as K extends "kind" ? never : K]: Lowered<T[K]> }
        : T;

/** What lowering produces: the artifact as its schema accepts it, before defaults. */
export type ConnectorInput = z.input<typeof Connector>;
