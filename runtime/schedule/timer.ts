/** Injectable time, so a scheduler test moves a fake clock instead of sleeping. */
export interface TimerHandle {
  cancel(): void;
}

export type SetTimer = (ms: number, fire: () => void) => TimerHandle;

/** Node caps a timeout at 2^31−1 ms (~24.8 days); a longer wait is re-armed when it ends. */
export const MAX_TIMER_MS = 2_147_483_647;

export const systemTimer: SetTimer = (ms, fire) => {
  const handle = setTimeout(fire, Math.min(Math.max(ms, 0), MAX_TIMER_MS));
  return { cancel: () => clearTimeout(handle) };
};
