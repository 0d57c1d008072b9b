import type { JsonType, Schema } from "./schema.js";

const MAX_DEPTH = 4;

/**
 * A `oneOf`/`anyOf` schema seen as one object: the union of every alternative's properties, none of
 * them required. What a flat field list needs; the alternatives themselves stay on `alternatives`.
 */
export function unionView(schema: Schema, depth = 0): Schema {
  if (schema.alternatives === undefined || schema.alternatives.options.length === 0) return schema;
  // alternatives of alternatives can loop back (A: oneOf [B], B: oneOf [A]); a few levels are plenty
  const options = schema.alternatives.options.map((o) => (depth >= MAX_DEPTH ? o : unionView(o, depth + 1)));
  // Later alternatives win a shared name, and a property that only some alternatives have cannot be
  // relied on: only the schema's own `required` stays.
  const properties: Record<string, Schema> = {};
  for (const option of options) Object.assign(properties, option.properties);
  Object.assign(properties, schema.properties);
  const types: JsonType[] =
    schema.types.length > 0 ? schema.types : [...new Set(options.flatMap((o) => (o.types.length > 0 ? o.types : [])))];
  const view: Schema = {
    ...schema,
    types,
    nullable: schema.nullable || options.some((o) => o.nullable),
    required: schema.required,
  };
  if (Object.keys(properties).length > 0) view.properties = properties;
  view.items ??= options.find((o) => o.items !== undefined)?.items;
  if (view.items === undefined) delete view.items;
  const formats = new Set(options.map((o) => o.format));
  if (view.format === undefined && formats.size === 1 && options[0]?.format !== undefined)
    view.format = options[0].format;
  return view;
}
