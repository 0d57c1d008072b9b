import { describe, expect, it } from "vitest";
import { InFlight } from "./in-flight.js";

describe("InFlight", () => {
  it("has nothing to await while fewer than the limit are under way", () => {
    const inFlight = new InFlight();
    inFlight.start();
    expect(inFlight.below(2)).toBeUndefined();
    inFlight.start();
    expect(inFlight.below(2)).toBeInstanceOf(Promise);
  });

  it("wakes the waiter when one finishes, not before", async () => {
    const inFlight = new InFlight();
    inFlight.start();
    inFlight.start();
    let woken = false;
    const slot = inFlight.below(2)?.then(() => {
      woken = true;
    });
    await Promise.resolve();
    expect(woken).toBe(false);
    inFlight.finish();
    await slot;
    expect(woken).toBe(true);
  });

  it("waits for every one to finish with a limit of one", async () => {
    const inFlight = new InFlight();
    for (let i = 0; i < 3; i++) inFlight.start();
    const order: string[] = [];
    const drained = inFlight.below(1)?.then(() => order.push("drained"));
    inFlight.finish();
    order.push("finished 1");
    inFlight.finish();
    order.push("finished 2");
    await Promise.resolve();
    expect(order).toEqual(["finished 1", "finished 2"]);
    inFlight.finish();
    await drained;
    expect(order).toEqual(["finished 1", "finished 2", "drained"]);
  });

  it("refuses a second waiter: the pump waits in one place at a time", () => {
    const inFlight = new InFlight();
    inFlight.start();
    void inFlight.below(1);
    expect(() => inFlight.below(1)).toThrow(/one waiter/);
  });
});
