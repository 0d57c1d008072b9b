/**
 * The flattened field shape is defined once, beside the suggester that consumes it; the OpenAPI
 * reader produces it (dotted paths of at most 3 segments, `a[]`, `a[].b`, as in shared/datasets/mapping).
 */
export type { FieldRecord } from "../suggest/field-record.js";
