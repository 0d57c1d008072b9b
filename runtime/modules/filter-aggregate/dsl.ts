// Authoring: the DSL builder's node for an aggregate (../README.md); the DSL's ConnectorBuilder calls it.
import type { z } from "zod";
import { CannectorsError, ErrorCodes } from "../../errors/index.js";
import type { AggregateFilter } from "./schema.js";

export type AggregateOptions = Omit<z.input<typeof AggregateFilter>, "type">;

export interface AggregateFilterNode {
  readonly kind: "aggregate";
  readonly options: Readonly<AggregateOptions>;
}

export function aggregateNode(options: AggregateOptions): AggregateFilterNode {
  if (!Array.isArray(options?.groupBy) || !Array.isArray(options.fields)) {
    throw new CannectorsError(ErrorCodes.DSL_MISUSE, ".aggregate({ groupBy, fields }) expects two lists");
  }
  return Object.freeze({ kind: "aggregate", options: structuredClone(options) });
}
