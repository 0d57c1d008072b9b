import type { LoadedArtifact } from "../../runtime/index.js";
import { describeError } from "../../runtime/errors/index.js";
import { createLogger, type Logger, stderrSink } from "../../runtime/log/index.js";
import { createRedactor } from "../../runtime/secrets/index.js";
import {
  type ArtifactLoader,
  createReadiness,
  createServeMetrics,
  type LoadResult,
  loadArtifacts,
  type HttpServer,
  type ReloadWatch,
  startHttpServer,
  Supervisor,
  watchForReload,
  YAML_ARTIFACTS,
} from "../../runtime/serve/index.js";
import { isPostgresUrl, openState, type StateStore } from "../../runtime/state/index.js";
import type { JobEngine, Workers } from "../../runtime/serve/workers/index.js";
import { isConnectorSource } from "../../compiler/build/ts-file.js";
import { loadConnectorFiles } from "../connector-files.js";
import { loadEnvironment } from "../env-file.js";
import { reportDiagnostics } from "../report-diagnostics.js";
import { resolveStatePath } from "../state-path.js";
import { EXIT, failureExitCode, useColor } from "../terminal.js";
import type { ServeFlags } from "./serve.js";
import { webhookModule } from "./serve-webhooks.js";
import { loadTracing } from "../../runtime/trace/index.js";
import { packageVersion } from "../package-version.js";

/** YAML artifacts and TypeScript connectors (type-checked and built in memory on every load). */
const CONNECTORS: ArtifactLoader = {
  matches: (name) => YAML_ARTIFACTS.matches(name) || isConnectorSource(name),
  load: (files, env) => loadConnectorFiles(files, { env }),
};

/**
 * Loads, serves, reloads and stops. Resolves with an exit code only when serve cannot start;
 * once started, the process ends through a signal.
 */
