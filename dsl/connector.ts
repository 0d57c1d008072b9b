import { type AfterWhen, Branch, type BranchLiteral, type Computed, type Unset, type WhenBranches } from "./branch.js";
import { type InputEndpoint, inputOf, type OutputEndpoint, outputOf } from "./endpoint.js";
import { computeNode } from "../runtime/modules/filter-compute/dsl.js";
import { conditionNode, whenNode } from "../runtime/modules/filter-condition/dsl.js";
import { mapNode } from "../runtime/modules/filter-map/dsl.js";
import { compact, frozenCopy } from "./freeze.js";
import type { ConnectorNode, FilterNode, InputNode, OutputNode, SettingsNode } from "./ir.js";
import type { Exact } from "./types/index.js";
import type { SqlInputNode } from "./sql-ir.js";
import type { BrokerInputNode } from "./broker-ir.js";
import type { WebhookInputNode } from "./webhook-ir.js";
import { type AggregateOptions, aggregateNode } from "../runtime/modules/filter-aggregate/dsl.js";
import { type EnrichOptions, enrichNode } from "../runtime/modules/filter-enrich/dsl.js";
import { splitNode } from "../runtime/modules/filter-split/dsl.js";
import type { ApiNode } from "./ir.js";

declare const CURRENT_TYPE: unique symbol;
declare const TARGET_TYPE: unique symbol;

type Metadata = ConnectorNode["metadata"];

/** A split's records: the kept parent fields (all but the array when `keep` is not given) and the element at `as`. */
export type SplitRecord<C, F extends string, A extends string, K extends string> = ([K] extends [never]
  ? Omit<C, F>
  : Pick<C, K & keyof C>) & {
  [P in A]: F extends keyof C ? (NonNullable<C[F]> extends readonly (infer E)[] ? E : unknown) : unknown;
};

/** The record type at the end of a connector's pipeline so far (for type tests and tooling). */
export type RecordType<B> = B extends { readonly [CURRENT_TYPE]?: (record: infer C) => unknown } ? C : never;

/** A finished connector: the IR, with the record types kept for type tests and tooling. */
export type Connector<C, T> = ConnectorNode & {
  readonly [CURRENT_TYPE]?: (record: C) => C;
  readonly [TARGET_TYPE]?: (target: T) => T;
};

/**
 * A complete connector, `C` the record type at this point of the pipeline, `T` the output's
 * record type. Its own enumerable properties are exactly the ConnectorNode fields, so the build
 * loader recognises it with `isConnectorNode`; methods live on the prototype. Immutable.
 *
 * `settings` is both a ConnectorNode field and the method that sets it: the own data property
 * shadows the method once set, so `.settings(...)` is the last call and returns a plain
 * `Connector` type without methods.
 */
export class ConnectorBuilder<C, T> {
  declare readonly [CURRENT_TYPE]?: (record: C) => C;
  declare readonly [TARGET_TYPE]?: (target: T) => T;
  declare readonly kind: "connector";
  declare readonly metadata: Metadata;
  declare readonly input: InputNode | WebhookInputNode | BrokerInputNode | SqlInputNode;
  declare readonly filters: readonly FilterNode[];
  declare readonly output: OutputNode;

  constructor(node: ConnectorNode) {
    Object.assign(this, compact({ ...node, kind: "connector", filters: Object.freeze([...node.filters]) }));
    Object.freeze(this);
  }

  /** Own data, settings included once set (the shadowing property the type cannot show). */
  private node(): ConnectorNode {
    return { ...this } as unknown as ConnectorNode;
  }

  private append(filter: FilterNode): never {
    return new ConnectorBuilder({ ...this.node(), filters: [...this.filters, filter] }) as never;
  }

  /** Keeps the record when `condition` is true, drops it otherwise. */
  filter(condition: (record: C) => boolean): ConnectorBuilder<C, T> {
    return this.append(conditionNode(condition, "keep", "drop"));
  }

