import type { HttpOutput } from "../../artifact/index.js";
import type { OutputRecord } from "../../engine/modules.js";
import { CannectorsError, ErrorCodes } from "../../errors/index.js";
import type { DeliveryRequest } from "./delivery-request.js";
import { stringifyJson, wrapAtPath } from "../../json/index.js";
import { idempotencyKey } from "./idempotency-key.js";
import { encodeForm } from "./form-encoding.js";
import { compileUrlTemplate } from "../../net/url-template.js";
import { compileRecordKey } from "./record-key.js";

/** Where a request goes: the URL, and the same URL for logs, errors and dry runs (see url-template.ts). */
export interface RequestTarget {
  url: string;
  maskedUrl: string;
}

/** A record checked against the spec: its URL filled and its idempotency key computed. */
export interface PreparedRecord {
  record: OutputRecord;
  target: RequestTarget;
  key: string | undefined;
}

export type Preparation = { ok: true; prepared: PreparedRecord } | { ok: false; reason: string };

export interface RequestBuilder {
  /** The target of every request when no record changes it (no placeholders, no idempotency key). */
  fixedTarget(): RequestTarget | undefined;
  prepare(record: OutputRecord): Preparation;
  /** One request for these records: one record in single mode, the whole group in batch mode. */
  build(records: readonly PreparedRecord[]): DeliveryRequest;
}

const CONTENT_TYPES = { json: "application/json", form: "application/x-www-form-urlencoded" } as const;

/** `mask` hides secrets in the URL's own text (base URL, query); record values placed in it stay exact. */
export function createRequestBuilder(
  spec: HttpOutput,
  connectorName: string,
  mask?: (text: string) => string,
): RequestBuilder {
  const template = compileUrlTemplate(spec, mask);
  const hasPlaceholders = template.placeholders.length > 0;
  if (spec.batch && hasPlaceholders) {
    throw new CannectorsError(
      ErrorCodes.CONFIG_INVALID,
      `output path ${spec.path} has {field} placeholders, which need single-record mode (remove output.batch)`,
      { details: { path: spec.path } },
    );
  }
  if (spec.batch && spec.encoding === "form") {
    throw new CannectorsError(
      ErrorCodes.CONFIG_INVALID,
      "output.encoding form sends one record per request (a form body is one record): remove output.batch",
      { details: { encoding: spec.encoding } },
    );
  }
  const recordKey = spec.idempotency ? compileRecordKey(spec.idempotency.key) : undefined;
  const idempotencyHeader = spec.idempotency?.header.toLowerCase();
  // Names are lower-cased so a header set twice with different case cannot be sent twice.
  const baseHeaders: Record<string, string> = { "content-type": CONTENT_TYPES[spec.encoding] };
  for (const [name, value] of Object.entries(spec.headers)) baseHeaders[name.toLowerCase()] = value;

  return {
    fixedTarget() {
      if (hasPlaceholders || recordKey) return undefined;
      const filled = template.fill(undefined);
      return filled.ok ? filled : undefined;
    },
    prepare(record) {
      const target = template.fill(record.value);
      if (!target.ok) return { ok: false, reason: target.reason };
      if (!recordKey) return { ok: true, prepared: { record, target, key: undefined } };
      const key = recordKey(record.value);
      if (!key.ok) return { ok: false, reason: key.reason };
      return { ok: true, prepared: { record, target, key: key.key } };
    },
    build(records) {
      const first = records[0];
      if (!first) throw new Error("a delivery request needs at least one record");
      const values = records.map((prepared) => prepared.record.value);
      const value = !spec.batch ? values[0] : spec.batch.wrap ? wrapAtPath(spec.batch.wrap, values) : values;
      // A form body is shown and sent as its encoded text: what the dry run prints is what goes out.
      const bodyText = spec.encoding === "form" ? encodeForm(value) : stringifyJson(value);
      const body = spec.encoding === "form" ? bodyText : value;
      const headers = { ...baseHeaders };
      if (idempotencyHeader) {
        headers[idempotencyHeader] = idempotencyKey(
          connectorName,
          records.map((prepared) => prepared.key ?? ""),
        );
      }
      return {
        records: records.map((prepared) => prepared.record),
        method: spec.method,
        url: first.target.url,
        maskedUrl: first.target.maskedUrl,
        headers,
        body,
        bodyText,
      };
    },
  };
}
