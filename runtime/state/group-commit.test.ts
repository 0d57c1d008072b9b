import { describe, expect, it } from "vitest";
import { groupCommit } from "./group-commit.js";

describe("groupCommit", () => {
  it("commits the items of one event-loop turn in one call, each resolving with its own result", async () => {
    const calls: number[][] = [];
    const group = groupCommit((items: readonly number[]) => {
      calls.push([...items]);
      return items.map((item) => item * 10);
    });
    const first = await Promise.all([1, 2, 3].map((item) => group.submit(item)));
    const second = await group.submit(4);
    expect(first).toEqual([10, 20, 30]);
    expect(second).toBe(40);
    expect(calls).toEqual([[1, 2, 3], [4]]);
  });

  it("settles no promise before the commit has returned", async () => {
    let committed = false;
    const group = groupCommit((items: readonly string[]) => {
      committed = true;
      return items.map(() => "ok");
    });
    const pending = group.submit("a").then(() => committed);
    expect(committed).toBe(false);
    expect(await pending).toBe(true);
  });

  it("when a group fails, retries each item alone: only the one that cannot be written is rejected", async () => {
    const calls: string[][] = [];
    const group = groupCommit((items: readonly string[]) => {
      calls.push([...items]);
      if (items.includes("bad")) throw new Error("constraint failed");
      return items.map((item) => item.toUpperCase());
    });
    const outcomes = await Promise.allSettled(["a", "bad", "c"].map((item) => group.submit(item)));
    expect(outcomes.map((o) => (o.status === "fulfilled" ? o.value : (o.reason as Error).message))).toEqual([
      "A",
      "constraint failed",
      "C",
    ]);
    expect(calls).toEqual([["a", "bad", "c"], ["a"], ["bad"], ["c"]]);
  });

  it("flush commits what waits now, synchronously", async () => {
    const calls: number[][] = [];
    const group = groupCommit((items: readonly number[]) => {
      calls.push([...items]);
      return [...items];
    });
    const pending = group.submit(7);
    group.flush();
    expect(calls).toEqual([[7]]);
    expect(await pending).toBe(7);
    await new Promise((resolve) => setImmediate(resolve));
    expect(calls).toHaveLength(1);
  });
});
