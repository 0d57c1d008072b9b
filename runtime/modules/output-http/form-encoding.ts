import { isExactNumber } from "../../json/index.js";

/**
 * A record as an `application/x-www-form-urlencoded` body, in the bracket convention Stripe and
 * Rails-style APIs read: `metadata[plan]=pro`, `items[0][price]=p_1`. Keys keep the record's order
 * so the same record always gives the same bytes (and the same idempotent retry). `null` and absent
 * values are left out, as are empty objects and lists: a form has no way to say "empty" that every
 * API reads the same.
 */
export function encodeForm(record: unknown): string {
  const pairs: string[] = [];
  if (record !== null && typeof record === "object" && !Array.isArray(record)) {
    for (const [key, value] of Object.entries(record)) collect(encodeURIComponent(key), value, pairs);
  }
  return pairs.join("&");
}

function collect(key: string, value: unknown, pairs: string[]): void {
  if (value === null || value === undefined) return;
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) collect(`${key}[${index}]`, item, pairs);
    return;
  }
  if (typeof value === "object" && !isExactNumber(value)) {
    for (const [name, child] of Object.entries(value)) collect(`${key}[${encodeURIComponent(name)}]`, child, pairs);
    return;
  }
  pairs.push(`${key}=${encodeURIComponent(String(value))}`);
}
