import type { SetTimer } from "./timer.js";

/** A fake clock and timer queue for scheduler tests: time moves only when `advanceTo` says so. */
export interface FakeTime {
  now(): number;
  setTimer: SetTimer;
  /** Moves the clock forward, firing each due timer at its own time, in order. */
  advanceTo(instant: number): void;
  pending(): number;
}

export function fakeTime(start: number): FakeTime {
  let current = start;
  let sequence = 0;
  const timers = new Map<number, { at: number; fire: () => void }>();
  return {
    now: () => current,
    setTimer(ms, fire) {
      const id = sequence++;
      timers.set(id, { at: current + ms, fire });
      return { cancel: () => timers.delete(id) };
    },
    advanceTo(instant) {
      for (;;) {
        const due = [...timers.entries()]
          .filter(([, t]) => t.at <= instant)
          .sort((a, b) => a[1].at - b[1].at || a[0] - b[0]);
        const first = due[0];
        if (!first) break;
        timers.delete(first[0]);
        current = Math.max(current, first[1].at);
        first[1].fire();
      }
      current = Math.max(current, instant);
    },
    pending: () => timers.size,
  };
}
