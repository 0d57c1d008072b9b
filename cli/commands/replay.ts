import type { Command } from "commander";
import { hasErrors } from "../../runtime/diagnostics/index.js";
import { replayDeadLetters } from "../../runtime/engine/replay.js";
import { replayStateDeadLetters } from "../../runtime/engine/replay-state.js";
import { describeError } from "../../runtime/errors/index.js";
import { stderrSink } from "../../runtime/log/index.js";
import { openState, type StateStore } from "../../runtime/state/index.js";
import { validateArtifactFile } from "../../runtime/validate/index.js";
import { reportDiagnostics } from "../report-diagnostics.js";
import { resolveStatePath } from "../state-path.js";
import { EXIT, EXIT_CODES_HELP, failureExitCode, useColor } from "../terminal.js";
import { DEAD_LETTERS_IN_STATE, printSummary } from "./run.js";

interface ReplayFlags {
  connector: string;
  state?: string;
  json?: boolean;
}

export function registerReplayCommand(program: Command): void {
  program
    .command("replay")
    .description(
      "send the records of a dead-letter file through the connector's output again, after a fix (same idempotency keys)",
    )
    .argument(
      "<dead-letter>",
      "the dead-letter NDJSON file a run wrote, or `state`: the connector's dead letters in the state database",
    )
    .requiredOption("--connector <file>", "the connector whose output the records go to")
    .option("--state <path>", "state database (default .cannectors/state.db, or $CANNECTORS_STATE)")
    .option("--json", "print the summary as JSON on stdout")
    .addHelpText(
      "after",
      `
Records that fail again are written to the same dead-letter file anew; the others are gone from it.
With \`state\` (runs made with --dead-letter state), the same with the rows of the state database.
The replay takes the connector's lease (exit 3 while a run holds it) and is recorded in the history.${EXIT_CODES_HELP}`,
    )
    .action(async (file: string, flags: ReplayFlags) => {
      process.exitCode = await replayCommand(file, flags);
    });
}

async function replayCommand(file: string, flags: ReplayFlags): Promise<number> {
  const validation = await validateArtifactFile(flags.connector, { env: process.env });
  if (hasErrors(validation.diagnostics) || !validation.artifact) {
    reportDiagnostics(validation.diagnostics);
    return EXIT.invalid;
  }
  let store: StateStore | undefined;
  try {
    store = await openState(resolveStatePath(flags.state));
    const options = {
      artifact: validation.artifact,
      store,
      env: process.env,
      logSinks: [
        stderrSink({ format: "pretty", color: useColor(process.stderr), hideInPretty: ["connector", "execution"] }),
      ],
    };
    const fromState = file === DEAD_LETTERS_IN_STATE;
    const summary = fromState
      ? await replayStateDeadLetters(options)
      : await replayDeadLetters({ ...options, deadLetterFile: file });
    if (flags.json) process.stdout.write(`${JSON.stringify(summary)}\n`);
    else {
      printSummary(summary);
      const from = fromState ? `state database ${store.path}` : file;
      process.stderr.write(`  replayed ${summary.replayed} record${summary.replayed === 1 ? "" : "s"} from ${from}\n`);
      if (summary.leftover && fromState)
        process.stderr.write(
          `  stopped before every record was settled: ${summary.leftover}; replay state again (records already delivered go with the same idempotency key)\n`,
        );
      else if (summary.leftover)
        process.stderr.write(
          `  stopped before every record was settled: the records are kept in ${summary.leftover}; replay that file again (records already delivered go with the same idempotency key)\n`,
        );
    }
    return summary.status === "succeeded" ? EXIT.ok : EXIT.failed;
  } catch (error) {
    process.stderr.write(`${describeError(error)}\n`);
    return failureExitCode(error);
  } finally {
    await store?.close().catch(() => undefined);
  }
}
