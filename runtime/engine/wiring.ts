import { type Connector, durationMs, type Settings } from "../artifact/index.js";
import type { Auth } from "../auth/schema.js";
import { type AuthContext, type Authenticator, createAuthenticator, type RefreshTokenVault } from "../auth/index.js";
import { CannectorsError, ErrorCodes } from "../errors/index.js";
import { withExpressionBudget } from "../expr/budget/limits.js";
import type { Logger } from "../log/types.js";
import type { LookupFunction } from "../net/address-guard.js";
import { createHttpClient } from "../net/http-client.js";
import { moduleClient } from "../net/module-client.js";
import type { RateBudget } from "../net/rate-limiter.js";
import { retryPolicyFrom } from "../net/retry.js";
import type { Clock, HttpClient } from "../net/types.js";
import type { Redactor } from "../secrets/types.js";
import { inputKindOf, outputBatchSize } from "../modules/catalogue.js";
import { outputContractsOf } from "../contract/output-contracts.js";
import { type ContractViolation, type ViolationCollector, violationCollector } from "../contract/violation.js";
import { createDeadLetterFile } from "./dead-letter-file.js";
import { createDryRunWriter } from "./dry-run-writer.js";
import { allowedHostsOf, filterHostsOf, moduleHostsOf } from "./hosts.js";
import type { FilterWiring } from "../filters/step.js";
import { memoryDeadLetter } from "./memory-dead-letter.js";
import { buildOutput, type OutputTreeOptions } from "./output-tree.js";
import type { DeadLetterSink, InputModule, ModuleContext, OutputModule } from "./modules.js";

export interface Wiring {
  client: HttpClient;
  input: InputModule;
  output: OutputModule;
  deadLetter: DeadLetterSink;
  /** Undefined in a dry run: nothing is written to disk. */
  deadLetterFile: string | undefined;
  /** What the target's contract refused, when it was checked. */
  contract: ViolationCollector | undefined;
  /** What a filter that calls out (enrich) is built with: the shared client under its own hosts. */
  filters: FilterWiring;
}

export interface WiringOptions {
  logger: Logger;
  redactor: Redactor;
  clock: Clock;
  signal: AbortSignal;
  random?: (() => number) | undefined;
  dryRun?: { write(line: string): void } | undefined;
  deadLetterPath?: string | undefined;
  /** Where dead letters go instead of a file (the state database's table); a dry run still only logs them. */
  deadLetterSink?: ((redactor: Redactor) => DeadLetterSink) | undefined;
  resolve?: LookupFunction | undefined;
  /** Replaces the artifact's input module (the webhook queue feeds the engine this way). */
  input?: ((context: ModuleContext) => InputModule) | undefined;
  onRetry?: (() => void) | undefined;
  onSplit?: (() => void) | undefined;
  /** Wraps the shared client (recording to, or replaying from, a fixture folder). */
  wrapClient?: ((client: HttpClient, redactor: Redactor) => HttpClient) | undefined;
  /** The target's spec when known beyond the artifact's `output.contract` (types header, `--target-spec`). */
  targetSpec?: string | undefined;
  /** Check payloads against the target's contract outside a dry run too, reporting only (fixture replays). */
  checkContract?: boolean | undefined;
  /**
   * Replaces the connector's output tree (a dead-letter replay sends each record to the output that
   * failed it). `resolved` is the output with its secrets and environment references filled in.
   */
  output?: ((tree: OutputTreeOptions, resolved: Connector["output"]) => OutputModule) | undefined;
  broker?: ModuleContext["broker"];
  /** The connector's stored OAuth2 refresh tokens (oauth2AuthorizationCode). */
  refreshTokens?: RefreshTokenVault | undefined;
}

/** Builds the modules a resolved connector needs, sharing one HTTP client (one pool, one rate limiter). */
export function wireModules(spec: Connector, options: WiringOptions): Wiring {
  // Expressions of the input (stopWhen) and output (idempotency key) carry the artifact's budget.
  return withExpressionBudget(spec.settings.limits?.expression, () => wire(spec, options));
}

