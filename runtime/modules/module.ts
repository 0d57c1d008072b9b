/**
 * What a module folder gives the catalogue: its kind, its zod schema and how the engine builds it.
 * Each module's `module.ts` returns one of these plain values; `catalogue.ts` lists them once.
 */
import type { z } from "zod";
import type { Auth } from "../auth/schema.js";
import type { Authenticator } from "../auth/authenticator.js";
import type { OutputContract } from "../contract/violation.js";
import type {
  DeadLetterSink,
  DryRunSink,
  InputModule,
  JsonRecord,
  ModuleContext,
  OutputModule,
} from "../engine/modules.js";
import type { FilterChecker } from "../filters/checker.js";
import type { CompiledStep, FilterStep } from "../filters/step.js";
import type { PathSegment } from "../json/path.js";

/** Every module config carries its `type`, the discriminator of its role's union. */
type Typed<T extends string> = z.ZodType<{ type: T }, { type: T }>;

/** What the engine hands an input when it builds one: the shared context, scoped to the input's hosts. */
export interface InputWiring {
  context: ModuleContext;
  /** An authenticator for the module's `auth` (none when undefined), sharing the run's client and clock. */
  authenticator(auth: Auth | undefined): Authenticator;
  /** `settings.limits.maxDepth`: how deep a record may nest. */
  maxDepth: number | undefined;
  /** A dry run: a broker input acknowledges nothing, so what it read goes back to the broker. */
  dryRun?: boolean | undefined;
}

export interface OutputWiring extends Omit<InputWiring, "maxDepth" | "dryRun"> {
  deadLetter: DeadLetterSink;
  /** Set in a dry run: requests are written here and nothing is sent. */
  dryRun: DryRunSink | undefined;
  /**
   * Set when the target's contract is known and checked (a dry run; a fixture replay): the output
   * checks each payload with the check `runtime/contract/output-contracts.ts` gives for its type.
   */
  contract: OutputContract | undefined;
  /** The output's artifact path: `["output"]`, or `output.routes[0].output` for a nested one. */
  path: readonly PathSegment[];
  /**
   * Builds a nested output (routes, fanout, fallback). Its dead letters and dry-run requests name
   * `options.path`; each delivery is cut to the child's own batch size. `spec` is `unknown` for the
   * reason nested filters are: the Output union is built from every OutputKind.
   */
  createOutput(spec: unknown, options: ChildOutputOptions): OutputModule;
  /** Compiles a nested filter list (a fan-out branch's mapping) as the top-level filters are compiled. */
  compileFilters(
    filters: readonly unknown[],
    path: readonly PathSegment[],
  ): (record: JsonRecord, seq: number) => JsonRecord[];
}

export interface NestedSpec {
  at: readonly PathSegment[];
  output: unknown;
}

export interface ChildOutputOptions {
  path: readonly PathSegment[];
  /** Where the child's permanent failures go instead of the run's dead letter (a fallback catches them). */
  deadLetter?: DeadLetterSink | undefined;
}

/** An input or an output: built once per run from its config. */
interface BuiltKind<R extends "input" | "output", W, M, T extends string, S extends Typed<T>> {
  readonly kind: "module";
  readonly role: R;
  readonly type: T;
  readonly schema: S;
  create(spec: z.output<S>, wiring: W): M;
}

export type InputKind<T extends string = string, S extends Typed<T> = Typed<T>> = BuiltKind<
  "input",
  InputWiring,
  InputModule,
  T,
  S
>;
export type OutputKind<T extends string = string, S extends Typed<T> = Typed<T>> = BuiltKind<
  "output",
  OutputWiring,
  OutputModule,
  T,
  S
> & {
  /**
   * The outputs a routes, fanout or fallback output holds, each with its path inside the spec
   * (hosts, batch size, checks and docs walk them); none for a leaf.
   */
  readonly children?: (spec: z.output<S>) => readonly NestedSpec[];
};

/** Compiles a nested list of filters (a condition's branch) without importing the chain compiler. */
export type ListCompiler<F> = (filters: readonly F[], path: readonly PathSegment[]) => FilterStep;

/**
 * Nested filters (a condition's branches) are `unknown` here: the filter union is built from
 * every FilterKind, so a FilterKind's type cannot mention it without a type cycle.
 */
export interface FilterKind<T extends string = string, S extends Typed<T> = Typed<T>> {
  readonly kind: "module";
  readonly role: "filter";
  readonly type: T;
  readonly schema: S;
  /**
   * Compiles every expression and path once; throws a CannectorsError naming the filter. A kind
   * that returns a ManyStep or a PageStep (split, enrich, aggregate) sets `topLevelOnly`: a
   * condition's branch holds record-to-record steps only.
   */
  compile(spec: z.output<S>, path: readonly PathSegment[], compileList: ListCompiler<unknown>): CompiledStep;
  readonly topLevelOnly?: true;
  /** Reports every problem of the filter at once (the checker collects them). */
  check(spec: z.output<S>, path: readonly PathSegment[], checker: FilterChecker<unknown>): void;
}

export function inputKind<const T extends string, S extends Typed<T>>(
  kind: Omit<InputKind<T, S>, "kind" | "role">,
): InputKind<T, S> {
  return Object.freeze({ kind: "module", role: "input", ...kind });
}

export function outputKind<const T extends string, S extends Typed<T>>(
  kind: Omit<OutputKind<T, S>, "kind" | "role">,
): OutputKind<T, S> {
  return Object.freeze({ kind: "module", role: "output", ...kind });
}

export function filterKind<const T extends string, S extends Typed<T>>(
  kind: Omit<FilterKind<T, S>, "kind" | "role">,
): FilterKind<T, S> {
  return Object.freeze({ kind: "module", role: "filter", ...kind });
}
