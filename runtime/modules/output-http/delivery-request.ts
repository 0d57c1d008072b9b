import type { OutputRecord } from "../../engine/modules.js";

/** One HTTP request the output will make, before authentication. */
export interface DeliveryRequest {
  records: OutputRecord[];
  method: string;
  url: string;
  /** `url` for logs, errors and dry runs: secrets from the artifact masked, record values exact. */
  maskedUrl: string;
  headers: Record<string, string>;
  /** The JSON value sent (a form body: its encoded text); `bodyText` is what is sent, fixed once so every retry sends the same bytes. */
  body: unknown;
  bodyText: string;
}

/** Why a delivery attempt sequence ended without success. */
export interface DeliveryFailure {
  status: number | null;
  reason: string;
  responseExcerpt: string;
  attempts: number;
  /** The API answered with a `fail` status: a batch may be split to find the records at fault. */
  rejected: boolean;
}

export type DeliveryOutcome = { ok: true; attempts: number } | ({ ok: false } & DeliveryFailure);
