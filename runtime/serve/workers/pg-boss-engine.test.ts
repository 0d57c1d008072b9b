/**
 * pg-boss on a real PostgreSQL: workers started at the same moment on a fresh job schema all come
 * up (pg-boss's createQueue is not locked, and three workers starting together deadlocked on its
 * DDL in a CI run; not reproduced in this one process, where maintenance did not overlap it), and a request sent through one is worked by another.
 */
import { afterAll, describe, expect, it } from "vitest";
import {
  BACKENDS,
  dropSchema,
  POSTGRES_URL,
  uniqueSchema,
  usableBackends,
} from "../../../test/support/state-backends.js";
import { createLogger } from "../../log/index.js";
import { createRedactor } from "../../secrets/index.js";
import type { JobEngine, RunRequest } from "./job-engine.js";
import { jobSchema, startPgBossEngine } from "./pg-boss-engine.js";

const postgres = BACKENDS.find((backend) => backend.name === "postgres")!;
const WORKERS = 6;

describe.runIf(usableBackends().includes(postgres))("the pg-boss job engine", () => {
  const schema = uniqueSchema("boss");
  const engines: JobEngine[] = [];
  afterAll(async () => {
    await Promise.all(engines.map((engine) => engine.stop(2000).catch(() => undefined)));
    await dropSchema(jobSchema(schema)).catch(() => undefined);
  });

  it(`starts ${WORKERS} workers together on a fresh schema, and one works what another was asked`, async () => {
    const url = new URL(POSTGRES_URL);
    url.searchParams.set("schema", schema);
    const logger = createLogger({ level: "error", redactor: createRedactor(), sinks: [] });
    const started = await Promise.allSettled(
      Array.from({ length: WORKERS }, () =>
        startPgBossEngine({
          stateUrl: url.toString(),
          concurrency: 1,
          jobTimeoutSeconds: 30,
          logger,
          pollSeconds: 0.5,
        }),
      ),
    );
    for (const result of started) if (result.status === "fulfilled") engines.push(result.value);
    expect(started.filter((result) => result.status === "rejected").map((result) => String(result.reason))).toEqual([]);

    const worked = new Promise<RunRequest>((resolve) => {
      void engines[WORKERS - 1]!.work(async (request) => {
        resolve(request);
        return "done";
      });
    });
    await engines[0]!.request({ connector: "c1", kind: "webhook" });
    expect((await worked).connector).toBe("c1");
  }, 60_000);
});
