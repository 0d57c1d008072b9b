import { createHash } from "node:crypto";
import type PgBoss from "pg-boss";
import type { Logger } from "../../log/index.js";
import { loadPg } from "../../sql/pg-driver.js";
import { parsePostgresUrl } from "../../state/postgres/url.js";
import type { JobEngine, RunRequest } from "./job-engine.js";

// Before pg-boss loads: its own require("pg") then finds this one, loaded without pg's costly probe.
const pg = loadPg();

export interface PgBossEngineOptions {
  /** The state's `postgres://…?schema=…` URL: the jobs live in the same database, schema `<schema>_jobs`. */
  stateUrl: string;
  /** Jobs run at once by this process. */
  concurrency: number;
  /** A job still running after this long is failed by pg-boss and handed out again (the lease fences it). */
  jobTimeoutSeconds: number;
  logger: Logger;
  /** How often idle workers look for jobs; local requests wake them at once. */
  pollSeconds?: number;
}

/** One queue for every connector; its `short` policy keeps at most one job waiting per connector. */
const QUEUE = "cannectors-runs";
/** A job given back (this worker is stopping, a polling connector's lease is held elsewhere) is tried again after this. */
const RETRY_DELAY_SECONDS = 1;

/** Thrown from a handler so pg-boss retries the job; not an error of the run. */
class RetryLater extends Error {}

/**
 * The job engine on pg-boss (10.x: the last line supporting Node 20). pg-boss stores jobs in
 * PostgreSQL tables and hands each to one worker with SELECT … FOR UPDATE SKIP LOCKED; a worker
 * that dies leaves its job active until `jobTimeoutSeconds`, when pg-boss retries it. Which process
 * may run a connector is decided by the state's lease, not by the job: see supervisor.ts.
 */
export async function startPgBossEngine(options: PgBossEngineOptions): Promise<JobEngine> {
  // Loaded here, not at module load: only serve on a PostgreSQL state needs it.
  const { default: Boss } = (await import("pg-boss")) as unknown as { default: typeof PgBoss };
  const location = parsePostgresUrl(options.stateUrl);
  const boss = new Boss({
    connectionString: location.connectionString,
    schema: jobSchema(location.schema),
    application_name: "cannectors-worker",
    // Its queries are short (fetch, complete, send): a few connections serve any concurrency, and
    // every worker's pools count against PostgreSQL's max_connections (the state's pool is 10).
    max: 4,
    schedule: false,
    supervise: true,
    maintenanceIntervalSeconds: Math.max(1, Math.min(120, Math.ceil(options.jobTimeoutSeconds / 2))),
  });
  boss.on("error", (error) => {
    options.logger.warn("job engine error", { error: error.message });
  });
  // pg-boss locks its own migrations but not createQueue, whose DDL (a partition attached to the
  // job table) deadlocked against a second worker starting at the same moment: the whole start-up
  // runs one worker at a time, so only the first creates the queue and the others find it.
  await oneStartAtATime(location.connectionString, jobSchema(location.schema), async () => {
    await boss.start();
    if ((await boss.getQueue(QUEUE)) === null) {
      await boss.createQueue(QUEUE, {
        name: QUEUE,
        policy: "short",
        retryLimit: 1_000_000,
        retryDelay: RETRY_DELAY_SECONDS,
        expireInSeconds: Math.ceil(options.jobTimeoutSeconds),
      });
    }
  });
  const workerIds: string[] = [];
  /** Workers (by index) running a job's handler now. */
  const busy = new Set<number>();
  // A new job wakes one idle worker: waking them all made every other one fetch nothing. With none
  // idle, the busy ones fetch as soon as their job ends instead of waiting out the polling interval.
  const wake = () => {
    const idle = workerIds.findIndex((_, index) => !busy.has(index));
    for (const id of idle === -1 ? workerIds : [workerIds[idle]!]) boss.notifyWorker(id);
  };
  const probe = cachedProbe(boss);

  return {
    async request(request, { afterMs } = {}) {
      const sendOptions: PgBoss.SendOptions = { singletonKey: request.connector };
      if (request.due !== undefined) sendOptions.id = fireId(request.connector, request.due);
      if (afterMs !== undefined) sendOptions.startAfter = new Date(Date.now() + afterMs);
      await boss.send(QUEUE, { ...request }, sendOptions);
      if (afterMs === undefined) wake();
    },
    async work(handle) {
      for (let i = 0; i < options.concurrency; i++) {
        const id = await boss.work<RunRequest>(
          QUEUE,
          { batchSize: 1, pollingIntervalSeconds: options.pollSeconds ?? 1 },
          async ([job]) => {
            if (!job) return;
            busy.add(i);
            try {
              if ((await handle(job.data)) === "retry") throw new RetryLater("given back: to be run later");
            } finally {
              busy.delete(i);
            }
          },
        );
        workerIds.push(id);
      }
    },
    healthy: probe,
    async pause() {
      await boss.offWork(QUEUE);
    },
    async stop(timeoutMs) {
      await boss.stop({ graceful: true, wait: true, timeout: timeoutMs });
    },
  };
}

/** Runs `start` under a session advisory lock keyed by the job schema, held on a connection of its own. */
async function oneStartAtATime(connectionString: string, schema: string, start: () => Promise<void>): Promise<void> {
  const client = new pg.Client({ connectionString, application_name: "cannectors-worker-start" });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock(hashtext($1))", [`cannectors-jobs-start:${schema}`]);
    await start();
  } finally {
    // Ending the session releases the lock, also when the start failed.
    await client.end().catch(() => undefined);
  }
}

/** pg-boss's tables beside the state's: `<schema>_jobs`, or `cannectors_jobs` on the default search path. */
export function jobSchema(stateSchema: string | undefined): string {
  return `${stateSchema ?? "cannectors"}_jobs`.slice(0, 63);
}

/** The same scheduled fire makes the same job id on every worker, so only the first insert counts. */
function fireId(connector: string, due: number): string {
  const hex = createHash("sha256").update(`${connector}\n${due}`).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** /readyz asks often: one query per second at most, answered from the last result meanwhile. */
function cachedProbe(boss: PgBoss): () => Promise<boolean> {
  let checkedAt = 0;
  let last: Promise<boolean> = Promise.resolve(false);
  return () => {
    if (Date.now() - checkedAt < 1000) return last;
    checkedAt = Date.now();
    const query = boss
      .getDb()
      .executeSql("SELECT 1", [])
      .then(() => true);
    const timeout = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 2000).unref());
    last = Promise.race([query, timeout]).catch(() => false);
    return last;
  };
}