function wire(spec: Connector, options: WiringOptions): Wiring {
  const { logger, redactor, clock } = options;
  const settings = spec.settings;
  const network = createHttpClient({
    allowedHosts: allowedHostsOf(spec),
    allowLinkLocal: settings.network.allowPrivateLinkLocal,
    connectTimeoutMs: durationMs(settings.timeouts.connect),
    requestTimeoutMs: durationMs(settings.timeouts.request),
    maxResponseBytes: settings.limits?.maxResponseBytes,
    resolve: options.resolve,
    rateLimit: rateBudgetOf(settings),
    clock,
    redactor,
  });
  const client = options.wrapClient ? options.wrapClient(network, redactor) : network;
  const context: ModuleContext = {
    connectorName: spec.metadata.name,
    client,
    logger,
    redactor,
    clock,
    retry: retryPolicyFrom(settings.retries),
    signal: options.signal,
    concurrency: settings.concurrency,
    pageSize: outputBatchSize(spec.output),
    ...(options.random ? { random: options.random } : {}),
    ...(options.onRetry ? { onRetry: options.onRetry } : {}),
    ...(options.onSplit ? { onSplit: options.onSplit } : {}),
    ...(options.broker ? { broker: options.broker } : {}),
  };
  const authenticator = sharedAuthenticators({ client, clock, redactor, logger, refreshTokens: options.refreshTokens });
  const deadLetterFile =
    options.dryRun || options.deadLetterSink
      ? undefined
      : (options.deadLetterPath ??
        ("deadLetter" in spec.output ? spec.output.deadLetter?.path : undefined) ??
        `.cannectors/dead-letter/${spec.metadata.name}.ndjson`);
  const deadLetter = deadLetterFile
    ? createDeadLetterFile(deadLetterFile, redactor)
    : !options.dryRun && options.deadLetterSink
      ? options.deadLetterSink(redactor)
      : memoryDeadLetter(logger);
  const dryRun = options.dryRun;
  // Each module reaches its own hosts only; credentials stay on its baseUrl's origin (origin-scope.ts).
  const input = options.input
    ? options.input(context)
    : inputKindOf(spec.input).create(spec.input, {
        context: { ...context, client: moduleClient(client, "input", moduleHostsOf(spec, "input")) },
        authenticator,
        maxDepth: settings.limits?.maxDepth,
        dryRun: dryRun !== undefined,
      });
  // Checked by default in a dry run whenever the target's spec is known; a replay checks and reports.
  // Each output of a routes, fanout or fallback output against its own contract.
  const targets = dryRun || options.checkContract ? outputContractsOf(spec.output, options.targetSpec) : new Map();
  const specs = [...new Set([...targets.values()].map((target) => target.spec))];
  const contract = specs.length > 0 ? violationCollector(specs.join(", ")) : undefined;
  const tree: OutputTreeOptions = {
    context: { ...context, client: moduleClient(client, "output", moduleHostsOf(spec, "output")) },
    authenticator,
    deadLetter,
    dryRun: dryRun ? createDryRunWriter((line) => dryRun.write(line), redactor) : undefined,
    contractAt(path) {
      const target = targets.get(path);
      if (!target || !contract) return undefined;
      // A nested output's violations name it; the connector's own output is the one a reader expects.
      const report = path === "output" ? contract.add : (v: ContractViolation) => contract.add({ ...v, output: path });
      return { check: target.check, refuse: dryRun !== undefined, report };
    },
  };
  const output = options.output ? options.output(tree, spec.output) : buildOutput(spec.output, tree);
  const filters: FilterWiring = {
    context: (filter) => ({ ...context, client: moduleClient(client, "filter", filterHostsOf(spec, filter)) }),
    authenticator,
  };
  return { client, input, output, deadLetter, deadLetterFile, contract, filters };
}

/**
 * One authenticator per oauth2AuthorizationCode block: the connector has one refresh token, and two
 * modules refreshing it at once would each rotate it (a provider with reuse detection then revokes
 * both). The same block on input and output shares its access token; two different blocks are refused.
 */
function sharedAuthenticators(context: AuthContext): (auth: Auth | undefined) => Authenticator {
  let shared: { key: string; authenticator: Authenticator } | undefined;
  return (auth) => {
    if (auth?.type !== "oauth2AuthorizationCode") return createAuthenticator(auth, context);
    const key = JSON.stringify(auth);
    if (shared && shared.key !== key) {
      throw new CannectorsError(
        ErrorCodes.CONFIG_INVALID,
        "the input and the output name different oauth2AuthorizationCode blocks; a connector keeps one refresh token, so they must be the same",
      );
    }
    shared ??= { key, authenticator: createAuthenticator(auth, context) };
    return shared.authenticator;
  };
}

/** settings.rateLimit for every host, settings.rateLimits for the hosts they name (per minute as per second). */
function rateBudgetOf(settings: Settings): RateBudget {
  return {
    default: settings.rateLimit,
    hosts: (settings.rateLimits ?? []).map((limit) => ({
      host: limit.host,
      requestsPerSecond: limit.requestsPerSecond ?? (limit.requestsPerMinute ?? 0) / 60,
      burst: limit.burst,
    })),
    maxHeaderPauseMs: durationMs(settings.retries.maxRetryAfter),
  };
}
