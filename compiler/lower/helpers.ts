/** A typed helper of the DSL and the library function it lowers to. */
export interface HelperSpec {
  readonly cel: string;
  readonly min: number;
  readonly max: number;
}

/** Keyed by the helper's exported name (`date.parse` for members of the `date` namespace object). */
export const HELPERS: ReadonlyMap<string, HelperSpec> = new Map([
  ["cents", { cel: "toCents", min: 1, max: 1 }],
  ["fromCents", { cel: "fromCents", min: 1, max: 1 }],
  ["date.parse", { cel: "parseDate", min: 2, max: 2 }],
  ["date.format", { cel: "formatDate", min: 2, max: 2 }],
  ["date.fromUnix", { cel: "fromUnix", min: 1, max: 1 }],
  ["date.toUnix", { cel: "toUnix", min: 1, max: 1 }],
  ["lookup", { cel: "lookup", min: 2, max: 3 }],
  ["coalesce", { cel: "coalesce", min: 2, max: Number.POSITIVE_INFINITY }],
  ["round", { cel: "round", min: 2, max: 2 }],
  ["parseNumber", { cel: "parseNumber", min: 1, max: 1 }],
  ["parseInteger", { cel: "parseInt", min: 1, max: 1 }],
  ["regexMatch", { cel: "regexMatch", min: 2, max: 2 }],
  ["concat", { cel: "concat", min: 1, max: Number.POSITIVE_INFINITY }],
  ["join", { cel: "join", min: 2, max: 2 }],
  ["split", { cel: "split", min: 2, max: 2 }],
]);

/** Variadic in the DSL, 2 to 8 arguments in the library: nested when longer. */
export const VARIADIC = new Set(["coalesce", "concat"]);

export const HELPER_NAMES = [...HELPERS.keys(), "cel"].join(", ");
