import { describe, expect, it } from "vitest";
import { dateParser, formatDate, parseDate } from "./dates.js";

describe('parseDate(text, "msjson"): Microsoft JSON dates (Xero, .NET)', () => {
  it.each([
    ["/Date(1546128000000+0000)/", "2018-12-30T00:00:00.000Z"],
    ["/Date(1546128000000)/", "2018-12-30T00:00:00.000Z"],
    // The offset says where the writer was; the milliseconds are already UTC.
    ["/Date(1550793549392+1300)/", "2019-02-21T23:59:09.392Z"],
    ["/Date(-86400000)/", "1969-12-31T00:00:00.000Z"],
  ])("%s is %s", (text, iso) => {
    expect(formatDate(parseDate(text, "msjson"), "iso")).toBe(iso);
    expect(formatDate(dateParser("msjson")(text), "iso")).toBe(iso);
  });

  it.each(["2018-12-30", "/Date(abc)/", "Date(1546128000000)", ""])(
    "refuses %j, naming the form it expects",
    (text) => {
      expect(() => parseDate(text, "msjson")).toThrow(/not a Microsoft JSON date/);
    },
  );
});
