import * as z from "zod";
import { SecretString } from "../artifact/common.js";

/** A column or table name: letters, digits, `_` and `$`; a table may be `schema.table`. */
export const SqlColumn = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_$]*$/, "expected a column name such as client_id")
  .describe("A column name (quoted in every statement).");
export const SqlTable = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_$]*(\.[A-Za-z_][A-Za-z0-9_$]*)?$/, "expected a table such as clients or crm.clients")
  .describe("A table, optionally `schema.table` (quoted in every statement).");

export const SqlConnection = SecretString.min(1).describe(
  "The database URL, normally from a secret (`${secret:DATABASE_URL}`): `postgres://`, `mysql://`, `mariadb://` or `sqlite:/path/file.db`.",
);

export const SqlTls = z
  .strictObject({
    mode: z
      .enum(["disable", "require", "verify"])
      .default("verify")
      .describe("`disable`: plain; `require`: encrypted, certificate not checked; `verify`: encrypted and checked."),
    ca: SecretString.optional().describe("PEM text of the CA that signs the server's certificate."),
  })
  .describe("TLS to the database server (PostgreSQL, MySQL); absent: as the URL says.");
