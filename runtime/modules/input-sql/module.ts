import { inputKind } from "../module.js";
import { SqlInput } from "./schema.js";
import { createSqlInput } from "./sql-input.js";

export const sqlInput = inputKind({
  type: "sql",
  schema: SqlInput,
  create(spec, { context }) {
    return createSqlInput(spec, context);
  },
});
