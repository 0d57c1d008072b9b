/** The ERP's client record, as `POST /clients` accepts it (and as erp/openapi.yaml describes it). */
export interface ErpClient {
  client_id: string;
  full_name: string;
  email: string;
  segment?: ClientSegment | null;
  balance_cents?: number | null;
  customer_since?: string | null;
  city?: string | null;
  country?: string | null;
  tags?: string[] | null;
}

export const CLIENT_SEGMENTS = ["STANDARD", "PROSPECT"] as const;
export type ClientSegment = (typeof CLIENT_SEGMENTS)[number];

export const CLIENT_REQUIRED_FIELDS = [
  "client_id",
  "full_name",
  "email",
] as const satisfies readonly (keyof ErpClient)[];

/** Every field the ERP knows; any other field is rejected. */
export const CLIENT_FIELDS = [
  "client_id",
  "full_name",
  "email",
  "segment",
  "balance_cents",
  "customer_since",
  "city",
  "country",
  "tags",
] as const satisfies readonly (keyof ErpClient)[];

export const MAX_BATCH_SIZE = 500;
export const TOKEN_TTL_SECONDS = 3600;
