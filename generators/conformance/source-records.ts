import type { HttpInput } from "../../runtime/artifact/index.js";
import { findOperation, recordSchema, responseSchema } from "../../runtime/contract/operation.js";
import type { SchemaNode, Spec } from "../../runtime/contract/spec.js";
import { CannectorsError, ErrorCodes } from "../../runtime/errors/index.js";
import { type JsonRecord, parsePath, writePath } from "../../runtime/json/index.js";
import { seededRandom } from "../../runtime/net/seeded-random.js";
import { sampleValue } from "./sample-values.js";

export interface SourceShape {
  operation: string;
  response: SchemaNode;
  record: SchemaNode;
}

/** The list operation the input calls and the schemas of its page and of one record. */
export function sourceShapeOf(spec: Spec, input: HttpInput): SourceShape {
  const operation = `${input.method} ${input.path}`;
  const response = responseSchema(spec, findOperation(spec, operation));
  const record = response && recordSchema(spec, response, input.records);
  if (!response || !record)
    throw new CannectorsError(
      ErrorCodes.CONTRACT,
      `${spec.file}: ${operation} has no JSON 2xx response with a list of records at ${input.records ?? "(the body)"}`,
    );
  return { operation, response, record };
}

const INCREMENTAL_BASE = Date.parse("2024-01-01T00:00:00Z");

/**
 * `count` records valid against the record schema, the same for a seed. With incremental sync the
 * cursor field strictly increases (a minute apart, or 1, 2, 3 for a number), as the input requires.
 */
export function sourceRecords(
  spec: Spec,
  input: HttpInput,
  shape: SourceShape,
  count: number,
  seed: number,
): JsonRecord[] {
  const random = seededRandom(seed);
  const incremental = input.incremental;
  const cursorSchema = incremental && fieldSchema(spec, shape.record, incremental.cursorField);
  const numeric = cursorSchema?.type === "integer" || cursorSchema?.type === "number";
  const start = Number(incremental?.initialValue ?? 0);
  const base = Date.parse(incremental?.initialValue ?? "") || INCREMENTAL_BASE;
  return Array.from({ length: count }, (_, i) => {
    const record = sampleValue(spec, shape.record, { random, index: i + 1 }, "record") as JsonRecord;
    if (incremental) {
      const value = numeric ? (Number.isFinite(start) ? start : 0) + i + 1 : isoSeconds(base + (i + 1) * 60_000);
      writePath(record, parsePath(incremental.cursorField) as string[], value);
    }
    return record;
  });
}

/** The records after `after` in cursor order, as the input's `param` asks ("strictly greater"). */
export function recordsAfter(records: JsonRecord[], input: HttpInput, after: string | null): JsonRecord[] {
  if (!input.incremental || after === null) return records;
  const path = parsePath(input.incremental.cursorField);
  const key = (record: JsonRecord) => path.reduce<unknown>((node, part) => (node as JsonRecord)?.[part], record);
  return records.filter((record) => {
    const value = key(record);
    return typeof value === "number" ? value > Number(after) : String(value) > after;
  });
}

function fieldSchema(spec: Spec, record: SchemaNode, dotted: string): SchemaNode | undefined {
  let node: SchemaNode | undefined = record;
  for (const part of dotted.split(".")) node = spec.deref(spec.deref(node?.properties)?.[part]);
  return node;
}

function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(".000Z", "Z");
}
