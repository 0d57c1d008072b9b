export { type FireLog, memoryFireLog, type StateFireLog, stateFireLog } from "./fire-log.js";
export { nextFire } from "./next-fire.js";
export {
  createScheduler,
  type FireReason,
  type ScheduledJob,
  type Scheduler,
  type SchedulerOptions,
} from "./scheduler.js";
export { MAX_TIMER_MS, type SetTimer, systemTimer, type TimerHandle } from "./timer.js";
