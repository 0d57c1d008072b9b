import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { LAZY_REQUIRES } from "./lazy-requires.js";

describe("bundle-time lazy requires", () => {
  it.each(LAZY_REQUIRES)("$file still has the line the bundle edits", ({ file, line }) => {
    expect(readFileSync(file, "utf8")).toContain(line);
  });

  it.each(LAZY_REQUIRES)(
    "$file: the edited binding requires nothing until called, then what the line did",
    ({ lazy }) => {
      const required: string[] = [];
      const fakeRequire = (id: string) => {
        required.push(id);
        const fn = (...args: unknown[]) => `called with ${args.length}`;
        return Object.assign(fn, { spawn: fn });
      };
      const binding = new Function("require", `${lazy}; return ${/const (\w+)/.exec(lazy)![1]};`)(fakeRequire);
      expect(required).toEqual([]);
      const call = typeof binding === "function" ? binding(1, 2) : binding.spawn(1, 2);
      expect(call).toBe("called with 2");
      expect(required).toHaveLength(1);
    },
  );
});
