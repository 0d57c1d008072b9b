// The peer bench's hand-written filter + mapping, mapPlain() of ../shared/peer-bench/lib/mapping.mjs,
// copied: that file imports jsonata at its top, and the read-only shared folder has no node_modules
// for it (an ES import ignores NODE_PATH), so the baselines cannot import it from there.
const STATUS = { active: "ACTIVE", lead: "PROSPECT", inactive: "INACTIVE" };

/** A peer source record as the peer sink's client, or null for an inactive customer (filtered out). */
export function mapPlain(r) {
  if (r.status === "inactive") return null;
  const a = r.address;
  return {
    client_id: r.customer_id,
    full_name: r.first_name + " " + r.last_name,
    email: r.email.toLowerCase(),
    phone: r.phone,
    company_name: r.company,
    city: a.city,
    postal_code: a.postal_code,
    country_code: a.country,
    status: STATUS[r.status],
    signup_date: r.created_at.slice(0, 10),
    ltv_cents: Math.round(Number(r.lifetime_value) * 100),
    currency: r.currency,
    tags: r.tags,
    owner_id: r.owner_id,
  };
}
