export type RunStatus = "succeeded" | "partial" | "failed" | "cancelled";

/** How a run ended, most severe first: a lost lease fails it even when it was being stopped. */
export function runStatus(ending: {
  leaseLost: boolean;
  stopped: boolean;
  failure: unknown;
  deadLettered: number;
}): RunStatus {
  if (ending.leaseLost) return "failed";
  if (ending.stopped) return "cancelled";
  if (ending.failure !== undefined) return "failed";
  return ending.deadLettered > 0 ? "partial" : "succeeded";
}
