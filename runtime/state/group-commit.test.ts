import { describe, expect, it } from "vitest";
import { groupCommit } from "./group-commit.js";

const turn = () => new Promise((resolve) => setImmediate(resolve));

describe("groupCommit", () => {
  it("commits the items of one event-loop turn in one call, each resolving with its own result", async () => {
    const calls: number[][] = [];
    const group = groupCommit({
      commitAll: (items: readonly number[]) => {
        calls.push([...items]);
        return items.map((item) => item * 10);
      },
    });
    const first = await Promise.all([1, 2, 3].map((item) => group.submit(item)));
    const second = await group.submit(4);
    expect(first).toEqual([10, 20, 30]);
    expect(second).toBe(40);
    expect(calls).toEqual([[1, 2, 3], [4]]);
  });

  it("while a group is being made durable, later items wait and form the next group; none settles before its sync", async () => {
    const calls: string[][] = [];
    const syncs: (() => void)[] = [];
    const group = groupCommit({
      commitAll: (items: readonly string[]) => {
        calls.push([...items]);
        return items.map(() => "ok");
      },
      durable: () => new Promise<void>((resolve) => syncs.push(resolve)),
    });
    const settled: string[] = [];
    const track = (item: string) => group.submit(item).then(() => settled.push(item));
    const first = track("a");
    await turn();
    const later = [track("b"), track("c")];
    await turn();
    expect(calls).toEqual([["a"]]);
    expect(settled).toEqual([]);
    syncs.shift()?.();
    await first;
    await turn();
    expect(calls).toEqual([["a"], ["b", "c"]]);
    expect(settled).toEqual(["a"]);
    syncs.shift()?.();
    await Promise.all(later);
    expect(settled).toEqual(["a", "b", "c"]);
  });

  it("a failed sync rejects its whole group (committed, but not known to be on disk)", async () => {
    const group = groupCommit({
      commitAll: (items: readonly string[]) => [...items],
      durable: () => Promise.reject(new Error("EIO")),
    });
    const outcomes = await Promise.allSettled(["a", "b"].map((item) => group.submit(item)));
    expect(outcomes.map((o) => o.status)).toEqual(["rejected", "rejected"]);
  });

  it("when a group fails, retries each item alone: only the one that cannot be written is rejected", async () => {
    const calls: string[][] = [];
    const group = groupCommit({
      commitAll: (items: readonly string[]) => {
        calls.push([...items]);
        if (items.includes("bad")) throw new Error("constraint failed");
        return items.map((item) => item.toUpperCase());
      },
    });
    const outcomes = await Promise.allSettled(["a", "bad", "c"].map((item) => group.submit(item)));
    expect(outcomes.map((o) => (o.status === "fulfilled" ? o.value : (o.reason as Error).message))).toEqual([
      "A",
      "constraint failed",
      "C",
    ]);
    expect(calls).toEqual([["a", "bad", "c"], ["a"], ["bad"], ["c"]]);
  });

  it("drain resolves once everything submitted is committed", async () => {
    const committed: number[] = [];
    const group = groupCommit({
      commitAll: (items: readonly number[]) => {
        committed.push(...items);
        return [...items];
      },
      durable: () => new Promise<void>((resolve) => setTimeout(resolve, 20)),
    });
    const pending = [group.submit(7), group.submit(8)];
    await group.drain();
    expect(committed).toEqual([7, 8]);
    expect(await Promise.all(pending)).toEqual([7, 8]);
    await group.drain();
  });
});
