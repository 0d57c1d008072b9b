import { dslMisuse } from "../misuse.js";

/**
 * What `todo()` yields: assignable to no target field type, so the compiler names the field
 * that still needs a source (`cannectors generate` writes one for every required field it could
 * not map, so none can be forgotten).
 */
export interface Todo<Field extends string> {
  readonly "✖ TODO: choose a source for this field": Field;
}

export function todo<const Field extends string>(field: Field): Todo<Field> {
  throw dslMisuse(`todo(${JSON.stringify(field)}): the field still needs a source before this connector can run`);
}
