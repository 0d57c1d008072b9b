// Authoring: the DSL builder's node for a split (../README.md); the DSL's ConnectorBuilder calls it.
import type { z } from "zod";
import { CannectorsError, ErrorCodes } from "../../errors/index.js";
import type { SplitFilter } from "./schema.js";

export type SplitOptions = Omit<z.input<typeof SplitFilter>, "type">;

export interface SplitFilterNode {
  readonly kind: "split";
  readonly options: Readonly<SplitOptions>;
}

export function splitNode(options: SplitOptions): SplitFilterNode {
  if (typeof options?.field !== "string") {
    throw new CannectorsError(ErrorCodes.DSL_MISUSE, ".split({ field }) expects the array field's name");
  }
  return Object.freeze({ kind: "split", options: structuredClone(options) });
}
