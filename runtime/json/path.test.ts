import { describe, expect, it } from "vitest";
import { compilePathReader, compilePathWriter, getPath, numberAt, parsePath } from "./path.js";

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

  it.each([...cases, ["constructor", undefined], ["meta.__proto__", undefined], ["data", body.data]] as const)(
    "compiled %s reads as getPath",
    (path, want) => {
      expect(compilePathReader(parsePath(path))(body)).toEqual(want);
    },
  );

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

describe("compilePathWriter", () => {
  it.each([
    { segments: ["a"], want: { a: 1 } },
    { segments: ["a", "b"], want: { a: { b: 1 } } },
    { segments: ["x", "y", "z"], want: { x: { y: { z: 1 } } } },
  ])("writes $segments", ({ segments, want }) => {
    const out = {};
    compilePathWriter(segments)(out, 1);
    expect(out).toEqual(want);
  });

  it("writes __proto__ as an own field, never as the prototype", () => {
    const out: Record<string, unknown> = {};
    compilePathWriter(["__proto__"])(out, { polluted: true });
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.keys(out)).toEqual(["__proto__"]);
  });
});
