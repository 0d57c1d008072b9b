import type { Logger } from "../log/index.js";
import type { FireLog } from "./fire-log.js";
import { nextFire } from "./next-fire.js";
import { MAX_TIMER_MS, type SetTimer, type TimerHandle } from "./timer.js";

export interface ScheduledJob {
  connector: string;
  expression: string;
  timeZone: string;
  /** One run; the scheduler never calls it again before the returned promise settles. */
  run(reason: FireReason): Promise<void>;
}

export interface FireReason {
  kind: "schedule" | "catch-up";
  /** The due time that fired (for catch-up: the first one missed). */
  due: number;
}

export interface SchedulerOptions {
  now: () => number;
  setTimer: SetTimer;
  fireLog: FireLog;
  logger: Logger;
  /** Called when a due time finds the previous run still going and is skipped. */
  onSkip?: (connector: string) => void;
}

export interface Scheduler {
  add(job: ScheduledJob): void;
  remove(connector: string): void;
  /** Cancels every timer; runs already started are the caller's to wait for. */
  stop(): void;
  /** The next due time of a connector, for logs and tests. */
  nextDue(connector: string): number | undefined;
}

interface Entry {
  job: ScheduledJob;
  due: number;
  timer: TimerHandle | undefined;
}

/**
 * Fires each job at its due times, never two runs of one job at once. A due time that finds the
 * previous run still going is skipped (and logged), not queued: the next run reads whatever is
 * new anyway. After downtime, missed due times cause one catch-up run, not one per missed time.
 */
export function createScheduler(options: SchedulerOptions): Scheduler {
  const { now, setTimer, fireLog, logger } = options;
  const entries = new Map<string, Entry>();
  // By connector, not by entry: a job replaced on reload still waits for its predecessor's run.
  const running = new Set<string>();

  const arm = (entry: Entry) => {
    const wait = entry.due - now();
    entry.timer = setTimer(Math.min(Math.max(wait, 0), MAX_TIMER_MS), () => onTimer(entry));
  };

  const onTimer = (entry: Entry) => {
    if (entries.get(entry.job.connector) !== entry) return;
    entry.timer = undefined;
    const current = now();
    // Timers may wake early (capped long waits, coarse clocks): wait for the rest.
    if (current < entry.due) return arm(entry);
    const due = entry.due;
    entry.due = nextFire(entry.job.expression, entry.job.timeZone, Math.max(due, current));
    if (running.has(entry.job.connector)) {
      logger.warn("schedule tick skipped: the previous run is still going", {
        connector: entry.job.connector,
        due: new Date(due).toISOString(),
        next: new Date(entry.due).toISOString(),
      });
      options.onSkip?.(entry.job.connector);
    } else {
      fireLog.recordFire(entry.job.connector, due);
      start(entry, { kind: "schedule", due });
    }
    arm(entry);
  };

  const start = (entry: Entry, reason: FireReason) => {
    const { connector } = entry.job;
    running.add(connector);
    const finish = () => {
      running.delete(connector);
    };
    entry.job.run(reason).then(finish, (error: unknown) => {
      finish();
      logger.error("scheduled run failed", { connector, error: String(error) });
    });
  };

  return {
    add(job) {
      this.remove(job.connector);
      const current = now();
      const last = fireLog.lastFire(job.connector);
      const entry: Entry = { job, due: nextFire(job.expression, job.timeZone, current), timer: undefined };
      entries.set(job.connector, entry);
      const missed = last === undefined ? undefined : nextFire(job.expression, job.timeZone, last);
      if (missed !== undefined && missed <= current) {
        logger.info("catching up: due times were missed while stopped, running once now", {
          connector: job.connector,
          lastFire: new Date(last!).toISOString(),
          firstMissed: new Date(missed).toISOString(),
        });
        fireLog.recordFire(job.connector, current);
        if (running.has(job.connector)) options.onSkip?.(job.connector);
        else start(entry, { kind: "catch-up", due: missed });
      } else if (last === undefined) {
        // The baseline: a due time missed before the first fire still counts as missed.
        fireLog.recordFire(job.connector, current);
      }
      logger.info("scheduled", { connector: job.connector, next: new Date(entry.due).toISOString() });
      arm(entry);
    },
    remove(connector) {
      const entry = entries.get(connector);
      entry?.timer?.cancel();
      entries.delete(connector);
    },
    stop() {
      for (const connector of [...entries.keys()]) this.remove(connector);
    },
    nextDue: (connector) => entries.get(connector)?.due,
  };
}
