import { computeNode } from "../runtime/modules/filter-compute/dsl.js";
import { conditionNode, whenNode } from "../runtime/modules/filter-condition/dsl.js";
import { mapNode } from "../runtime/modules/filter-map/dsl.js";
import type { FilterNode } from "./ir.js";
import type { Exact } from "./types/index.js";

declare const CURRENT_TYPE: unique symbol;
declare const TARGET_TYPE: unique symbol;

declare const UNSET: unique symbol;
/** The default of a branch's output type: tells "no function given" from "a function was given". */
export type Unset = typeof UNSET;

/** What a `.when` branch may be: keep the record, drop it, or run more steps on it. */
export type BranchArg<C, T, Literal, Out> = Literal | ((branch: Branch<C, T>) => Branch<Out, T>);

/**
 * What the Literal parameter of a branch may be inferred as. TypeScript also infers the branch
 * function's own type into it (it stands naked in a union), so functions are admitted and then
 * read as "no literal"; the function's output comes from Out instead.
 */
export type BranchLiteral = "keep" | "drop" | ((branch: never) => unknown);

/**
 * The record type leaving a branch. Literal and Out are inferred separately so that a branch
 * function gets its parameter's type from context (a type parameter standing for the whole
 * branch would be fixed before the function could be typed).
 */
export type AfterBranch<C, Literal, Out, Default extends "keep" | "drop"> = [Literal] extends [never]
  ? [Out] extends [Unset]
    ? Default extends "keep"
      ? C
      : never
    : Out
  : [Literal] extends ["keep"]
    ? C
    : [Literal] extends ["drop"]
      ? never
      : Out;

/** `.when` options: `then` defaults to keep, `else` to drop, as in the artifact. */
export interface WhenBranches<C, T, ThenLiteral, ThenOut, ElseLiteral, ElseOut> {
  then?: BranchArg<C, T, ThenLiteral, ThenOut>;
  else?: BranchArg<C, T, ElseLiteral, ElseOut>;
}

/** The record type after `.when`: whatever either branch lets through. */
export type AfterWhen<C, ThenLiteral, ThenOut, ElseLiteral, ElseOut> =
  | AfterBranch<C, ThenLiteral, ThenOut, "keep">
  | AfterBranch<C, ElseLiteral, ElseOut, "drop">;

/** Fields added by `.compute`, replacing any of the same name. */
export type Computed<C, X> = Omit<C, keyof X> & X;

/**
 * The steps inside a `.when` branch, on the same record type `C` as the pipeline around it and
 * with the same target `T`. Immutable: every method returns a new branch.
 */
export class Branch<C, T> {
  declare readonly [CURRENT_TYPE]?: (record: C) => C;
  declare readonly [TARGET_TYPE]?: (target: T) => T;
  readonly filters: readonly FilterNode[];

  constructor(filters: readonly FilterNode[] = []) {
    this.filters = Object.freeze([...filters]);
    Object.freeze(this);
  }

  /** Keeps the record when `condition` is true, drops it otherwise. */
  filter(condition: (record: C) => boolean): Branch<C, T> {
    return new Branch([...this.filters, conditionNode(condition, "keep", "drop")]);
  }

  when<
    ThenLiteral extends BranchLiteral = never,
    ThenOut = Unset,
    ElseLiteral extends BranchLiteral = never,
    ElseOut = Unset,
  >(
    condition: (record: C) => boolean,
    branches: WhenBranches<C, T, ThenLiteral, ThenOut, ElseLiteral, ElseOut>,
  ): Branch<AfterWhen<C, ThenLiteral, ThenOut, ElseLiteral, ElseOut>, T> {
    return new Branch([...this.filters, whenNode(condition, branches, () => new Branch<C, T>())]);
  }

  /** As ConnectorBuilder.compute: X is the user's own fields. */
  compute<X extends Record<string, unknown>>(fn: (record: C) => X): Branch<Computed<C, X>, T> {
    return new Branch([...this.filters, computeNode(fn)]);
  }

  map<const R extends T>(fn: (record: C) => Exact<R, T>): Branch<T, T> {
    return new Branch([...this.filters, mapNode(fn, false)]);
  }

  mapKeepingUnmapped<const R extends Partial<T>>(fn: (record: C) => Exact<R, T>): Branch<Computed<C, R>, T> {
    return new Branch([...this.filters, mapNode(fn, true)]);
  }
}
