import * as z from "zod";

/** `500ms`, `30s`, `5m`, `1h`, or a whole number of milliseconds. */
export const Duration = z
  .union([
    z.number().int().nonnegative(),
    z.string().regex(/^\d+(ms|s|m|h)$/, "expected a duration such as 500ms, 30s, 5m or 1h"),
  ])
  .describe("A duration: `500ms`, `30s`, `5m`, `1h`, or a whole number of milliseconds.");
export type Duration = z.infer<typeof Duration>;

export function durationMs(value: Duration): number {
  if (typeof value === "number") return value;
  const match = /^(\d+)(ms|s|m|h)$/.exec(value);
  if (!match) throw new Error(`invalid duration ${value}`);
  const n = Number(match[1]);
  const unit = match[2];
  return unit === "ms" ? n : unit === "s" ? n * 1000 : unit === "m" ? n * 60_000 : n * 3_600_000;
}

/** A dotted path into a JSON value: `data`, `meta.next_cursor`, `items[0].id`. */
export const FieldPath = z
  .string()
  .min(1)
  .regex(/^[^.\s[\]]+(\[\d+\])*(\.[^.\s[\]]+(\[\d+\])*)*$/, "expected a dotted path such as data.items or meta.next")
  .describe("A dotted path into a JSON value, e.g. `data.items` or `meta.next_cursor`.");

/** A CEL expression; checked at validate time against the runtime's function library. */
export const Expression = z.string().min(1).describe("A CEL expression. `record` is the current record.");

/** A string that may hold `${env:NAME}` / `${secret:NAME}` references, resolved at run time. */
export const SecretString = z
  .string()
  .describe(
    "A string; may contain `${env:NAME}` (configuration, or a secret in a credential position) and `${secret:NAME}` (always a secret, masked in every output) references, resolved at run time.",
  );

/** What an absolute http(s) URL looks like, once its references are resolved. */
export const HTTP_URL = /^https?:\/\/[^\s/]+(\/[^\s]*)?$/;

/**
 * A URL, or any string holding a reference: the URL is checked once resolved, before any request.
 * One regex rather than a refinement, so the JSON Schema editors read keeps the pattern.
 */
export const HttpUrl = z
  .string()
  .regex(
    /^(https?:\/\/[^\s/]+(\/[^\s]*)?|.*\$\{(env|secret):[A-Za-z_][A-Za-z0-9_]*\}.*)$/,
    "expected an absolute http(s) URL",
  )
  .describe(
    "An absolute http or https URL; may be or contain `${env:NAME}`, checked as a URL once resolved, before any request.",
  );

/** A request path: starts with `/`, or with a reference whose value does (checked once resolved). */
export const RequestPath = z.string().regex(/^(\/|\$\{(env|secret):)/, "expected a path starting with /");

export const StringMap = z.record(z.string(), SecretString);
export const QueryMap = z.record(z.string(), z.union([SecretString, z.number(), z.boolean()]));

/** A path parameter's value: text (which may hold `${env:NAME}`) or a number. */
export const PathParamValue = z.union([SecretString.min(1), z.number()]);
