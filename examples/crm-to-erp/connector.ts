import { api, apiKey, cents, connector, cursor, date, lookup, oauth2ClientCredentials, secret } from "cannectors";
import type { paths as Crm } from "../demo-apis/types/crm.js";
import type { paths as Erp } from "../demo-apis/types/erp.js";

/**
 * Copies CRM customers into the ERP every 15 minutes, picking up only what changed since the last
 * run. Needs CRM_API_KEY, ERP_CLIENT_ID and ERP_CLIENT_SECRET in the environment (see README.md).
 * `cannectors build` turns this file into crm-to-erp.yaml beside it.
 */

/** CRM status → ERP segment; folded into the artifact as a CEL map literal. */
const SEGMENTS = { active: "STANDARD", lead: "PROSPECT" } as const;

const crm = api<Crm>({
  baseUrl: "http://127.0.0.1:4010",
  auth: apiKey({ in: "header", name: "X-API-Key", value: secret("CRM_API_KEY") }),
});
const erp = api<Erp>({
  baseUrl: "http://127.0.0.1:4020",
  auth: oauth2ClientCredentials({
    tokenUrl: "http://127.0.0.1:4020/oauth/token",
    clientId: secret("ERP_CLIENT_ID"),
    clientSecret: secret("ERP_CLIENT_SECRET"),
    clientAuth: "basic",
  }),
});

export default connector({
  name: "crm-to-erp",
  version: "1.0.0",
  description: "Syncs active customers and leads from the demo CRM into the demo ERP as clients.",
  labels: { team: "platform", source: "crm", target: "erp" },
})
  .from(
    crm.get("/customers", {
      records: "data",
      pagination: cursor({
        cursorPath: "next_cursor",
        cursorParam: "cursor",
        limitParam: "limit",
        limit: 100,
        hasMorePath: "has_more",
      }),
      schedule: "*/15 * * * *",
      // The CRM sorts on updated_at and honours updated_after as "strictly greater".
      incremental: { cursorField: "updated_at", param: "updated_after" },
    }),
  )
  .to(
    erp.post("/clients/batch", {
      batch: { size: 50, wrap: "clients" },
      idempotency: { key: (c) => c.client_id },
      deadLetter: { path: ".cannectors/dead-letter/crm-to-erp.ndjson" },
    }),
  )
  // Inactive customers are not clients; active ones and leads are.
  .filter((c) => c.status !== "inactive")
  .map((c) => ({
    client_id: c.id,
    full_name: `${c.first_name} ${c.last_name}`,
    // CRM addresses sometimes carry capitals or stray spaces; the ERP refuses spaces.
    email: c.email.trim().toLowerCase(),
    segment: lookup(SEGMENTS, c.status),
    // "1234.50" -> 123450: exact decimal arithmetic, no float rounding.
    balance_cents: cents(c.balance),
    customer_since: date.format(date.parse(c.created_at, "iso"), "yyyy-MM-dd"),
    city: c.address.city,
    country: c.address.country,
    tags: c.tags,
  }))
  .settings({
    retries: { maxAttempts: 5, initialDelay: "500ms", maxDelay: "30s", maxRetryAfter: "60s", jitter: "full" },
    rateLimit: { requestsPerSecond: 50 },
    timeouts: { connect: "10s", request: "30s" },
    concurrency: 4,
  });