export async function startServeSession(targets: string[], flags: ServeFlags): Promise<number | undefined> {
  // Every artifact is validated before the state database is opened or a port is bound.
  const environment = loadEnvironment(flags.envFile);
  if ("problem" in environment) {
    reportDiagnostics([environment.problem]);
    return EXIT.invalid;
  }
  // One object for the whole session, refreshed in place on reload: the supervisor holds it.
  const env: Record<string, string | undefined> = { ...environment.env };
  const first = await loadArtifacts(targets, env, CONNECTORS);
  reportInvalid(first);
  if (first.artifacts.size === 0) {
    process.stderr.write("serve: no valid artifact to run\n");
    return EXIT.invalid;
  }
  const sink = stderrSink({ format: flags.logFormat, color: useColor(process.stderr) });
  const logger = createLogger({ level: flags.logLevel, redactor: createRedactor(), sinks: [sink] });
  let store: StateStore;
  let jobs: JobEngine | undefined;
  const location = resolveStatePath(flags.state);
  try {
    store = await openState(location);
  } catch (error) {
    process.stderr.write(`serve: ${describeError(error)}\n`);
    return failureExitCode(error);
  }
  try {
    jobs = isPostgresUrl(location) ? await startJobEngine(location, flags, logger) : undefined;
  } catch (error) {
    process.stderr.write(`serve: the job engine did not start: ${describeError(error)}\n`);
    await store.close().catch(() => undefined);
    return failureExitCode(error);
  }
  const readiness = createReadiness();
  let loaded: ReadonlyMap<string, LoadedArtifact> = first.artifacts;
  let invalidCount = first.invalid.length;
  const shutdownMs = flags.shutdownTimeout * 1000;
  // Read from the state store by the /metrics handler below, just before each render.
  let queueDepths: [string, number][] = [];
  const metrics = createServeMetrics({
    queueDepths: () => queueDepths,
    artifacts: () => ({ loaded: loaded.size, invalid: invalidCount }),
    // Read when /metrics is rendered, once the supervisor below exists.
    brokers: () => supervisor.brokerStatuses(),
  });
  const tracing = await loadTracing(env, packageVersion());
  const supervisor = new Supervisor({
    tracing,
    store,
    env,
    logger,
    runLogSinks: [sink],
    logLevel: flags.logLevel,
    metrics,
    webhooks: webhookModule,
    drainTimeoutMs: shutdownMs,
    jobs,
    deadLetters: flags.deadLetter,
  });
  if (jobs) readiness.dependsOn(jobs.healthy);
  readiness.watchBrokers(() => supervisor.brokerStatuses());
  let workers: Workers | undefined;
  const running = supervisor;
  let stopping = false;
  let server: HttpServer | undefined;
  let watcher: ReloadWatch | undefined;
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) process.exit(130);
    stopping = true;
    logger.info("stopping: no new deliveries or runs, draining runs in progress", { signal, timeoutMs: shutdownMs });
    readiness.draining();
    watcher?.close();
    const closed = server?.close();
    await workers?.pause().catch(() => undefined);
    // Runs get the timeout to drain, and a moment more to record how they ended.
    const drained = await running.stop(shutdownMs + 1000);
    // Jobs whose run drained with work left go back to the engine for another worker.
    await workers?.stop(1000).catch(() => undefined);
    await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, 1000))]);
    logger[drained ? "info" : "warn"](drained ? "stopped" : "stopped: some runs did not finish in time", { signal });
    await store.close().catch(() => undefined);
    await tracing?.shutdown().catch(() => undefined);
    process.exit(EXIT.ok);
  };
  // Before anything starts, so a signal during startup still drains instead of killing.
  process.on("SIGTERM", (signal) => void stop(signal));
  process.on("SIGINT", (signal) => void stop(signal));
  const reload = async (reason: string) => {
    const reread = loadEnvironment(flags.envFile);
    if ("problem" in reread) reportDiagnostics([reread.problem]);
    else {
      for (const name of Object.keys(env)) delete env[name];
      Object.assign(env, reread.env);
    }
    const next = await loadArtifacts(targets, env, CONNECTORS);
    reportInvalid(next);
    invalidCount = next.invalid.length;
    loaded = keepLastGood(loaded, next);
    await running.load(loaded);
    logger.info("reloaded", { reason, connectors: running.connectors, invalid: next.invalid.length });
  };
  watcher = await watchForReload(
    targets,
    (reason) =>
      reload(reason).catch((error: unknown) => logger.error("reload failed", { reason, error: String(error) })),
    { watchFiles: flags.watch, matches: CONNECTORS.matches },
  );
  // Bound before any run starts, so a taken port fails fast; /readyz says 503 until the connectors are up.
  try {
    server = await startHttpServer({
      host: flags.host,
      port: flags.port,
      readiness,
      metrics: async () => {
        queueDepths = await running.queueDepths();
        return metrics.registry.render();
      },
      receiver: (path) => running.receiver(path),
    });
  } catch (error) {
    process.stderr.write(`serve: ${describeError(error)}\n`);
    watcher.close();
    await store.close().catch(() => undefined);
    return EXIT.failed;
  }
  await running.load(loaded);
  if (jobs) {
    const { startWorkers } = await import("../../runtime/serve/workers/index.js");
    workers = await startWorkers({ supervisor: running, engine: jobs, logger, sweepMs: SWEEP_MS });
  }
  readiness.ready();
  const { url } = server;
  process.stdout.write(`cannectors serve listening on ${url}\n`);
  logger.info("serve started", { url, connectors: running.connectors, state: store.path });

  return undefined;
}

/** How often a worker looks for webhook queues left without a job. */
const SWEEP_MS = 5000;

/** pg-boss, loaded only for a PostgreSQL state: a plain run never pays for it. */
async function startJobEngine(location: string, flags: ServeFlags, logger: Logger): Promise<JobEngine> {
  const { startPgBossEngine } = await import("../../runtime/serve/workers/pg-boss-engine.js");
  return startPgBossEngine({
    stateUrl: location,
    concurrency: flags.workerConcurrency,
    jobTimeoutSeconds: flags.jobTimeout,
    logger,
  });
}

function reportInvalid(result: LoadResult): void {
  for (const invalid of result.invalid) {
    process.stderr.write(`serve: skipping ${invalid.file}: invalid artifact\n`);
    reportDiagnostics(invalid.diagnostics);
  }
}

/** A file that turned invalid keeps running its last valid version until it is fixed or deleted. */
function keepLastGood(current: ReadonlyMap<string, LoadedArtifact>, next: LoadResult): Map<string, LoadedArtifact> {
  const merged = new Map(next.artifacts);
  const invalidFiles = new Set(next.invalid.map((i) => i.file));
  for (const [name, artifact] of current) {
    if (invalidFiles.has(artifact.file) && !merged.has(name)) merged.set(name, artifact);
  }
  return merged;
}
