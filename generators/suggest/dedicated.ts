/**
 * Schemas often hold a concept twice: a person's own list of phone numbers (`phone_numbers[].number`) and
 * a phone number inside something else (`addresses[].phone_number`). The dedicated list is the one to
 * read; the copy inside another object is "shadowed".
 */
import type { FieldProfile } from "./profile.js";

/** For each field: a nested copy of a concept that the schema also holds in a list or object of its own. */
export function shadowedFields(fields: readonly FieldProfile[]): boolean[] {
  const dedicated = new Set<string>();
  for (const f of fields) {
    if (f.standsIn && f.context.length === 1) dedicated.add(f.context[0] as string);
  }
  return fields.map(
    (f) => !f.standsIn && f.parent.length > 0 && f.leaf.length === 1 && dedicated.has(f.leaf[0] as string),
  );
}
