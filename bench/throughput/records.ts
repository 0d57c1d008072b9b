import { createPrng } from "../../examples/demo-apis/crm/prng.js";

/**
 * Deterministic CRM-like records: record `i` of a seed is always the same, so the source can serve
 * any page without storing the data set, and two runs read identical bytes.
 */
export interface CrmRecord {
  id: number;
  external_id: string;
  first_name: string;
  last_name: string;
  email: string;
  phone?: string;
  status: "active" | "inactive" | "lead" | "churned";
  company: string;
  title: string;
  balance: string;
  credit_limit: string;
  currency: string;
  score: number;
  newsletter: boolean;
  created_at: string;
  updated_at: string;
  address: { street: string; city: string; postal_code: string; country: string };
  tags: string[];
  notes: string;
  source: string;
}

const FIRST = ["Ada", "Alan", "Grace", "Edsger", "Barbara", "Donald", "Margaret", "Ken", "Radia", "Linus"];
const LAST = ["Lovelace", "Turing", "Hopper", "Dijkstra", "Liskov", "Knuth", "Hamilton", "Thompson", "Perlman"];
const CITIES = [
  ["Paris", "FR"],
  ["Berlin", "DE"],
  ["Lisbon", "PT"],
  ["Austin", "US"],
  ["Osaka", "JP"],
  ["Toronto", "CA"],
] as const;
const STATUSES = ["active", "active", "active", "lead", "inactive", "churned"] as const;
const TAGS = ["vip", "beta", "newsletter", "partner", "trial", "enterprise"];
const DAY_MS = 86_400_000;
const EPOCH = Date.UTC(2020, 0, 1);

const pick = <T>(next: () => number, list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
const money = (next: () => number, max: number) => (Math.floor(next() * max * 100) / 100).toFixed(2);

export function crmRecord(index: number, seed: number): CrmRecord {
  const next = createPrng(seed * 1_000_003 + index);
  const first = pick(next, FIRST);
  const last = pick(next, LAST);
  const [city, country] = pick(next, CITIES);
  const created = EPOCH + Math.floor(next() * 1500) * DAY_MS + Math.floor(next() * DAY_MS);
  const record: CrmRecord = {
    id: index + 1,
    external_id: `crm-${(index + 1).toString(36).padStart(6, "0")}`,
    first_name: first,
    last_name: last,
    email: `  ${first}.${last}${index}@Example.com `,
    status: pick(next, STATUSES),
    company: `${last} & Co`,
    title: pick(next, ["CTO", "Engineer", "Founder", "Buyer"]),
    balance: money(next, 20_000),
    credit_limit: money(next, 50_000),
    currency: "EUR",
    score: Math.floor(next() * 100),
    newsletter: next() < 0.5,
    created_at: new Date(created).toISOString(),
    updated_at: new Date(created + Math.floor(next() * 300) * DAY_MS).toISOString(),
    address: { street: `${1 + Math.floor(next() * 200)} Main St`, city, postal_code: `${10000 + index}`, country },
    tags: TAGS.filter(() => next() < 0.3),
    notes: "imported from the legacy CRM",
    source: "crm",
  };
  if (next() < 0.8) record.phone = `+33 6 ${String(index).padStart(8, "0")}`;
  return record;
}

/** How many records of `count` the connector keeps (status != "inactive"). */
export function activeCount(count: number, seed: number): number {
  let kept = 0;
  for (let i = 0; i < count; i++) if (crmRecord(i, seed).status !== "inactive") kept++;
  return kept;
}
