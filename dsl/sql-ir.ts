/** The IR of the SQL input and output: plain data, the connection URL a ref, lowered field by field. */
import type { Duration } from "../runtime/artifact/index.js";
import type { StringValue } from "./ir.js";

export interface SqlTlsNode {
  readonly mode?: "disable" | "require" | "verify";
  readonly ca?: StringValue;
}

export interface SqlOutputNode {
  readonly kind: "output";
  readonly type: "sql";
  readonly connection: StringValue;
  readonly table: string;
  readonly mode?: "insert" | "upsert";
  readonly key?: readonly string[];
  readonly columns?: readonly string[];
  readonly batch?: { readonly size: number };
  readonly bulk?: "statements" | "copy";
  readonly deleteMissing?: boolean;
  readonly statementTimeout?: Duration;
  readonly tls?: SqlTlsNode;
  readonly deadLetter?: { readonly path: string };
}

export interface SqlInputNode {
  readonly kind: "input";
  readonly type: "sql";
  readonly connection: StringValue;
  readonly query?: string;
  readonly params?: readonly (StringValue | number | boolean | null)[];
  readonly table?: string;
  readonly columns?: readonly string[];
  readonly incremental?: { readonly column: string; readonly key: string };
  readonly pageSize?: number;
  readonly schedule?: string;
  readonly timezone?: string;
  readonly statementTimeout?: Duration;
  readonly tls?: SqlTlsNode;
}
