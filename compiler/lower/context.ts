import type ts from "typescript";
import type { Problems } from "./problems.js";
import type { TypeOracle } from "./type-oracle.js";

/** A lambda parameter and what it stands for in CEL. */
export interface Binding {
  /** CEL variable: `record`, `root`, `response`, `page`. */
  readonly cel: string;
  /** Paths from it may become a map field's `from` (the current record, not `root`). */
  readonly pathSource: boolean;
  /** Set when the runtime has no variable for it (the middle element of a nested `each`). */
  readonly unreachable?: string;
}

export interface LowerContext {
  readonly sourceFile: ts.SourceFile;
  readonly oracle: TypeOracle;
  readonly problems: Problems;
  /** Artifact path of the value being lowered, relative to the lambda's filter. */
  readonly path: string;
  readonly bindings: ReadonlyMap<string, Binding>;
  /** Free identifiers are resolved from here outwards. */
  readonly lambda: ts.Node;
  /** Object literals are CEL maps only as arguments of helpers (`lookup({...}, key)`). */
  readonly inHelperArg: boolean;
  /** First segments of `record` paths the lambda reads, for compute's ordering check. */
  readonly reads?: Set<string>;
  /** Whole field paths read from the lambda's own record parameter, for the produced-fields check. */
  readonly fieldReads?: FieldReads;
}

/** The paths a lambda reads from `binding` (its record parameter), each with the node that reads it. */
export interface FieldReads {
  readonly binding: Binding;
  readonly list: { path: string; node: ts.Node }[];
}

export function withPath(ctx: LowerContext, path: string): LowerContext {
  return { ...ctx, path };
}
