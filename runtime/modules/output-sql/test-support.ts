/** Test-only: a SQL output wired to real collaborators (fake clock, recording logger, memory dead letter). */
import type { DeadLetterEntry, DryRunSink, OutputModule } from "../../engine/modules.js";
import { recordingDeadLetter } from "../../engine/testing.js";
import { fakeClock, plainRedactor, recordingLogger } from "../../net/testing.js";
import { SqlOutput } from "./schema.js";
import { createSqlOutput } from "./sql-output.js";

export interface OutputHarness {
  output: OutputModule;
  deadLetters: DeadLetterEntry[];
  logger: ReturnType<typeof recordingLogger>;
  retries: number;
}

export function sqlOutput(
  spec: Record<string, unknown>,
  options: { dryRun?: DryRunSink; secrets?: string[]; onRetry?: () => void } = {},
): OutputHarness {
  const deadLetter = recordingDeadLetter();
  const logger = recordingLogger();
  const harness: OutputHarness = { output: undefined as never, deadLetters: deadLetter.entries, logger, retries: 0 };
  harness.output = createSqlOutput(SqlOutput.parse({ type: "sql", ...spec }), {
    connectorName: "to-db",
    client: undefined as never,
    logger,
    redactor: plainRedactor(options.secrets ?? []),
    clock: fakeClock(),
    retry: { maxAttempts: 4, initialDelayMs: 10, maxDelayMs: 100, maxRetryAfterMs: 1000, jitter: "none" },
    signal: new AbortController().signal,
    onRetry: () => {
      harness.retries++;
      options.onRetry?.();
    },
    concurrency: 2,
    deadLetter,
    dryRun: options.dryRun,
  });
  return harness;
}

export { outputRecords as records } from "../../engine/testing.js";
