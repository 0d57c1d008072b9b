// Authoring: imports only the DSL's and the compiler's contracts, types only (../README.md).
import type { z } from "zod";
import type { LoweringTools } from "../../../compiler/lower/contract.js";
import type { HttpOutputNode } from "../../../dsl/ir.js";
import type { HttpOutput } from "./schema.js";

/** The api's base URL, auth, headers and query are merged into the call's; the key lambda becomes CEL. */
export function lowerHttpOutput(node: HttpOutputNode, path: string, tools: LoweringTools): z.input<typeof HttpOutput> {
  let idempotency: z.input<typeof HttpOutput>["idempotency"];
  if (node.idempotency) {
    const key = tools.expressionLambda(node.idempotency.key, `${path}.idempotency.key`, ["record"]);
    idempotency = tools.defined({ header: node.idempotency.header, key: key ?? "<error>" });
  }
  return tools.defined({
    type: node.type,
    baseUrl: tools.string(node.api.baseUrl, "config"),
    path: node.path,
    method: node.method,
    query: tools.merged(node.api.query, node.query),
    headers: tools.merged(node.api.headers, node.headers),
    auth: node.api.auth ? tools.auth(node.api.auth) : undefined,
    encoding: node.encoding,
    batch: node.batch ? tools.plain(node.batch) : undefined,
    idempotency,
    responses: node.responses ? tools.plain(node.responses) : undefined,
    deadLetter: node.deadLetter ? tools.plain(node.deadLetter) : undefined,
    timeout: node.timeout,
  });
}
