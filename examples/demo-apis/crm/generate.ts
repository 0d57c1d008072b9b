import type { Customer, CustomerStatus } from "./customer.js";
import { FIRST_NAMES, LAST_NAMES, PLACES, STREETS, TAGS } from "./names.js";
import { createPicker, type Picker } from "./prng.js";

const SEED = 0x5eed_c0de;
/** Customer n is updated in hour n after this instant, so updated_at grows strictly with the id. */
const TIMELINE_START_MS = Date.UTC(2024, 0, 1);
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

export function customerId(index: number): string {
  return `cus_${String(index).padStart(6, "0")}`;
}

/** ISO-8601 UTC to the second: `2024-01-01T05:23:11Z`. */
function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
}

function asciiSlug(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-");
}

function status(p: Picker): CustomerStatus {
  const draw = p.next();
  return draw < 0.7 ? "active" : draw < 0.85 ? "inactive" : "lead";
}

/** Decimal string with two places, from cents: no float rounding can creep in. */
function balance(p: Picker): string {
  const cents = p.int(0, 2_000_000) * (p.next() < 0.05 ? -1 : 1);
  const abs = Math.abs(cents);
  return `${cents < 0 ? "-" : ""}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}

/** Some addresses come with stray case or spaces, as CRM data does: the connector normalises them. */
function email(p: Picker, first: string, last: string, index: number): string {
  const clean = `${asciiSlug(first)}.${asciiSlug(last)}.${index}@example.com`;
  const draw = p.next();
  if (draw < 0.1) return `${first}.${asciiSlug(last)}.${index}@Example.com`;
  if (draw < 0.15) return ` ${clean} `;
  return clean;
}

/** Customer number `index` (1-based); depends on nothing but the index, so any prefix of the set is stable. */
export function generateCustomer(index: number): Customer {
  const p = createPicker(Math.imul(index, 2_654_435_761) ^ SEED);
  const first = p.pick(FIRST_NAMES);
  const last = p.pick(LAST_NAMES);
  const place = p.pick(PLACES);
  const updatedMs = TIMELINE_START_MS + index * HOUR_MS + p.int(0, 3599) * 1000;
  const createdMs = updatedMs - p.int(1, 900) * DAY_MS - p.int(0, 86_399) * 1000;
  return {
    id: customerId(index),
    first_name: first,
    last_name: last,
    email: email(p, first, last, index),
    status: status(p),
    created_at: isoSeconds(createdMs),
    updated_at: isoSeconds(updatedMs),
    balance: balance(p),
    currency: "EUR",
    address: {
      street: `${p.int(1, 250)} ${p.pick(STREETS)}`,
      city: place.city,
      zip: place.zip.replace(/#/g, () => String(p.int(0, 9))),
      country: place.country,
    },
    tags: TAGS.filter(() => p.next() < 0.2),
    phone: p.next() < 0.2 ? null : `${place.dialCode} ${p.int(600_000_000, 799_999_999)}`,
  };
}

/** Customers `from`..`from + n - 1`, in id (and updated_at) order. */
export function generateCustomers(n: number, from = 1): Customer[] {
  return Array.from({ length: n }, (_, i) => generateCustomer(from + i));
}
