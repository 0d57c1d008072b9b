/**
 * Retry-After (RFC 9110 §10.2.3): delay-seconds or an HTTP-date, as milliseconds from `nowMs`.
 * Undefined when absent or not one of those forms — then the backoff alone decides — and 0 for a
 * date in the past. Dates are read strictly, in GMT as the RFC requires: `Date.parse` would take
 * an asctime date as local time (hours off) and read "1.5" or "-5" as dates.
 */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = parseHttpDate(text, nowMs);
  return at === undefined ? undefined : Math.max(0, at - nowMs);
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const DAY = "(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)";
const LONG_DAY = "(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)";
const MONTH = `(${MONTHS.join("|")})`;
const TIME = "(\\d{2}):(\\d{2}):(\\d{2})";
/** IMF-fixdate `Sun, 06 Nov 1994 08:49:37 GMT`, RFC 850 `Sunday, 06-Nov-94 08:49:37 GMT`, asctime `Sun Nov  6 08:49:37 1994`. */
const IMF_FIXDATE = new RegExp(`^${DAY}, (\\d{2}) ${MONTH} (\\d{4}) ${TIME} GMT$`);
const RFC_850 = new RegExp(`^${LONG_DAY}, (\\d{2})-${MONTH}-(\\d{2}) ${TIME} GMT$`);
const ASCTIME = new RegExp(`^${DAY} ${MONTH} ([ \\d]\\d) ${TIME} (\\d{4})$`);

function parseHttpDate(text: string, nowMs: number): number | undefined {
  let match = IMF_FIXDATE.exec(text);
  if (match) return utc(match[3], match[2], match[1], match.slice(4));
  match = RFC_850.exec(text);
  if (match) {
    // RFC 9110: a two-digit year more than 50 years in the future is in the past century.
    const yy = Number(match[3]);
    const thisYear = new Date(nowMs).getUTCFullYear();
    let year = Math.floor(thisYear / 100) * 100 + yy;
    if (year > thisYear + 50) year -= 100;
    return utc(String(year), match[2], match[1], match.slice(4));
  }
  match = ASCTIME.exec(text);
  if (match) return utc(match[6], match[1], match[2], match.slice(3, 6));
  return undefined;
}

function utc(
  year: string | undefined,
  month: string | undefined,
  day: string | undefined,
  time: (string | undefined)[],
): number | undefined {
  const [d, h, m, s] = [day, ...time].map((part) => Number(part?.trim()));
  const monthIndex = MONTHS.indexOf(month ?? "");
  const at = Date.UTC(Number(year), monthIndex, d, h, m, s);
  // Date.UTC rolls 31 Feb over into March: a date that does not round-trip is not a date.
  const back = new Date(at);
  if (back.getUTCDate() !== d || back.getUTCMonth() !== monthIndex || h! > 23 || m! > 59 || s! > 60) return undefined;
  return at;
}
