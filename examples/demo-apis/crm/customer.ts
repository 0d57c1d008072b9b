/** The CRM's record, exactly as `GET /customers` returns it (and as crm/openapi.yaml describes it). */
export interface Customer {
  id: string;
  first_name: string;
  last_name: string;
  email: string;
  status: CustomerStatus;
  created_at: string;
  updated_at: string;
  balance: string;
  currency: string;
  address: { street: string; city: string; zip: string; country: string };
  tags: string[];
  phone: string | null;
}

export const CUSTOMER_STATUSES = ["active", "inactive", "lead"] as const;
export type CustomerStatus = (typeof CUSTOMER_STATUSES)[number];

/** Every Customer field is always present (phone may be null): the OpenAPI `required` list. */
export const CUSTOMER_FIELDS = [
  "id",
  "first_name",
  "last_name",
  "email",
  "status",
  "created_at",
  "updated_at",
  "balance",
  "currency",
  "address",
  "tags",
  "phone",
] as const satisfies readonly (keyof Customer)[];

export const ADDRESS_FIELDS = [
  "street",
  "city",
  "zip",
  "country",
] as const satisfies readonly (keyof Customer["address"])[];

export const CRM_DEFAULT_LIMIT = 100;
export const CRM_MAX_LIMIT = 500;
