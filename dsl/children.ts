import type { Api } from "./api.js";
import type { InputEndpoint } from "./endpoint.js";
import type { QueryValues, RecordOf, RecordsOption } from "./endpoint-options.js";
import { compact, frozenCopy } from "./freeze.js";
import type { ChildrenNode, InputNode } from "./ir.js";
import { dslMisuse } from "./misuse.js";
import type { Pagination } from "../runtime/modules/input-http/dsl.js";
import type {
  ArrayPaths,
  AtPath,
  CheckedPath,
  OperationOf,
  PathParamsOf,
  ResponseBody,
  ScalarPaths,
} from "./types/index.js";

type Op<Paths, P> = OperationOf<Paths, P, "get">;
type Body<Paths, P> = ResponseBody<Op<Paths, P>>;
type IsAny<T> = 0 extends 1 & T ? true : false;

/** The parent's scalar fields whose type fits `Value` (a path parameter's type in the spec). */
export type ParentFieldOf<Parent, Value> =
  IsAny<Parent> extends true
    ? string
    : { [P in ScalarPaths<Parent>]: NonNullable<AtPath<Parent, P>> extends Value ? P : never }[ScalarPaths<Parent>];

/** Each path parameter the spec declares, filled from a parent field of its type. */
export type ChildParams<Parent, Params> = [Params] extends [never]
  ? { params?: undefined }
  : { params: { readonly [K in keyof Params]-?: ParentFieldOf<Parent, NonNullable<Params[K]>> } };

/** The child record with the carried parent fields (`carry: { order_id: "id" }` adds `order_id`). */
export type WithCarried<Child, Parent, Carry> = Child & {
  -readonly [K in keyof Carry]: Carry[K] extends string ? AtPath<Parent, Carry[K]> : never;
};

export type ChildOptions<Parent, Body, Child, Params, Carry> = ChildParams<Parent, Params> & {
  /** Query parameters filled from parent fields (name → parent field). */
  queryParams?: Readonly<Record<string, ParentFieldOf<Parent, string | number | boolean>>>;
  query?: QueryValues;
  pagination?: Pagination<Body>;
  /** Child record field → parent field, copied into each child record. */
  carry?: Carry;
  /** Parent field naming a parent in dead letters and per-parent cursors (default: the first param). */
  key?: ParentFieldOf<Parent, string | number | boolean>;
  /** Parents of one page whose children are fetched at once (default 4). */
  concurrency?: number;
  /** Per-parent incremental: each parent keeps its child cursor (the last child's `cursorField`). */
  incremental?: { cursorField: ScalarPaths<Child>; param: string; initialValue?: string };
};

/**
 * Dependent requests: for each record of `parent`, the child operation `path` of `on` (the parent's
 * api), its path parameters typed from the spec and filled from parent fields of the same type.
 * The endpoint's records are the children, carrying the parent fields named in `carry`.
 */
export function children<
  Parent,
  Paths,
  const P extends string,
  const R extends ArrayPaths<Body<Paths, P>> | undefined = undefined,
  const Carry extends Readonly<
    Record<string, ScalarPaths<Parent> | (IsAny<Parent> extends true ? string : never)>
  > = Record<never, never>,
>(
  parent: InputEndpoint<Parent>,
  on: Api<Paths>,
  path: CheckedPath<Paths, P, "get">,
  options: ChildOptions<Parent, Body<Paths, P>, RecordOf<Body<Paths, P>, R>, PathParamsOf<Op<Paths, P>>, Carry> &
    RecordsOption<Body<Paths, P>, R>,
): InputEndpoint<WithCarried<RecordOf<Body<Paths, P>, R>, Parent, Carry>> {
  const input = parent.input;
  if (input.type !== "http") throw dslMisuse(`children(...) needs an HTTP source as parent, not a ${input.type} input`);
  if (input.children)
    throw dslMisuse("children(...): the parent already has children (one level of dependent requests)");
  if (on.node !== input.api) {
    throw dslMisuse(
      `children(..., ${path}): the child operation must be on the parent's api (the same api(...) value)`,
    );
  }
  const { params, queryParams, ...rest } = options as Readonly<Record<string, unknown>> & {
    params?: Record<string, string>;
    queryParams?: Record<string, string>;
  };
  const node: ChildrenNode = compact({
    kind: "children",
    api: on.node,
    path,
    params: params || queryParams ? frozenCopy({ ...params, ...queryParams }) : undefined,
    ...frozenCopy(rest),
  }) as ChildrenNode;
  const withChildren: InputNode = Object.freeze({ ...input, children: node });
  return Object.freeze({ kind: "endpoint" as const, input: withChildren });
}
