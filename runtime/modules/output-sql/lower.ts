// Authoring: imports only the DSL's and the compiler's contracts, types only (../README.md).
import type { z } from "zod";
import type { LoweringTools } from "../../../compiler/lower/contract.js";
import type { SqlOutputNode } from "../../../dsl/sql-ir.js";
import type { SqlOutput } from "./schema.js";

/** Plain data. The URL keeps its references as written: the runtime masks `output.connection` / `input.connection` whatever they hold. */
export function lowerSqlOutput(node: SqlOutputNode, _path: string, tools: LoweringTools): z.input<typeof SqlOutput> {
  const { kind: _kind, connection, ...rest } = node;
  return tools.defined({ ...tools.plain(rest), connection: tools.string(connection, "config") });
}
