/**
 * Proleptic Gregorian calendar arithmetic on UTC time values, as ECMAScript's Date defines it,
 * in plain integer math (H. Hinnant's days_from_civil / civil_from_days): no Date methods, which
 * V8 runs in C++ and are the slow part of reading and printing dates. Exact over Date's range.
 */
export const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of year-month-day (month 1-12). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/**
 * The UTC fields of an integral time value, into `out`: year, month (1-12), day, hour, minute,
 * second, millisecond, the values of getUTCFullYear(), getUTCMonth() + 1 and so on.
 */
export function utcFields(time: number, out: number[]): void {
  let days = Math.floor(time / DAY_MS);
  let rest = time - days * DAY_MS;
  // The division rounds; the remainder is exact, and puts a day that rounded wrong right.
  if (rest < 0) {
    days--;
    rest += DAY_MS;
  } else if (rest >= DAY_MS) {
    days++;
    rest -= DAY_MS;
  }
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shifted = Math.floor((5 * dayOfYear + 2) / 153);
  const month = shifted < 10 ? shifted + 3 : shifted - 9;
  out[0] = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  out[1] = month;
  out[2] = dayOfYear - Math.floor((153 * shifted + 2) / 5) + 1;
  out[3] = Math.floor(rest / 3_600_000);
  out[4] = Math.floor(rest / 60_000) % 60;
  out[5] = Math.floor(rest / 1000) % 60;
  out[6] = rest % 1000;
}
