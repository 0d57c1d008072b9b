import type { Customer } from "../demo-apis/crm/customer.js";
import type { ErpClient } from "../demo-apis/erp/client.js";

const SEGMENTS: Record<string, ErpClient["segment"]> = { active: "STANDARD", lead: "PROSPECT" };

/** "-1234.50" -> -123450, in integers so no float rounding creeps in. */
function toCents(amount: string): number {
  const match = /^(-?)(\d+)\.(\d{2})$/.exec(amount);
  if (!match) throw new RangeError(`not a two-place decimal: ${amount}`);
  const cents = Number(match[2]) * 100 + Number(match[3]);
  return match[1] === "-" ? -cents : cents;
}

/**
 * What connector.ts (crm-to-erp.yaml) should deliver for these customers, written in plain TypeScript: the oracle an
 * end-to-end run is compared with. Keep it in step with the filters in connector.ts.
 */
export function expectedClients(customers: readonly Customer[]): ErpClient[] {
  return customers
    .filter((c) => c.status !== "inactive")
    .map((c) => ({
      client_id: c.id,
      full_name: `${c.first_name} ${c.last_name}`,
      email: c.email.trim().toLowerCase(),
      segment: SEGMENTS[c.status],
      balance_cents: toCents(c.balance),
      customer_since: c.created_at.slice(0, 10),
      city: c.address.city,
      country: c.address.country,
      tags: c.tags,
    }));
}
