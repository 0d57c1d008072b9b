import { describe, expect, it } from "vitest";
import { compilePartition, templateProblems } from "./partition.js";

describe("partition template", () => {
  it.each([
    ["region={region}/dt={created:date}", []],
    [
      "/abs/{region}",
      [
        "the partition is relative to the location: no leading /",
        "an empty segment (//, or a trailing /) in the partition",
      ],
    ],
    ["a/../{region}", ["a .. segment in the partition"]],
    ["a//{region}", ["an empty segment (//, or a trailing /) in the partition"]],
    ["a\\{region}", ["no backslash in a partition"]],
    ["{region:week}", ["{region:week}: the format is one of date, month, hour"]],
    ["{}", ["an empty {} placeholder in the partition"]],
    ["a}{b", ["an unmatched { or } in the partition"]],
  ])("%s → %j", (template, problems) => {
    expect(templateProblems(template)).toEqual(problems);
  });

  const folder = compilePartition("region={region}/dt={created:date}/h={created:hour}");

  it("fills each placeholder with one segment", () => {
    expect(folder({ region: "eu", created: "2025-03-04T05:06:07Z" })).toEqual({
      ok: true,
      folder: "region=eu/dt=2025-03-04/h=2025-03-04T05",
    });
    expect(folder({ region: 7, created: 1_700_000_000 })).toEqual({
      ok: true,
      folder: "region=7/dt=2023-11-14/h=2023-11-14T22",
    });
  });

  it.each([
    [
      { region: "../../etc", created: "2025-01-01" },
      'partition {region}: "../../etc" holds a separator or a control character',
    ],
    [{ region: "..", created: "2025-01-01" }, 'partition {region}: ".." is not a path segment'],
    [
      { region: "a\\b", created: "2025-01-01" },
      'partition {region}: "a\\\\b" holds a separator or a control character',
    ],
    [
      { region: "a\u0000", created: "2025-01-01" },
      'partition {region}: "a\\u0000" holds a separator or a control character',
    ],
    [{ region: "", created: "2025-01-01" }, 'partition {region}: "" is not a path segment'],
    [{ region: { x: 1 }, created: "2025-01-01" }, "partition {region}: an object or a list is not a path segment"],
    [{ created: "2025-01-01" }, "partition {region}: the record has no value"],
    [
      { region: "eu", created: "yesterday" },
      'partition {created}: "yesterday" is not a timestamp (ISO 8601 or epoch seconds)',
    ],
  ])("refuses %j", (record, reason) => {
    expect(folder(record)).toEqual({ ok: false, reason });
  });
});
