import type { SourceSpan } from "../../dsl/ir.js";
import type { LoweringSource } from "./module.js";

export interface LoweringOptions {
  /** The original file of a lambda's span (dsl/ir.ts SOURCE_SPAN); undefined when it cannot be read. */
  sourceFor(span: SourceSpan): LoweringSource | undefined;
}
