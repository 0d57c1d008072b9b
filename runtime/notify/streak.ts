import type { StateStore } from "../state/types.js";

/**
 * Failed runs in a row ending with this one (dry runs and runs still going do not count), read from
 * the run history. The alert fires when the streak *reaches* the threshold, so it is sent once per
 * streak, not at every later failure.
 */
export async function failureStreak(store: StateStore, connector: string, upTo: number): Promise<number> {
  const recent = await store.listExecutions({ connector, limit: upTo + 20 });
  let streak = 0;
  for (const execution of recent) {
    if (execution.dryRun || execution.status === "running") continue;
    if (execution.status !== "failed") break;
    streak++;
    if (streak > upTo) break;
  }
  return streak;
}
