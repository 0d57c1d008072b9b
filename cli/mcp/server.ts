import path from "node:path";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import * as z from "zod";
import { hasErrors } from "../../runtime/diagnostics/index.js";
import { replayDeadLetters } from "../../runtime/engine/replay.js";
import { runConnector } from "../../runtime/engine/run.js";
import { describeError } from "../../runtime/errors/index.js";
import { createRedactor, resolveSecrets } from "../../runtime/secrets/index.js";
import { openState, type StateStore } from "../../runtime/state/index.js";
import { type LoadedArtifact, validateArtifactFile } from "../../runtime/validate/index.js";
import { EXIT, failureExitCode } from "../terminal.js";
import { planVersions } from "../plan-versions.js";
import { knownTargetSpec, TARGET_SPEC_HELP } from "../target-spec.js";
import { connectorsIn } from "./connectors-in.js";

export interface McpOptions {
  statePath: string;
  env: Record<string, string | undefined>;
  version: string;
}

/** What a tool answers: JSON with the exit code the same command would end with; an error when it is not 0. */
interface ToolAnswer {
  exitCode: number;
  [key: string]: unknown;
}

/** Planned requests returned by a dry run at most; the rest are counted. */
const MAX_PLANNED = 100;

/**
 * The Cannectors operations as MCP tools. Every answer goes through the redactor of the connector's
 * resolved secrets before it leaves (logs, dry runs and errors are already masked where they are made;
 * this is the last gate), so no secret is ever in a tool result.
 */
