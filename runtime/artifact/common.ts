import { z } from "zod";

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

/** A string that may hold `${env:NAME}` secret references, resolved at run time and masked everywhere. */
export const SecretString = z
  .string()
  .describe("A string; may contain `${env:NAME}` references, resolved at run time and masked in every output.");

export const HttpUrl = z
  .string()
  .regex(/^https?:\/\/[^\s/]+(\/[^\s]*)?$/, "expected an absolute http(s) URL")
  .describe("An absolute http or https URL.");

export const StringMap = z.record(z.string(), SecretString);
export const QueryMap = z.record(z.string(), z.union([SecretString, z.number(), z.boolean()]));
