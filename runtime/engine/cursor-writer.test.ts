import { describe, expect, it } from "vitest";
import { cursorWriter } from "./cursor-writer.js";

/** A write that waits until the test lets it finish, so saves can arrive while one is under way. */
function gatedWrites() {
  const written: string[] = [];
  const gates: (() => void)[] = [];
  const write = (cursor: string) =>
    new Promise<void>((resolve) => {
      gates.push(() => {
        written.push(cursor);
        resolve();
      });
    });
  const openNext = async () => {
    while (gates.length === 0) await Promise.resolve();
    gates.shift()?.();
  };
  return { written, write, openNext };
}

describe("cursorWriter", () => {
  it("writes in order, one at a time, and only the newest of the values that waited", async () => {
    const gate = gatedWrites();
    const writer = cursorWriter(gate.write, () => undefined);
    writer.save("1");
    writer.save("2");
    writer.save("3");
    await gate.openNext();
    await gate.openNext();
    const done = writer.settled();
    expect(await done).toBeUndefined();
    expect(gate.written).toEqual(["1", "3"]);
  });

  it("keeps the first failure, reports it once and writes nothing after it", async () => {
    const failures: unknown[] = [];
    const written: string[] = [];
    const boom = new Error("state database away");
    const writer = cursorWriter(
      async (cursor) => {
        if (cursor === "2") throw boom;
        written.push(cursor);
      },
      (error) => failures.push(error),
    );
    writer.save("1");
    await Promise.resolve();
    writer.save("2");
    expect(await writer.settled()).toBe(boom);
    writer.save("3");
    expect(await writer.settled()).toBe(boom);
    expect(written).toEqual(["1"]);
    expect(failures).toEqual([boom]);
  });

  it("answers undefined (nothing to wait for) when the write was synchronous, and a promise while one is under way", async () => {
    const written: string[] = [];
    const sync = cursorWriter(
      (cursor) => {
        written.push(cursor);
      },
      () => undefined,
    );
    expect(sync.save("1")).toBeUndefined();
    expect(written).toEqual(["1"]);
    // Later values saved together are written once, when the current microtasks are done.
    expect(sync.save("2")).toBeUndefined();
    expect(sync.save("3")).toBeUndefined();
    await Promise.resolve();
    expect(written).toEqual(["1", "3"]);
    expect(await sync.settled()).toBeUndefined();

    const gate = gatedWrites();
    const writer = cursorWriter(gate.write, () => undefined);
    const first = writer.save("1");
    const second = writer.save("2");
    const third = writer.save("3");
    expect(first).toBeInstanceOf(Promise);
    // Values waiting together are written once, so they hear of it together.
    expect(third).toBe(second);
    let secondDone = false;
    void second?.then(() => {
      secondDone = true;
    });
    await gate.openNext();
    await first;
    expect(secondDone).toBe(false);
    await gate.openNext();
    await second;
    expect(gate.written).toEqual(["1", "3"]);
  });

  it("settles at once when nothing was saved", async () => {
    expect(
      await cursorWriter(
        () => undefined,
        () => undefined,
      ).settled(),
    ).toBeUndefined();
  });
});
