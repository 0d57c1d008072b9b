// Authoring: imports only the DSL's and the compiler's contracts, types only (../modules/README.md).
import type { z } from "zod";
import type { LoweringTools } from "../../compiler/lower/contract.js";
import type { PaginationNode } from "../../dsl/ir.js";
import type { Pagination } from "./schema.js";

/** `stopWhen` is a `(response, page) => boolean` lambda, lowered to CEL over `response` and `page`. */
export function lowerPagination(node: PaginationNode, path: string, tools: LoweringTools): z.input<typeof Pagination> {
  const { kind: _kind, ...rest } = node;
  const lowered = tools.plain({ ...rest, stopWhen: undefined }) as z.input<typeof Pagination> & { stopWhen?: string };
  if ("stopWhen" in node && node.stopWhen !== undefined) {
    const expr = tools.expressionLambda(node.stopWhen, `${path}.stopWhen`, ["response", "page"]);
    if (expr !== undefined) lowered.stopWhen = expr;
  }
  return lowered;
}
