/**
 * One flattened leaf of a request or response schema: the shape the OpenAPI ingestion produces and the
 * mapping suggester consumes. Paths are dotted; `a[]` is an array of scalars, `a[].b` a field of an
 * array of objects.
 */
export interface FieldRecord {
  path: string;
  /** JSON Schema type, possibly a union such as `string|number` or an array form `array<string>`. */
  type: string;
  format?: string;
  enum?: readonly unknown[];
  description?: string;
  required: boolean;
  nullable?: boolean;
  /** Example values from the spec, when it gives any. */
  examples?: readonly unknown[];
  example?: unknown;
  /** A Microsoft JSON date text, `/Date(1546128000000+0000)/`, whatever its format says. */
  msDate?: boolean;
  /**
   * The field is a property of `unionParent`, which may also be a plain value (`label: string | {name}`):
   * `r.label?.name` does not type-check and misses the plain form.
   */
  unionParent?: string;
  /** An id that the API can expand into an object (Stripe). */
  expandable?: boolean;
}
