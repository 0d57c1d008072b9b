import { describe, expect, it } from "vitest";
import { getPath, numberAt } from "./path.js";

describe("getPath", () => {
  const body = { data: { items: [{ id: 1 }, { id: 2 }] }, meta: { next: null, "next-cursor": "c2" }, list: [[1, 2]] };
  const cases: Array<[string, unknown]> = [
    ["data.items", body.data.items],
    ["data.items[1].id", 2],
    ["list[0][1]", 2],
    ["meta.next", null],
    ["meta.next-cursor", "c2"],
    ["meta.missing", undefined],
    ["data.items.id", undefined],
    ["data.items[5]", undefined],
  ];
  it.each(cases)("%s", (path, want) => {
    expect(getPath(body, path)).toEqual(want);
  });

  it("returns undefined below scalars", () => {
    expect(getPath("text", "a")).toBeUndefined();
    expect(getPath(null, "a")).toBeUndefined();
  });
});

describe("numberAt", () => {
  it.each([
    [{ total: 12 }, 12],
    [{ total: "12" }, 12],
    [{ total: null }, undefined],
    [{ total: "" }, undefined],
    [{ total: "many" }, undefined],
    [{}, undefined],
  ])("%j → %s", (body, want) => {
    expect(numberAt(body, "total")).toBe(want);
  });
});
