// Authoring: imports only the DSL's and the compiler's contracts, types only (../README.md).
import type { z } from "zod";
import type { LoweringTools } from "../../../compiler/lower/contract.js";
import type { FilterNode } from "../../../dsl/ir.js";
import type { MapFilter } from "./schema.js";

export type MapFilterNode = Extract<FilterNode, { kind: "map" }>;

/** The lambda's object literal becomes the fields; `keepUnmapped` from the call or a spread of `record`. */
export function lowerMapFilter(node: MapFilterNode, path: string, tools: LoweringTools): z.input<typeof MapFilter> {
  const lowered = tools.mapLambda(node.fn, path, { keepUnmapped: node.keepUnmapped });
  const fields = lowered?.fields ?? [];
  const keepUnmapped = node.keepUnmapped === true || lowered?.keepUnmapped === true;
  return keepUnmapped ? { type: "map", fields, keepUnmapped: true } : { type: "map", fields };
}
