import { describe, expect, it } from "vitest";
import { groupRows, type PreparedRow, rowPreparer, rowValues } from "./rows.js";

const values = (row: PreparedRow) => rowValues("postgres", row);

describe("rowPreparer", () => {
  it("checks every new field name, also after rows whose names it already accepted", () => {
    const prepare = rowPreparer("postgres", undefined, ["id"]);
    expect(prepare({ seq: 0, value: { id: 1, name: "a" } })).toMatchObject({ key: "[1]" });
    expect(prepare({ seq: 1, value: { id: 2, "name; DROP TABLE x": "b" } })).toBe(
      'field "name; DROP TABLE x" is not a column name',
    );
    expect(prepare({ seq: 2, value: { id: 3, name: "c" } })).toMatchObject({ columns: ["id", "name"] });
    expect(prepare({ seq: 3, value: { name: "d" } })).toBe("key column id has no value");
    expect(prepare({ seq: 4, value: {} })).toBe("the record has no field to write");
  });

  it("gives rows with the same fields in the same order one columns list; other orders group apart", () => {
    const prepare = rowPreparer("postgres", undefined, ["id"]);
    const rows = [
      { id: 1, name: "a" },
      { id: 2, name: "b" },
      { name: "c", id: 3 },
      { id: 1, name: "a again" },
    ].map((value, seq) => {
      const prepared = prepare({ seq, value });
      if (typeof prepared === "string") throw new Error(prepared);
      return prepared;
    });
    expect(rows[1]!.columns).toBe(rows[0]!.columns);
    expect(rows[2]!.columns).toEqual(["name", "id"]);
    const groups = groupRows(rows, true);
    expect(groups.map((g) => g.rows.map(values))).toEqual([
      [
        [1, "a"],
        [2, "b"],
      ],
      [["c", 3]],
      [[1, "a again"]],
    ]);
  });

  it("keeps the last row of a key written twice in one group of an upsert", () => {
    const prepare = rowPreparer("postgres", ["id", "name"], ["id"]);
    const rows = [
      { id: 1, name: "first" },
      { id: 2, name: "b" },
      { id: 1, name: "last" },
    ].map((value, seq) => prepare({ seq, value }) as PreparedRow);
    const [group] = groupRows(rows, true);
    expect(group!.rows.map(values)).toEqual([
      [2, "b"],
      [1, "last"],
    ]);
    expect(group!.superseded.map(values)).toEqual([[1, "first"]]);
  });
});
