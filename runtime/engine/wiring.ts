import { type Connector, durationMs } from "../artifact/index.js";
import { createAuthenticator } from "../auth/index.js";
import { createHttpInput } from "../input/index.js";
import type { Logger } from "../log/types.js";
import { createHttpClient } from "../net/http-client.js";
import { retryPolicyFrom } from "../net/retry.js";
import type { Clock, HttpClient } from "../net/types.js";
import { createDeadLetterFile, createDryRunWriter, createHttpOutput } from "../output/index.js";
import type { Redactor } from "../secrets/types.js";
import { allowedHostsOf } from "./hosts.js";
import { memoryDeadLetter } from "./memory-dead-letter.js";
import type { DeadLetterSink, InputModule, ModuleContext, OutputModule } from "./modules.js";

export interface Wiring {
  client: HttpClient;
  input: InputModule;
  output: OutputModule;
  deadLetter: DeadLetterSink;
  /** Undefined in a dry run: nothing is written to disk. */
  deadLetterFile: string | undefined;
}

export interface WiringOptions {
  logger: Logger;
  redactor: Redactor;
  clock: Clock;
  signal: AbortSignal;
  random?: (() => number) | undefined;
  dryRun?: { write(line: string): void } | undefined;
  deadLetterPath?: string | undefined;
}

/** Builds the modules a resolved connector needs, sharing one HTTP client (one pool, one rate limiter). */
export function wireModules(spec: Connector, options: WiringOptions): Wiring {
  const { logger, redactor, clock } = options;
  const settings = spec.settings;
  const client = createHttpClient({
    allowedHosts: allowedHostsOf(spec),
    allowLinkLocal: settings.network.allowPrivateLinkLocal,
    connectTimeoutMs: durationMs(settings.timeouts.connect),
    requestTimeoutMs: durationMs(settings.timeouts.request),
    rateLimit: settings.rateLimit,
    clock,
    redactor,
  });
  const context: ModuleContext = {
    connectorName: spec.metadata.name,
    client,
    logger,
    redactor,
    clock,
    retry: retryPolicyFrom(settings.retries),
    signal: options.signal,
    ...(options.random ? { random: options.random } : {}),
  };
  const authContext = { client, clock, redactor, logger };
  const deadLetterFile = options.dryRun
    ? undefined
    : (options.deadLetterPath ??
      spec.output.deadLetter?.path ??
      `.cannectors/dead-letter/${spec.metadata.name}.ndjson`);
  const deadLetter = deadLetterFile ? createDeadLetterFile(deadLetterFile, redactor) : memoryDeadLetter(logger);
  const dryRun = options.dryRun;
  const input = createHttpInput(spec.input, { ...context, auth: createAuthenticator(spec.input.auth, authContext) });
  const output = createHttpOutput(spec.output, {
    ...context,
    auth: createAuthenticator(spec.output.auth, authContext),
    deadLetter,
    ...(dryRun ? { dryRun: createDryRunWriter((line) => dryRun.write(line), redactor) } : {}),
  });
  return { client, input, output, deadLetter, deadLetterFile };
}
