export type RunStatus = "succeeded" | "partial" | "failed" | "cancelled";

/**
 * How a run ended, most severe first: a lost lease fails it even when it was being stopped. A run
 * whose every record failed (dead-lettered, none delivered) failed: `partial` means some got through.
 */
export function runStatus(ending: {
  leaseLost: boolean;
  stopped: boolean;
  failure: unknown;
  deadLettered: number;
  delivered: number;
}): RunStatus {
  if (ending.leaseLost) return "failed";
  if (ending.stopped) return "cancelled";
  if (ending.failure !== undefined) return "failed";
  if (ending.deadLettered === 0) return "succeeded";
  return ending.delivered === 0 ? "failed" : "partial";
}
