import { type CallOptions, endpoint, type InputEndpoint, type OutputEndpoint } from "./endpoint.js";
import type {
  BatchOption,
  HeaderValues,
  InputOptions,
  OutputOptions,
  PathParamsOption,
  QueryValues,
  RecordOf,
  RecordsOption,
  SearchOptions,
  TargetOf,
} from "./endpoint-options.js";
import { compact, frozenCopy } from "./freeze.js";
import { configValue } from "./refs.js";
import type { ApiNode, AuthNode, ConfigValue } from "./ir.js";
import type {
  ArrayPaths,
  CheckedPath,
  HttpMethod,
  JsonRequestBody,
  OnKnownPath,
  OperationOf,
  PathParamsOf,
  ResponseBody,
  UnknownPathRecord,
} from "./types/index.js";

type Op<Paths, P, M extends HttpMethod> = OperationOf<Paths, P, M>;
type Body<Paths, P, M extends HttpMethod> = ResponseBody<Op<Paths, P, M>>;
type Records<Paths, P, M extends HttpMethod> = ArrayPaths<Body<Paths, P, M>> | undefined;
type Batch<Paths, P, M extends HttpMethod> = BatchOption<JsonRequestBody<Op<Paths, P, M>>> | undefined;

/** An input facet only when a record type can be found: records given, or the body is an array. */
type SourceFacet<Body, R> = [R] extends [string]
  ? InputEndpoint<RecordOf<Body, R>>
  : // A response with no content (Trello's addCards) is `never`: distributed, it would make the
    // whole endpoint `never`, and `.to()` could not read its target record type any more.
    [Body] extends [never]
    ? unknown
    : Body extends readonly unknown[]
      ? InputEndpoint<RecordOf<Body, R>>
      : unknown;

type Writer<M extends HttpMethod, Paths> = <const P extends string, const B extends Batch<Paths, P, M> = undefined>(
  path: CheckedPath<Paths, P, M>,
  options?: OutputOptions<TargetOf<Op<Paths, P, M>, B>, B>,
) => OnKnownPath<Paths, P, M, OutputEndpoint<TargetOf<Op<Paths, P, M>, B>>, OutputEndpoint<UnknownPathRecord>>;

/**
 * One API described by an OpenAPI spec's `paths` type. `get` makes a source; `put`, `patch`
 * and `delete` make targets; `post` makes an endpoint usable as either (a target, or a source
 * for APIs that list through a search body), depending on the options given.
 */
export interface Api<Paths> {
  readonly node: ApiNode;
  get<const P extends string, const R extends Records<Paths, P, "get"> = undefined>(
    path: CheckedPath<Paths, P, "get">,
    options?: InputOptions<Body<Paths, P, "get">, RecordOf<Body<Paths, P, "get">, R>> &
      RecordsOption<Body<Paths, P, "get">, R> &
      PathParamsOption<PathParamsOf<Op<Paths, P, "get">>>,
  ): OnKnownPath<Paths, P, "get", InputEndpoint<RecordOf<Body<Paths, P, "get">, R>>, InputEndpoint<UnknownPathRecord>>;
  post<
    const P extends string,
    const R extends Records<Paths, P, "post"> = undefined,
    const B extends Batch<Paths, P, "post"> = undefined,
  >(
    path: CheckedPath<Paths, P, "post">,
    options?: OutputOptions<TargetOf<Op<Paths, P, "post">, B>, B> &
      SearchOptions<
        Body<Paths, P, "post">,
        RecordOf<Body<Paths, P, "post">, R>,
        JsonRequestBody<Op<Paths, P, "post">>
      > & {
        records?: R;
      },
  ): OnKnownPath<
    Paths,
    P,
    "post",
    SourceFacet<Body<Paths, P, "post">, R> & OutputEndpoint<TargetOf<Op<Paths, P, "post">, B>>,
    InputEndpoint<UnknownPathRecord> & OutputEndpoint<UnknownPathRecord>
  >;
  put: Writer<"put", Paths>;
  patch: Writer<"patch", Paths>;
  delete: Writer<"delete", Paths>;
}

export interface ApiOptions {
  /** A literal, `env("NAME")` or a `text` template of them; a secret here is refused (it would mask the host). */
  baseUrl: ConfigValue;
  auth?: AuthNode;
  headers?: HeaderValues;
  query?: QueryValues;
}

/** `api<paths>({ baseUrl, auth })`, with `paths` generated from the spec by openapi-typescript. */
export function api<Paths>(options: ApiOptions): Api<Paths> {
  const node: ApiNode = compact({
    kind: "api",
    baseUrl: configValue("baseUrl", options.baseUrl),
    auth: options.auth,
    headers: frozenCopy(options.headers),
    query: frozenCopy(options.query),
  });
  const call =
    (method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE") =>
    (path: string, callOptions?: object): never =>
      // Typed by the signatures of `Api` above; a plain JavaScript caller's keys are checked by `endpoint`.
      endpoint(node, method, path, (callOptions ?? {}) as CallOptions) as never;
  return Object.freeze({
    node,
    get: call("GET"),
    post: call("POST"),
    put: call("PUT"),
    patch: call("PATCH"),
    delete: call("DELETE"),
  });
}
