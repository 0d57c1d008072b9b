/** JSON types a schema admits; `null` is not one of them, it is the `nullable` flag. */
export type JsonType = "string" | "number" | "integer" | "boolean" | "object" | "array";

export const JSON_TYPES: readonly JsonType[] = ["string", "number", "integer", "boolean", "object", "array"];

/**
 * A resolved schema: refs followed, `allOf` merged, `nullable: true` and `type: [x, "null"]` both read
 * as `nullable`. A recursive schema stays recursive (the same object is reached again), so walk it
 * with a visited set, as `flattenSchema` does; `ref` names where it was defined.
 */
export interface Schema {
  /** Empty: any type. */
  types: JsonType[];
  nullable: boolean;
  format?: string;
  enum?: unknown[];
  title?: string;
  description?: string;
  default?: unknown;
  example?: unknown;
  properties?: Record<string, Schema>;
  required: string[];
  additionalProperties?: boolean | Schema;
  items?: Schema;
  /** `oneOf` / `anyOf`, kept as alternatives; see `unionView` for their merged properties. */
  alternatives?: Alternatives;
  readOnly?: boolean;
  writeOnly?: boolean;
  deprecated?: boolean;
  /** An id that can be expanded into an object (Stripe's `x-expansionResources`, `anyOf: [string, object]`). */
  expandable?: boolean;
  /** The `$ref` this schema was reached through, as `file#/pointer` relative to the root, or `#/pointer`. */
  ref?: string;
  /** A Microsoft JSON date, `/Date(1546128000000+0000)/` (Xero's `x-is-msdate`, `x-is-msdate-time`). */
  msDate?: true;
  /** Set when a ref points back into itself with nothing in between (`A: {$ref: A}`). */
  cycle?: true;
}

export interface Alternatives {
  kind: "oneOf" | "anyOf";
  options: Schema[];
  discriminator?: string;
}

export function emptySchema(): Schema {
  return { types: [], nullable: false, required: [] };
}
