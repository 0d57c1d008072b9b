/**
 * Two workers (supervisors with pg-boss engines, in this process) on one PostgreSQL schema and one
 * webhook connector. A job whose connector is already being run by the other worker is not given
 * back to pg-boss to bounce between workers: it ends, and the run holding the lease looks at the
 * queue again once it has released it, so a delivery accepted during its last send is still sent.
 */
import { afterAll, describe, expect, it } from "vitest";
import pg from "pg";
import {
  BACKENDS,
  dropSchema,
  POSTGRES_URL,
  uniqueSchema,
  usableBackends,
} from "../../../test/support/state-backends.js";
import { sendJson, startServer, type TestServer } from "../../../test/support/http-server.js";
import { createLogger } from "../../log/index.js";
import { createRedactor } from "../../secrets/index.js";
import { openState } from "../../state/open.js";
import { startWorkers } from "./index.js";
import { jobSchema, startPgBossEngine } from "./pg-boss-engine.js";
import { deliver, hookSupervisor } from "./test-support.js";

const postgres = BACKENDS.find((backend) => backend.name === "postgres")!;
const cleanups: (() => Promise<unknown>)[] = [];

async function startWorker(location: string, target: TestServer) {
  const logger = createLogger({ level: "error", sinks: [], redactor: createRedactor() });
  const store = await openState(location);
  // One job at a time: while this worker's job runs, the other worker takes the next one.
  const engine = await startPgBossEngine({
    stateUrl: location,
    concurrency: 1,
    jobTimeoutSeconds: 60,
    logger,
    pollSeconds: 0.5,
  });
  const supervisor = await hookSupervisor(store, engine, target, logger);
  // No sweep during the test: what is sent must come from the jobs alone.
  const workers = await startWorkers({ supervisor, engine, logger, sweepMs: 600_000 });
  cleanups.push(async () => {
    await workers.pause();
    await supervisor.stop(2000);
    await workers.stop(2000);
    await store.close();
  });
  return supervisor;
}

async function until(what: string, check: () => Promise<boolean> | boolean, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe.runIf(usableBackends().includes(postgres))("two workers on one webhook connector", () => {
  const schema = uniqueSchema("two");
  afterAll(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
    await dropSchema(schema);
    await dropSchema(jobSchema(schema));
  });

  it("ends a job whose connector runs on the other worker, and the run sends what came meanwhile", async () => {
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const target = await startServer(async (request, res) => {
      if (JSON.parse(request.body).id === "first") await held;
      sendJson(res, 200, {});
    });
    cleanups.push(() => target.close());
    const url = new URL(POSTGRES_URL);
    url.searchParams.set("schema", schema);
    const [a, b] = [await startWorker(url.toString(), target), await startWorker(url.toString(), target)];
    const jobs = new pg.Client({ connectionString: POSTGRES_URL, options: `-c search_path=${jobSchema(schema)}` });
    await jobs.connect();
    cleanups.push(() => jobs.end());
    const count = async (where: string) =>
      Number((await jobs.query(`SELECT count(*) AS n FROM job WHERE ${where}`)).rows[0].n);

    expect((await deliver(a!, "first")).status).toBe(202);
    // One worker's only job slot runs "first" and holds the lease; its run has read the queue empty.
    await until("the first send", () => target.requests.length === 1);
    expect((await deliver(b!, "second")).status).toBe(202);
    // The other worker takes the job for "second" and finds the lease held.
    await until(
      "the second job taken",
      async () => (await count("state = 'created'")) === 0 && (await count("state <> 'active'")) > 0,
    );
    release();
    await until("both sent", () => target.requests.length === 2);
    expect(target.requests.map((r) => JSON.parse(r.body).id)).toEqual(["first", "second"]);
    // No job was handed back to pg-boss (state retry, or retried: retry_count above 0).
    expect(await count("state = 'retry' OR retry_count > 0")).toBe(0);
  }, 60_000);
});