  /** Routes on `condition`: each branch keeps, drops, or runs more steps (default: then keep, else drop). */
  when<
    ThenLiteral extends BranchLiteral = never,
    ThenOut = Unset,
    ElseLiteral extends BranchLiteral = never,
    ElseOut = Unset,
  >(
    condition: (record: C) => boolean,
    branches: WhenBranches<C, T, ThenLiteral, ThenOut, ElseLiteral, ElseOut>,
  ): ConnectorBuilder<AfterWhen<C, ThenLiteral, ThenOut, ElseLiteral, ElseOut>, T> {
    return this.append(whenNode(condition, branches, () => new Branch<C, T>()));
  }

  /** Adds (or overwrites) the fields of the returned object; the rest of the record is kept (X: the user's fields). */
  compute<X extends Record<string, unknown>>(fn: (record: C) => X): ConnectorBuilder<Computed<C, X>, T> {
    return this.append(computeNode(fn));
  }

  /** Builds the output record: `fn` must return exactly the target record type. */
  map<const R extends T>(fn: (record: C) => Exact<R, T>): ConnectorBuilder<T, T> {
    return this.append(mapNode(fn, false));
  }

  /** Like `map`, but the fields `fn` does not mention are copied through (`keepUnmapped: true`). */
  mapKeepingUnmapped<const R extends Partial<T>>(fn: (record: C) => Exact<R, T>): ConnectorBuilder<Computed<C, R>, T> {
    return this.append(mapNode(fn, true));
  }

  /**
   * One record per element of the array `field`, the element at `as` (default: `field`), with the
   * parent's `keep` fields (default: all of them but the array). The records share the parent's
   * position: the cursor passes the parent once all of them are acknowledged.
   */
  split<const F extends string, const A extends string = F, const K extends string = never>(options: {
    field: F;
    as?: A;
    keep?: readonly K[];
  }): ConnectorBuilder<SplitRecord<C, F, A, K>, T> {
    return this.append(splitNode(options as never));
  }

  /**
   * Looks each record up on `api` (GET `options.path`, `{field}` placeholders filled from the record)
   * and merges the answer `into` a field or copies chosen `fields`; `R` names what it adds.
   */
  enrich<R extends Record<string, unknown> = Record<string, unknown>>(
    api: { readonly node: ApiNode },
    options: EnrichOptions,
  ): ConnectorBuilder<C & R, T> {
    return this.append(enrichNode(api, options));
  }

  /** Many records into one per `groupBy` key within a page (or a window): counts, exact sums, lists, first, last. */
  aggregate<R extends Record<string, unknown> = Record<string, unknown>>(
    options: AggregateOptions,
  ): ConnectorBuilder<R, T> {
    return this.append(aggregateNode(options));
  }

  /** Run-wide settings; the last call of the chain. */
  settings(settings: SettingsNode): Connector<C, T> {
    return new ConnectorBuilder({ ...this.node(), settings: frozenCopy(settings) }) as never;
  }
}

/** A connector with its source: `.to(...)` names the target and opens the pipeline. */
export interface SourcedConnector<S> {
  to<T>(output: OutputEndpoint<T>): ConnectorBuilder<S, T>;
}

export interface ConnectorDraft {
  from<S>(input: InputEndpoint<S>): SourcedConnector<S>;
}

export interface ConnectorOptions {
  name: string;
  version?: string;
  description?: string;
  labels?: Readonly<Record<string, string>>;
}

/** `connector({ name }).from(source).to(target)`, then filters, map and settings. */
export function connector(options: ConnectorOptions): ConnectorDraft {
  const metadata: Metadata = frozenCopy({ ...options });
  return Object.freeze({
    from<S>(source: InputEndpoint<S>): SourcedConnector<S> {
      const input = inputOf(source);
      return Object.freeze({
        to<T>(target: OutputEndpoint<T>): ConnectorBuilder<S, T> {
          return new ConnectorBuilder({ kind: "connector", metadata, input, filters: [], output: outputOf(target) });
        },
      });
    },
  });
}
