// Authoring: imports only the DSL's and the compiler's contracts, types only (../README.md).
import type { z } from "zod";
import type { LoweringTools } from "../../../compiler/lower/contract.js";
import type { EnrichFilterNode } from "./dsl.js";
import type { EnrichFilter } from "./schema.js";

/** The api's base URL, auth, headers and query are merged into the lookup's, as for the output. */
export function lowerEnrichFilter(
  node: EnrichFilterNode,
  _path: string,
  tools: LoweringTools,
): z.input<typeof EnrichFilter> {
  tools.reshaped();
  const { query, headers, ...rest } = node.options;
  return tools.defined({
    type: "enrich" as const,
    baseUrl: tools.string(node.api.baseUrl, "config"),
    ...structuredClone(rest),
    query: tools.merged(node.api.query, query),
    headers: tools.merged(node.api.headers, headers),
    auth: node.api.auth ? tools.auth(node.api.auth) : undefined,
  });
}
