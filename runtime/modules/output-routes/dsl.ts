// Authoring: the DSL builders of a routes output, exported by `cannectors` (dsl/index.ts).
import type { OutputEndpoint } from "../../../dsl/endpoint.js";
import type { Lambda, OutputNode, RoutesOutputNode } from "../../../dsl/ir.js";
import { dslMisuse } from "../../../dsl/misuse.js";

/** One route: records for which `when` holds go to `output` (the first matching route wins). */
export interface Route<T> {
  readonly kind: "route";
  readonly when: Lambda;
  readonly output: OutputNode;
  /** Types only: the record type the condition reads and the output takes. */
  readonly record?: (record: T) => T;
}

/** `route((order) => order.status === "paid", erp.post("/orders"))`: `when` reads the record the output receives. */
export function route<T>(when: (record: T) => boolean, output: OutputEndpoint<T>): Route<T> {
  if (typeof when !== "function") throw dslMisuse(`route(when, output): when must be a function, got ${typeof when}`);
  return Object.freeze({ kind: "route", when, output: nestedOutput(output, "route(when, output)") });
}

/**
 * `routes([route(...), route(...)], { default: review.post("/orders") })`: each record goes to the first
 * route whose condition holds, else to `default`; `default: "drop"` drops it, and must be said.
 */
export function routes<T>(
  list: readonly Route<T>[],
  options: { readonly default: OutputEndpoint<T> | "drop" },
): OutputEndpoint<T> {
  if (!Array.isArray(list) || list.length === 0)
    throw dslMisuse("routes([...]) needs at least one route(when, output)");
  if (options?.default === undefined)
    throw dslMisuse('routes([...], { default }): say where other records go, an output or "drop"');
  const node: RoutesOutputNode = {
    kind: "output",
    type: "routes",
    routes: Object.freeze(list.map((r) => Object.freeze({ when: r.when, output: r.output }))),
    default: options.default === "drop" ? "drop" : nestedOutput(options.default, "routes default"),
  };
  return Object.freeze({ kind: "endpoint", output: Object.freeze(node) });
}

/** The output node of an endpoint (or of another routes, fanout or fallback). */
export function nestedOutput(value: { readonly output?: OutputNode } | undefined, where: string): OutputNode {
  const output = value?.output;
  if (output === undefined) throw dslMisuse(`${where} needs a target endpoint: post/put/patch/delete(...)`);
  return output;
}
