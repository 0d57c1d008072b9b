/**
 * CRON → plain words ("every 6 hours", "at 02:00 every day", "every 15 minutes on weekdays").
 * Only the shapes people actually write are put in words; anything else returns undefined and the
 * caller shows the expression itself, which is never wrong.
 */
const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const DAY_NAMES = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];
const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];
const MONTH_NAMES = MONTHS.map((m) => m.slice(0, 3).toLowerCase());

const pad = (n: number) => String(n).padStart(2, "0");

function numbers(field: string, names: readonly string[] = [], base = 0): number[] | undefined {
  const out: number[] = [];
  for (const part of field.toLowerCase().split(",")) {
    const range = /^(\w+)(?:-(\w+))?$/.exec(part);
    if (!range) return undefined;
    const from = value(range[1]!, names, base);
    const to = range[2] === undefined ? from : value(range[2], names, base);
    if (from === undefined || to === undefined || to < from) return undefined;
    for (let n = from; n <= to; n++) out.push(n);
  }
  return [...new Set(out)].sort((a, b) => a - b);
}

function value(text: string, names: readonly string[], base: number): number | undefined {
  if (/^\d+$/.test(text)) return Number(text);
  const index = names.indexOf(text);
  return index < 0 ? undefined : index + base;
}

function list(items: string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}

const step = (field: string) => /^(?:\*|0)\/(\d+)$/.exec(field)?.[1];
const every = (n: string, unit: string) => (n === "1" ? `every ${unit}` : `every ${n} ${unit}s`);

/** The time of day part; `daily` tells whether "every day" must follow. */
function timeWords(minute: string, hour: string): { text: string; daily: boolean } | undefined {
  const minuteStep = step(minute);
  if (hour === "*" && minute === "*") return { text: "every minute", daily: false };
  if (hour === "*" && minuteStep) return { text: every(minuteStep, "minute"), daily: false };
  const minutes = numbers(minute);
  if (!minutes) return undefined;
  const at =
    minutes.length === 1 && minutes[0] === 0
      ? ""
      : ` at minute${minutes.length > 1 ? "s" : ""} ${list(minutes.map(String))}`;
  if (hour === "*") return { text: `every hour${at}`, daily: false };
  const hourStep = step(hour);
  if (hourStep) return { text: `${every(hourStep, "hour")}${at}`, daily: false };
  const hours = numbers(hour);
  if (!hours || hours.some((h) => h > 23) || minutes.some((m) => m > 59)) return undefined;
  const times = hours.flatMap((h) => minutes.map((m) => `${pad(h)}:${pad(m)}`));
  if (times.length > 6) return undefined;
  return { text: `at ${list(times)}`, daily: true };
}

function weekdayWords(field: string): string | undefined {
  const days = numbers(field, DAY_NAMES)?.map((d) => (d === 7 ? 0 : d));
  if (!days) return undefined;
  const set = [...new Set(days)].sort((a, b) => a - b);
  const key = set.join(",");
  if (key === "1,2,3,4,5") return "on weekdays";
  if (key === "0,6") return "on weekends";
  if (set.some((d) => d > 6)) return undefined;
  return `on ${list(set.map((d) => `${DAYS[d]}s`))}`;
}

function calendarWords(dayOfMonth: string, month: string, dayOfWeek: string): string | undefined {
  const dom = dayOfMonth === "?" ? "*" : dayOfMonth;
  const dow = dayOfWeek === "?" ? "*" : dayOfWeek;
  if (dom !== "*" && dow !== "*") return undefined;
  const parts: string[] = [];
  if (dow !== "*") {
    const days = weekdayWords(dow);
    if (!days) return undefined;
    parts.push(days);
  }
  if (dom !== "*") {
    const days = numbers(dom);
    if (!days || days.some((d) => d < 1 || d > 31)) return undefined;
    parts.push(`on day${days.length > 1 ? "s" : ""} ${list(days.map(String))} of the month`);
  }
  if (month !== "*") {
    const months = numbers(month, MONTH_NAMES, 1);
    if (!months || months.some((m) => m < 1 || m > 12)) return undefined;
    parts.push(`in ${list(months.map((m) => MONTHS[m - 1]!))}`);
  }
  return parts.join(" ");
}

/** Plain words for a 5-field (or 6-field, seconds first) CRON expression, or undefined. */
export function cronWords(expression: string): string | undefined {
  let fields = expression.trim().split(/\s+/);
  if (fields.length === 6) {
    if (fields[0] !== "0") return undefined;
    fields = fields.slice(1);
  }
  if (fields.length !== 5) return undefined;
  const [minute, hour, dayOfMonth, month, dayOfWeek] = fields as [string, string, string, string, string];
  const time = timeWords(minute, hour);
  const calendar = calendarWords(dayOfMonth, month, dayOfWeek);
  if (!time || calendar === undefined) return undefined;
  if (calendar === "") return time.daily ? `${time.text} every day` : time.text;
  return `${time.text} ${calendar}`;
}
