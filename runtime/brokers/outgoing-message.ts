import { createHash } from "node:crypto";
import type { JsonRecord } from "../engine/modules.js";
import { describeError } from "../errors/index.js";
import { compileExpression } from "../expr/index.js";
import { getPath } from "../json/path.js";
import { stringifyJson } from "../json/index.js";

/** One record as a broker message: its exact JSON body and what the output's config takes from it. */
export interface OutgoingMessage {
  body: Buffer;
  /** Routing key, subject, topic or stream: the output's `to` template filled from the record. */
  destination: string;
  headers: Record<string, string>;
  key: string | undefined;
  idempotencyKey: string | undefined;
}

export interface OutgoingSpec {
  headers: Record<string, string>;
  key?: string | undefined;
  idempotency?: { header: string; key: string } | undefined;
}

const PLACEHOLDER = /\{([^{}]+)\}/g;

/**
 * Fills `{field.path}` placeholders; throws naming the field when the record has no usable value,
 * or when `check` refuses the value (an MQTT topic level, say).
 */
export function fillTemplate(
  template: string,
  record: JsonRecord,
  check?: (value: string) => string | undefined,
): string {
  return template.replace(PLACEHOLDER, (_, path: string) => {
    const value = getPath(record, path.trim());
    if (value === undefined || value === null || typeof value === "object") {
      throw new Error(`\`{${path}}\` has no text value in the record`);
    }
    const refused = check?.(String(value));
    if (refused) throw new Error(`\`{${path}}\` ${refused}`);
    return String(value);
  });
}

/**
 * Compiles the config once; the returned function turns a record into its message, or throws why
 * it cannot (the output dead-letters that record). The idempotency key is the HTTP output's scheme:
 * sha256 over the connector name and the record's key, so a redelivered record carries the same key.
 */
export function outgoingMessages(
  connector: string,
  destination: string,
  spec: OutgoingSpec,
  fillDestination: (template: string, record: JsonRecord) => string = fillTemplate,
): (record: JsonRecord) => OutgoingMessage {
  const keyOf = spec.idempotency ? compileExpression(spec.idempotency.key, ["record"]) : undefined;
  return (record) => {
    const headers: Record<string, string> = {};
    for (const [name, template] of Object.entries(spec.headers)) headers[name] = fillTemplate(template, record);
    let idempotencyKey: string | undefined;
    if (keyOf && spec.idempotency) {
      let value: unknown;
      try {
        value = keyOf({ record });
      } catch (error) {
        throw new Error(`idempotency key: ${describeError(error)}`);
      }
      if (value === undefined || value === null || value === "") throw new Error("idempotency key: no value");
      const text = typeof value === "object" ? stringifyJson(value) : String(value);
      idempotencyKey = createHash("sha256")
        .update(JSON.stringify([connector, text]), "utf8")
        .digest("hex")
        .slice(0, 32);
      headers[spec.idempotency.header] = idempotencyKey;
    }
    return {
      body: Buffer.from(stringifyJson(record), "utf8"),
      destination: fillDestination(destination, record),
      headers,
      key: spec.key === undefined ? undefined : fillTemplate(spec.key, record),
      idempotencyKey,
    };
  };
}
