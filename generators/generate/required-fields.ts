/**
 * Which target fields a record must have: `name` when the body requires it, `billing.address.city` when
 * billing, its address and the city are all required, but not `tax_id_data[].type`, which is required
 * only inside an optional array. Flattened fields know only their own step (`city` within `address`).
 */
import { type Schema, unionView } from "../openapi/index.js";
import type { FieldRecord } from "../suggest/index.js";
import type { TargetEndpoint } from "./endpoint-lists.js";

/** The schema the target's fields were flattened from (see `targetEndpoints`). */
function recordSchema(target: TargetEndpoint): Schema | undefined {
  const body = target.operation.requestBody;
  if (!body) return undefined;
  const root = unionView(body.schema);
  if (target.wrap !== undefined) {
    const wrapped = root.properties?.[target.wrap];
    return wrapped ? unionView(wrapped).items : undefined;
  }
  return target.arrayBody || (root.types.length === 1 && root.types[0] === "array") ? root.items : body.schema;
}

function requiredAlong(record: Schema, path: string): boolean {
  let schema = unionView(record);
  for (const segment of path.split(".")) {
    const name = segment.endsWith("[]") ? segment.slice(0, -2) : segment;
    const next = schema.properties?.[name];
    if (!schema.required.includes(name) || next === undefined) return false;
    const view = unionView(next);
    schema = segment.endsWith("[]") && view.items ? unionView(view.items) : view;
  }
  return true;
}

const cache = new WeakMap<TargetEndpoint, Set<string>>();

/** The target's fields every record must fill. */
export function mustFillOf(target: TargetEndpoint): (field: FieldRecord) => boolean {
  let paths = cache.get(target);
  if (!paths) {
    const record = recordSchema(target);
    const required = target.fields.filter((f) => f.required);
    paths = new Set(
      required.filter((f) => (record ? requiredAlong(record, f.path) : !f.path.includes("."))).map((f) => f.path),
    );
    cache.set(target, paths);
  }
  const must = paths;
  return (field) => must.has(field.path);
}

/**
 * Required arrays of objects (`order_item`): their element fields are not mapped one by one, so
 * each is one field of its own, left to a todo() rather than dropped from the map unseen.
 */
export function requiredObjectArrays(target: TargetEndpoint): FieldRecord[] {
  const record = recordSchema(target);
  if (!record) return [];
  const prefixes = new Set(
    target.fields.filter((f) => f.path.includes("[].")).map((f) => f.path.slice(0, f.path.indexOf("[].") + 2)),
  );
  return [...prefixes]
    .filter((prefix) => !prefix.slice(0, -2).includes("[]") && requiredAlong(record, prefix))
    .map((prefix) => ({ path: prefix.slice(0, -2), type: "array<object>", required: true }));
}
