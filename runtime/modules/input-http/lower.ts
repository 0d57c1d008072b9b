// Authoring: imports only the DSL's and the compiler's contracts, types only (../README.md).
import type { z } from "zod";
import type { LoweringTools } from "../../../compiler/lower/contract.js";
import type { ChildrenNode, InputNode, PaginationNode } from "../../../dsl/ir.js";
import type { Pagination } from "../../pagination/schema.js";
import type { Children } from "./children/schema.js";
import type { HttpInput } from "./schema.js";

/** The api's base URL, auth, headers and query are merged into the call's. */
export function lowerHttpInput(node: InputNode, path: string, tools: LoweringTools): z.input<typeof HttpInput> {
  return tools.defined({
    type: node.type,
    baseUrl: tools.string(node.api.baseUrl, "config"),
    path: node.path,
    pathParams: node.pathParams === undefined ? undefined : tools.plain(node.pathParams, "config"),
    method: node.method,
    query: tools.merged(node.api.query, node.query),
    headers: tools.merged(node.api.headers, node.headers),
    body: node.body === undefined ? undefined : tools.plain(node.body),
    auth: node.api.auth ? tools.auth(node.api.auth) : undefined,
    pagination: node.pagination ? lowerPagination(node.pagination, `${path}.pagination`, tools) : undefined,
    records: node.records,
    response: node.response ? tools.plain(node.response) : undefined,
    schedule: node.schedule,
    timezone: node.timezone,
    incremental: node.incremental ? tools.plain(node.incremental) : undefined,
    timeout: node.timeout,
    children: node.children ? lowerChildren(node.children, `${path}.children`, tools) : undefined,
  });
}

/** The api's query applies to the child requests too (an api key in the query); its own query overrides it. */
function lowerChildren(node: ChildrenNode, path: string, tools: LoweringTools): z.input<typeof Children> {
  return tools.defined({
    path: node.path,
    params: node.params === undefined ? undefined : { ...node.params },
    query: tools.merged(node.api.query, node.query),
    pagination: node.pagination ? lowerPagination(node.pagination, `${path}.pagination`, tools) : undefined,
    records: node.records,
    carry: node.carry === undefined ? undefined : { ...node.carry },
    key: node.key,
    concurrency: node.concurrency,
    incremental: node.incremental ? tools.plain(node.incremental) : undefined,
  });
}

/** `stopWhen` is a `(response, page) => boolean` lambda, lowered to CEL over `response` and `page`. */
export function lowerPagination(node: PaginationNode, path: string, tools: LoweringTools): z.input<typeof Pagination> {
  if (node.type === "none") return { type: "none" };
  const { kind: _kind, stopWhen, ...rest } = node;
  const expr = stopWhen && tools.expressionLambda(stopWhen, `${path}.stopWhen`, ["response", "page"]);
  return tools.defined({ ...tools.plain(rest), stopWhen: expr });
}
