import { CLIENT_FIELDS, CLIENT_REQUIRED_FIELDS, CLIENT_SEGMENTS, type ErpClient } from "./client.js";

export interface FieldIssue {
  field: string;
  message: string;
  /** Position in the batch, for POST /clients/batch. */
  index?: number;
}

type Check = (value: unknown) => string | undefined;

const nonEmptyString =
  (max: number): Check =>
  (v) =>
    typeof v !== "string" || v.trim() === ""
      ? "must be a non-empty string"
      : v.length > max
        ? `must be at most ${max} characters`
        : undefined;

function isCalendarDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().startsWith(text);
}

const CHECKS: Record<(typeof CLIENT_FIELDS)[number], Check> = {
  client_id: nonEmptyString(64),
  full_name: nonEmptyString(200),
  email: (v) =>
    typeof v === "string" && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v)
      ? undefined
      : "must be an e-mail address without spaces",
  segment: (v) =>
    typeof v === "string" && (CLIENT_SEGMENTS as readonly string[]).includes(v)
      ? undefined
      : `must be one of ${CLIENT_SEGMENTS.join(", ")}`,
  balance_cents: (v) => (Number.isSafeInteger(v) ? undefined : "must be an integer number of cents"),
  customer_since: (v) => (typeof v === "string" && isCalendarDate(v) ? undefined : "must be a date YYYY-MM-DD"),
  city: nonEmptyString(100),
  country: (v) =>
    typeof v === "string" && /^[A-Z]{2}$/.test(v) ? undefined : "must be an ISO 3166-1 alpha-2 code such as FR",
  tags: (v) => (Array.isArray(v) && v.every((t) => typeof t === "string") ? undefined : "must be an array of strings"),
};

function isKnownField(name: string): name is (typeof CLIENT_FIELDS)[number] {
  return (CLIENT_FIELDS as readonly string[]).includes(name);
}

/** Every problem with one client; empty means valid. Optional fields may be absent or null. */
export function validateClient(value: unknown): FieldIssue[] {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return [{ field: "(record)", message: "must be a JSON object" }];
  }
  const record = value as Record<string, unknown>;
  const issues: FieldIssue[] = [];
  for (const field of CLIENT_REQUIRED_FIELDS) {
    if (record[field] === undefined || record[field] === null) issues.push({ field, message: "is required" });
  }
  for (const [field, fieldValue] of Object.entries(record)) {
    if (!isKnownField(field)) {
      issues.push({ field, message: "is not a known field" });
      continue;
    }
    if (fieldValue === null || fieldValue === undefined) continue;
    const problem = CHECKS[field](fieldValue);
    if (problem) issues.push({ field, message: problem });
  }
  return issues;
}

export function isValidClient(value: unknown): value is ErpClient {
  return validateClient(value).length === 0;
}
