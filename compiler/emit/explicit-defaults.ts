/**
 * Fields the canonical form always states, even where the schema has a default: the HTTP
 * methods and what a condition does on each branch. A reviewer reads them without knowing the
 * defaults, and an artifact that leaves them out has the same canonical bytes as one that
 * spells them out (so `build(import(x))` equals the canonical form of `x`).
 */
type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === "object" && value !== null && !Array.isArray(value);

function withFilters(filters: unknown): unknown {
  if (!Array.isArray(filters)) return filters;
  return filters.map((filter) => {
    if (!isObject(filter) || filter.type !== "condition") return filter;
    return {
      ...filter,
      // biome-ignore lint/suspicious/noThenProperty: the artifact's own key; never a function
      then: Array.isArray(filter.then) ? withFilters(filter.then) : (filter.then ?? "keep"),
      else: Array.isArray(filter.else) ? withFilters(filter.else) : (filter.else ?? "drop"),
    };
  });
}

export function withExplicitDefaults(artifact: object): object {
  const out: Json = { ...(artifact as Json) };
  // Only HTTP modules have a method: webhooks list theirs; brokers, SQL, routes, fanout and fallback have none
  // (the HTTP outputs a routes, fanout or fallback holds are written as lowered).
  const isHttp = (module: Json) => module.type === undefined || module.type === "http";
  if (isObject(out.input) && isHttp(out.input)) out.input = { ...out.input, method: out.input.method ?? "GET" };
  if (isObject(out.output) && isHttp(out.output)) out.output = { ...out.output, method: out.output.method ?? "POST" };
  if (out.filters !== undefined) out.filters = withFilters(out.filters);
  return out;
}
