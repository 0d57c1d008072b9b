import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { BUNDLE_EDITS, LAZY_REQUIRES } from "./lazy-requires.js";

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

  it.each(BUNDLE_EDITS)("$file still has the text the bundle edits", ({ file, line }) => {
    expect(readFileSync(file, "utf8")).toContain(line);
  });

  it("undici's own ClientDestroyedError is made without frames, and the stack trace limit is restored", () => {
    const [edit] = BUNDLE_EDITS;
    class ClientDestroyedError extends Error {}
    const limit = Error.stackTraceLimit;
    const made = new Function("ClientDestroyedError", `let err;\n${edit!.edited}}\nreturn err;`)(ClientDestroyedError);
    expect(made).toBeInstanceOf(ClientDestroyedError);
    expect((made as Error).stack).not.toContain("\n");
    expect(Error.stackTraceLimit).toBe(limit);
  });
});
