import { describe, expect, it } from "vitest";
import { cronWords } from "./cron-words.js";

const CASES: [string, string | undefined][] = [
  ["* * * * *", "every minute"],
  ["*/15 * * * *", "every 15 minutes"],
  ["*/1 * * * *", "every minute"],
  ["0 * * * *", "every hour"],
  ["30 * * * *", "every hour at minute 30"],
  ["0,30 * * * *", "every hour at minutes 0 and 30"],
  ["0 */6 * * *", "every 6 hours"],
  ["15 */2 * * *", "every 2 hours at minute 15"],
  ["0 2 * * *", "at 02:00 every day"],
  ["30 9,17 * * *", "at 09:30 and 17:30 every day"],
  ["*/15 * * * 1-5", "every 15 minutes on weekdays"],
  ["0 8 * * MON-FRI", "at 08:00 on weekdays"],
  ["0 10 * * 0,6", "at 10:00 on weekends"],
  ["0 10 * * 6,7", "at 10:00 on weekends"],
  ["0 7 * * 1", "at 07:00 on Mondays"],
  ["0 7 * * 1,3", "at 07:00 on Mondays and Wednesdays"],
  ["0 3 1 * *", "at 03:00 on day 1 of the month"],
  ["0 3 1 1 *", "at 03:00 on day 1 of the month in January"],
  ["0 0 6 * * *", "at 06:00 every day"],
  ["0 0 12 * * ?", "at 12:00 every day"],
  // Not put in words: the caller shows the expression.
  ["*/10 * * * * *", undefined],
  ["0 3 1 * 1", undefined],
  ["0 9-17/2 * * *", undefined],
  ["L * * * *", undefined],
  ["* *", undefined],
];

describe("cronWords", () => {
  it.each(CASES)("%s → %s", (expression, words) => {
    expect(cronWords(expression)).toBe(words);
  });
});
