import { outputKind } from "../module.js";
import { SqlOutput } from "./schema.js";
import { createSqlOutput } from "./sql-output.js";

export const sqlOutput = outputKind({
  type: "sql",
  schema: SqlOutput,
  create(spec, { context, deadLetter, dryRun, contract }) {
    return createSqlOutput(spec, { ...context, deadLetter, dryRun, contract });
  },
});
