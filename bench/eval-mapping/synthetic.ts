/**
 * A deterministic synthetic schema pair of any size, for timing the suggester at scale.
 */
import type { FieldRecord } from "../../generators/suggest/index.js";

const WORDS =
  "customer client account name first last email phone address city state zip postal code country amount total price currency status created updated date due description note title id number quantity sku tag label owner".split(
    " ",
  );
const PARENTS = ["", "", "billing_address.", "shipping.", "contact.", "items[].", "metadata."];
const TYPES = ["string", "string", "string", "integer", "number", "boolean"];

function generator(seed: number) {
  let state = seed >>> 0;
  return (n: number) => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state % n;
  };
}

export function syntheticFields(count: number, seed: number, camel: boolean): FieldRecord[] {
  const next = generator(seed);
  const fields: FieldRecord[] = [];
  const seen = new Set<string>();
  while (fields.length < count) {
    const a = WORDS[next(WORDS.length)] as string;
    const b = WORDS[next(WORDS.length)] as string;
    const leaf = camel ? `${a}${b[0]?.toUpperCase()}${b.slice(1)}` : `${a}_${b}`;
    const path = `${PARENTS[next(PARENTS.length)]}${leaf}${seen.size >= WORDS.length * WORDS.length ? fields.length : ""}`;
    if (seen.has(path)) continue;
    seen.add(path);
    fields.push({
      path,
      type: TYPES[next(TYPES.length)] as string,
      required: next(2) === 0,
      description: `The ${a} ${b} of the record.`,
    });
  }
  return fields;
}
