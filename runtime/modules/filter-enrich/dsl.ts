// Authoring: the DSL builder's node for an enrichment (../README.md); the DSL's ConnectorBuilder calls it.
import type { z } from "zod";
import type { ApiNode, StringValue } from "../../../dsl/ir.js";
import { CannectorsError, ErrorCodes } from "../../errors/index.js";
import type { EnrichFilter } from "./schema.js";

/**
 * Everything but where the API is (`api` gives the base URL, auth, and headers and query the
 * lookup's own extend); header and query values may be `env(...)`, `secret(...)` or `text`.
 */
export type EnrichOptions = Omit<z.input<typeof EnrichFilter>, "type" | "baseUrl" | "auth" | "headers" | "query"> & {
  headers?: Readonly<Record<string, StringValue>>;
  query?: Readonly<Record<string, StringValue | number | boolean>>;
};

export interface EnrichFilterNode {
  readonly kind: "enrich";
  readonly api: ApiNode;
  readonly options: Readonly<EnrichOptions>;
}

export function enrichNode(api: { readonly node: ApiNode }, options: EnrichOptions): EnrichFilterNode {
  if (api?.node?.kind !== "api" || typeof options?.path !== "string") {
    throw new CannectorsError(ErrorCodes.DSL_MISUSE, ".enrich(api, { path, ... }) expects an api(...) and a path");
  }
  return Object.freeze({ kind: "enrich", api: api.node, options: structuredClone(options) });
}
