/**
 * The IR of the SQL input and output, derived from their schemas (authored.ts): plain data, the
 * connection URL, bound string values and the TLS CA as refs, lowered field by field.
 */
import type { z } from "zod";
import type { SqlInput } from "../runtime/modules/input-sql/schema.js";
import type { SqlOutput } from "../runtime/modules/output-sql/schema.js";
import type { SqlTls } from "../runtime/sql/schema.js";
import type { Authored } from "./authored.js";
import type { StringValue } from "./ir.js";

/** TLS to the server; the CA's PEM text may come from `secret("X")`. */
export type SqlTlsNode = Authored<z.input<typeof SqlTls>, { ca: StringValue }>;

/** `sqlTable(...)`: the artifact's SQL output, the URL (normally `secret("DATABASE_URL")`) a ref. */
export type SqlOutputNode = { readonly kind: "output" } & Authored<
  z.input<typeof SqlOutput>,
  { connection: StringValue; tls: SqlTlsNode }
>;

/** `sqlQuery(...)` / `sqlSource(...)`: the artifact's SQL input; a bound string value may be a ref. */
export type SqlInputNode = { readonly kind: "input" } & Authored<
  z.input<typeof SqlInput>,
  { connection: StringValue; params: readonly (StringValue | number | boolean | null)[]; tls: SqlTlsNode }
>;