export function createMcpServer(options: McpOptions): McpServer {
  const server = new McpServer({ name: "cannectors", version: options.version });
  const withStore =
    <T>(use: (store: StateStore) => T | Promise<T>) =>
    async () => {
      const store = await openState(options.statePath);
      try {
        return await use(store);
      } finally {
        await store.close().catch(() => undefined);
      }
    };
  const answer = (result: ToolAnswer, redact: (text: string) => string = (t) => t) => {
    const text = redact(JSON.stringify(result, null, 2));
    return { content: [{ type: "text" as const, text }], isError: result.exitCode !== EXIT.ok };
  };
  /** Validates with the environment (secrets must resolve, as `run` requires) and builds the redactor. */
  const load = async (file: string, targetSpec?: string) => {
    const validation = await validateArtifactFile(file, { env: options.env, ...(targetSpec ? { targetSpec } : {}) });
    const artifact = hasErrors(validation.diagnostics) ? undefined : validation.artifact;
    const secrets = validation.artifact ? resolveSecrets(validation.artifact.connector, options.env).secrets : [];
    const redactor = createRedactor(secrets);
    return { validation, artifact, redact: (text: string) => redactor.redact(text) };
  };
  const guarded = async (work: () => Promise<ToolAnswer>, redact?: (text: string) => string) => {
    try {
      return answer(await work(), redact);
    } catch (error) {
      return answer({ exitCode: failureExitCode(error), error: describeError(error) }, redact);
    }
  };
  const invalid = (validation: Awaited<ReturnType<typeof load>>["validation"]): ToolAnswer => ({
    exitCode: EXIT.invalid,
    diagnostics: validation.diagnostics,
  });
  const run = async (file: string, dryRun: boolean, limit?: number, targetSpecArg?: string) => {
    // As `run --dry-run`: checked against the target's contract whenever its spec is known.
    const targetSpec = dryRun ? knownTargetSpec(file, targetSpecArg) : undefined;
    const { validation, artifact, redact } = await load(file, targetSpec);
    return guarded(async () => {
      if (!artifact) return invalid(validation);
      const planned: unknown[] = [];
      const summary = await withStore((store) =>
        runConnector({
          artifact,
          store,
          env: options.env,
          ...(dryRun ? { dryRun: { write: (line: string) => planned.push(JSON.parse(line)) } } : {}),
          ...(limit === undefined ? {} : { limit }),
          ...(targetSpec ? { targetSpec } : {}),
        }),
      )();
      return {
        exitCode: summary.status === "succeeded" ? EXIT.ok : EXIT.failed,
        summary,
        ...(dryRun
          ? { requests: planned.slice(0, MAX_PLANNED), requestsNotShown: Math.max(0, planned.length - MAX_PLANNED) }
          : {}),
      };
    }, redact);
  };
  const targetSpecArg = {
    targetSpec: z.string().optional().describe(TARGET_SPEC_HELP),
  };
  const fileArg = {
    file: z.string().describe("connector artifact (YAML), relative to the server's working directory"),
  };
  const limitArg = {
    limit: z.number().int().positive().optional().describe("stop after reading this many source records"),
  };

  server.registerTool(
    "list_connectors",
    { description: "The connector artifacts (YAML) under a directory", inputSchema: { dir: z.string().optional() } },
    ({ dir }) => guarded(async () => ({ exitCode: EXIT.ok, connectors: await connectorsIn(path.resolve(dir ?? ".")) })),
  );
  server.registerTool(
    "validate",
    {
      description: "Every problem of an artifact at once, with file:line:col (exit 2 when invalid)",
      inputSchema: fileArg,
    },
    async ({ file }) => {
      const { validation, redact } = await load(file);
      const errors = hasErrors(validation.diagnostics);
      return answer({ exitCode: errors ? EXIT.invalid : EXIT.ok, diagnostics: validation.diagnostics }, redact);
    },
  );
  server.registerTool(
    "dry_run",
    {
      description:
        "Read the source and run the filters; return the requests that would be sent, secrets masked, checked against the target's contract when its spec is known (summary.contract)",
      inputSchema: { ...fileArg, ...limitArg, ...targetSpecArg },
    },
    ({ file, limit, targetSpec }) => run(file, true, limit, targetSpec),
  );
  server.registerTool(
    "run",
    {
      description: "Run a connector once (exit 0 succeeded, 1 failed or partial, 3 lease held)",
      inputSchema: { ...fileArg, ...limitArg },
    },
    ({ file, limit }) => run(file, false, limit),
  );
  server.registerTool(
    "executions",
    {
      description: "Recent executions, newest first",
      inputSchema: { connector: z.string().optional(), limit: z.number().int().positive().optional() },
    },
    ({ connector, limit }) =>
      guarded(
        withStore(async (store) => ({
          exitCode: EXIT.ok,
          executions: await store.listExecutions({ connector, limit: limit ?? 20 }),
        })),
      ),
  );
  server.registerTool(
    "logs",
    { description: "The log lines of one execution (by id or unique prefix)", inputSchema: { id: z.string() } },
    ({ id }) =>
      guarded(
        withStore(async (store) => {
          const row = await store.getExecution(id);
          if (!row) return { exitCode: EXIT.failed, error: `no execution ${id}` };
          return { exitCode: EXIT.ok, execution: row.id, logs: await store.getLogs(row.id) };
        }),
      ),
  );
  server.registerTool(
    "plan",
    {
      description:
        "The behavioural difference between two versions of a connector (files or REV:path), over recorded fixtures when given, with the target contract's violations; exit 1 when behaviour changed or the new version has a violation",
      inputSchema: { before: z.string(), after: z.string(), fixtures: z.string().optional(), ...targetSpecArg },
    },
    ({ before, after, fixtures, targetSpec }) =>
      guarded(async () => {
        const plan = await planVersions(before, after, fixtures, targetSpec);
        const violations = plan.contract?.after ?? 0;
        return { exitCode: plan.changed || violations > 0 ? EXIT.failed : EXIT.ok, plan };
      }),
  );
  server.registerTool(
    "replay",
    {
      description: "Send a dead-letter file's records through the connector's output again (same idempotency keys)",
      inputSchema: { deadLetter: z.string(), connector: z.string() },
    },
    async ({ deadLetter, connector }) => {
      const { validation, artifact, redact } = await load(connector);
      return guarded(async () => {
        if (!artifact) return invalid(validation);
        const summary = await withStore((store) =>
          replayDeadLetters({
            artifact: artifact as LoadedArtifact,
            store,
            env: options.env,
            deadLetterFile: deadLetter,
          }),
        )();
        return { exitCode: summary.status === "succeeded" ? EXIT.ok : EXIT.failed, summary };
      }, redact);
    },
  );
  return server;
}
