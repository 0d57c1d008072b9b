/**
 * Objects flattened into their parent: next to a key `customer` (expandable) or `accountId`, the siblings
 * `customer_email`, `customer_name` and `accountName`, `accountNumber` are the fields of that record written
 * flat. They are read as `customer.email` and `account.name` (the key as `customer.id`), so that they compare
 * with a nested `Contact.EmailAddress` leaf for leaf and form an object of their own for the object alignment.
 * Only the paths the suggester reads change; every suggestion names the real field.
 */
import type { FieldRecord } from "./field-record.js";
import { splitWords, stem } from "./tokens.js";

/** Siblings besides the key that make a prefix an object: one could be a coincidence (`company_name`). */
const MIN_MEMBERS = 2;

const lastSegment = (path: string): string => path.slice(path.lastIndexOf(".") + 1);
const parentOf = (path: string): string => path.slice(0, Math.max(0, path.lastIndexOf(".")));

/** The word a key names its record by: `accountId` → `account`, an expandable `customer` → `customer`. */
function keyWord(field: FieldRecord): string | undefined {
  const words = splitWords(lastSegment(field.path)).map((w) => w.toLowerCase());
  if (field.path.endsWith("[]")) return undefined;
  if (words.length === 2 && words[1] === "id") return words[0];
  if (words.length === 1 && field.expandable) return words[0];
  return undefined;
}

/** The path each field is read as: its own, or the flattened object's (`customer_email` → `customer.email`). */
export function readingPaths(fields: readonly FieldRecord[]): string[] {
  const paths = fields.map((f) => f.path);
  const byParent = new Map<string, number[]>();
  fields.forEach((f, i) => {
    const parent = parentOf(f.path);
    byParent.set(parent, [...(byParent.get(parent) ?? []), i]);
  });
  for (const [parent, members] of byParent) {
    // A key that repeats its own object's name (`Contact.ContactID`, `events[].eventId`) is that object's.
    const tail = splitWords(lastSegment(parent)).map((w) => stem(w.toLowerCase()));
    for (const key of members) {
      const word = keyWord(fields[key] as FieldRecord);
      if (word === undefined || tail.includes(stem(word))) continue;
      const flat = members.filter((i) => {
        if (i === key || fields[i]?.path.endsWith("[]")) return false;
        const words = splitWords(lastSegment(fields[i]?.path ?? "")).map((w) => w.toLowerCase());
        return words.length >= 2 && words[0] === word;
      });
      if (flat.length < MIN_MEMBERS) continue;
      const prefix = parent === "" ? word : `${parent}.${word}`;
      paths[key] = `${prefix}.id`;
      for (const i of flat) {
        const words = splitWords(lastSegment(fields[i]?.path ?? "")).map((w) => w.toLowerCase());
        paths[i] = `${prefix}.${words.slice(1).join("_")}`;
      }
    }
  }
  return paths;
}
