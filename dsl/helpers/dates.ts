import { formatDate, fromUnix, parseDate, toUnix } from "../../runtime/expr/library/dates.js";

/** A point in time, as the date helpers pass it around (a CEL timestamp once lowered). */
export type Timestamp = Date;

/**
 * Date helpers; formats use the runtime's tokens (`yyyy-MM-dd`, `iso`). Lowered to
 * `parseDate`, `formatDate`, `fromUnix` and `toUnix`.
 */
export const date = Object.freeze({
  parse(text: string, format: string): Timestamp {
    return parseDate(text, format);
  },
  format(value: Timestamp | string, format: string): string {
    return formatDate(value, format);
  },
  fromUnix(seconds: number): Timestamp {
    return fromUnix(seconds);
  },
  toUnix(value: Timestamp | string): number {
    return Number(toUnix(value));
  },
});
