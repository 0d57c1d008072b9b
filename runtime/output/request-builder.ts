import type { HttpOutput } from "../artifact/index.js";
import type { OutputRecord } from "../engine/modules.js";
import { CannectorsError, ErrorCodes } from "../errors/index.js";
import type { DeliveryRequest } from "./delivery-request.js";
import { wrapAtPath } from "../json/path.js";
import { idempotencyKey } from "./idempotency-key.js";
import { encodeForm } from "./form-encoding.js";
import { compilePathTemplate } from "./path-template.js";
import { compileRecordKey } from "./record-key.js";
import { buildUrl } from "./url.js";

/** A record checked against the spec: its path filled and its idempotency key computed. */
export interface PreparedRecord {
  record: OutputRecord;
  path: string;
  key: string | undefined;
}

export type Preparation = { ok: true; prepared: PreparedRecord } | { ok: false; reason: string };

export interface RequestBuilder {
  /** The path of every request when no record changes it (no placeholders, no idempotency key). */
  readonly fixedPath: string | undefined;
  prepare(record: OutputRecord): Preparation;
  /** One request for these records: one record in single mode, the whole group in batch mode. */
  build(records: readonly PreparedRecord[]): DeliveryRequest;
}

const CONTENT_TYPES = { json: "application/json", form: "application/x-www-form-urlencoded" } as const;

export function createRequestBuilder(spec: HttpOutput, connectorName: string): RequestBuilder {
  const template = compilePathTemplate(spec.path);
  if (spec.batch && template.hasPlaceholders) {
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
    fixedPath: template.hasPlaceholders || recordKey ? undefined : spec.path,
    prepare(record) {
      const filled = template.fill(record.value);
      if (!filled.ok) return { ok: false, reason: filled.reason };
      if (!recordKey) return { ok: true, prepared: { record, path: filled.path, key: undefined } };
      const key = recordKey(record.value);
      if (!key.ok) return { ok: false, reason: key.reason };
      return { ok: true, prepared: { record, path: filled.path, key: key.key } };
    },
    build(records) {
      const first = records[0];
      if (!first) throw new Error("a delivery request needs at least one record");
      const values = records.map((prepared) => prepared.record.value);
      const value = !spec.batch ? values[0] : spec.batch.wrap ? wrapAtPath(spec.batch.wrap, values) : values;
      // A form body is shown and sent as its encoded text: what the dry run prints is what goes out.
      const bodyText = spec.encoding === "form" ? encodeForm(value) : JSON.stringify(value);
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
        url: buildUrl(spec.baseUrl, first.path, spec.query),
        headers,
        body,
        bodyText,
      };
    },
  };
}
