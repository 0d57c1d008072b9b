import type { Operation, Response } from "./model.js";
import { preferredContent } from "./read-operations.js";
import type { Schema } from "./schema.js";
import { unionView } from "./union-view.js";

/** Where a list operation's records are: the artifact's `records` selector and the record schema. */
export interface RecordsLocation {
  /** Dotted path to the array in the response body (`data`, `result.items`); `""` when the body is the array. */
  selector: string;
  /** The schema of one record (the array's items). */
  schema: Schema;
  status: string;
  contentType: string;
}

/** Wrapper names that mean "the records" in list responses, most telling first. */
const RECORD_KEYS = [
  "data",
  "items",
  "results",
  "records",
  "entries",
  "values",
  "elements",
  "rows",
  "list",
  "content",
  "objects",
  "hits",
  "nodes",
];

/**
 * For a list operation: the array of objects in its success JSON response and the selector path to it,
 * or undefined when the operation returns no such array.
 */
export function recordsOf(operation: Operation): RecordsLocation | undefined {
  const resource = lastLiteralSegment(operation.path);
  for (const response of successResponses(operation.responses)) {
    if (response.schema === undefined || response.contentType === undefined) continue;
    const found = findRecords(response.schema, resource, 0, new Set());
    if (found) return { ...found, status: response.status, contentType: response.contentType };
  }
  return undefined;
}

function successResponses(responses: Response[]): Response[] {
  const success = responses.filter((r) => /^2(\d\d|XX)$/i.test(r.status));
  const byStatus = [...success].sort((a, b) => a.status.localeCompare(b.status));
  const chosen: Response[] = [];
  for (const status of new Set(byStatus.map((r) => r.status))) {
    const forStatus = byStatus.filter((r) => r.status === status);
    const type = preferredContent(forStatus.flatMap((r) => (r.contentType ? [r.contentType] : [])));
    const response = forStatus.find((r) => r.contentType === type);
    if (response && type && readsAsJson(type)) chosen.push(response);
  }
  return chosen;
}

/**
 * JSON and JSON-ish types (`application/vnd.api+json`), and the wildcards some specs declare for a
 * JSON body (`*\/*`, `application/*`: SalesLoft): the schema is what the body holds, and the runtime
 * reads the body by the Content-Type the server actually sends.
 */
function readsAsJson(type: string): boolean {
  const base = (type.split(";")[0] ?? type).trim().toLowerCase();
  return /json/.test(base) || base === "*/*" || base === "application/*";
}

function findRecords(
  raw: Schema,
  resource: string | undefined,
  depth: number,
  seen: Set<Schema>,
): { selector: string; schema: Schema } | undefined {
  if (seen.has(raw)) return undefined;
  seen.add(raw);
  const schema = unionView(raw);
  if (isArrayOfObjects(schema) && schema.items) return { selector: "", schema: schema.items };
  if (depth >= 2 || schema.properties === undefined) return undefined;
  const names = Object.keys(schema.properties);
  const rank = (name: string) => {
    const known = RECORD_KEYS.indexOf(name.toLowerCase());
    if (known >= 0) return known;
    return resource !== undefined && name.toLowerCase() === resource ? -1 : RECORD_KEYS.length;
  };
  const arrays = names.filter((n) => {
    const p = schema.properties?.[n];
    return p !== undefined && isArrayOfObjects(unionView(p));
  });
  const best = [...arrays].sort((a, b) => rank(a) - rank(b))[0];
  const bestSchema = best === undefined ? undefined : unionView(schema.properties[best] as Schema).items;
  if (best !== undefined && bestSchema) return { selector: best, schema: bestSchema };
  // one wrapper deeper: `{ data: { items: [...] } }`, `{ _embedded: { customers: [...] } }`
  for (const name of [...names].sort((a, b) => rank(a) - rank(b))) {
    const child = schema.properties[name];
    if (child === undefined) continue;
    const inner = findRecords(child, resource, depth + 1, seen);
    if (inner && inner.selector !== "") return { selector: `${name}.${inner.selector}`, schema: inner.schema };
  }
  return undefined;
}

function isArrayOfObjects(schema: Schema): boolean {
  if (!(schema.types.length === 1 && schema.types[0] === "array") || schema.items === undefined) return false;
  const item = unionView(schema.items);
  return item.types.includes("object") || item.properties !== undefined;
}

/** `/v2/customers` → `customers`; `/users/{id}/orders` → `orders`. */
function lastLiteralSegment(path: string): string | undefined {
  const literal = path.split("/").filter((s) => s !== "" && !s.startsWith("{"));
  return literal
    .at(-1)
    ?.toLowerCase()
    .replace(/\.json$/, "");
}
