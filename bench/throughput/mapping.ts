/**
 * The connector's filter and map written by hand in plain JavaScript: what the baseline runs, and
 * the reference the engine-only bench checks Cannectors' output against (same values, same keys).
 */
import type { CrmRecord } from "./records.js";

const SEGMENTS: Record<string, string> = { active: "STANDARD", lead: "PROSPECT", churned: "LOST" };

export interface ErpClient {
  client_id: number;
  external_ref: string;
  full_name: string;
  email: string;
  phone: string;
  segment: string;
  balance_cents: number;
  credit_limit_cents: number;
  customer_since: string;
  updated_unix: number;
  vip: boolean;
  city: string;
  country: string;
  company: string;
  tags: string[];
}

const DECIMAL = /^(-?)(\d+)(?:\.(\d{1,2}))?$/;

/** "1234.5" → 123450; anything but a plain decimal with at most 2 decimals is refused. */
function cents(text: string): number {
  const match = DECIMAL.exec(text);
  if (!match) throw new Error(`not an amount: ${text}`);
  const value = Number(match[2]) * 100 + Number((match[3] ?? "").padEnd(2, "0"));
  return match[1] === "-" ? -value : value;
}

/** Validated, and in UTC whatever offset the source used. */
function isoDay(text: string): string {
  const date = new Date(text);
  if (Number.isNaN(date.getTime())) throw new Error(`not a date: ${text}`);
  return date.toISOString().slice(0, 10);
}

function unixSeconds(text: string): number {
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) throw new Error(`not a date: ${text}`);
  return Math.floor(ms / 1000);
}

export function keep(record: CrmRecord): boolean {
  return record.status !== "inactive";
}

export function mapRecord(r: CrmRecord): ErpClient {
  return {
    client_id: r.id,
    external_ref: `CRM-${r.external_id}`,
    full_name: `${r.first_name} ${r.last_name}`,
    email: r.email.trim().toLowerCase(),
    phone: r.phone || "n/a",
    segment: SEGMENTS[r.status] ?? "OTHER",
    balance_cents: cents(r.balance),
    credit_limit_cents: cents(r.credit_limit),
    customer_since: isoDay(r.created_at),
    updated_unix: unixSeconds(r.updated_at),
    vip: r.tags.includes("vip"),
    city: r.address.city,
    country: r.address.country,
    company: r.company,
    tags: r.tags,
  };
}
