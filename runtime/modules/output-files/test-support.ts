/** Test-only: a files output wired to real collaborators (fake clock, recording logger, memory dead letter). */
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import type { DeadLetterEntry, DryRunSink, OutputModule } from "../../engine/modules.js";
import { recordingDeadLetter } from "../../engine/testing.js";
import { fakeClock, plainRedactor, recordingLogger } from "../../net/testing.js";
import { createFilesOutput } from "./files-output.js";
import { FilesOutput } from "./schema.js";

export interface FilesHarness {
  output: OutputModule;
  deadLetters: DeadLetterEntry[];
  logger: ReturnType<typeof recordingLogger>;
}

export function filesOutput(spec: Record<string, unknown>, options: { dryRun?: DryRunSink } = {}): FilesHarness {
  const deadLetter = recordingDeadLetter();
  const logger = recordingLogger();
  const output = createFilesOutput(FilesOutput.parse({ type: "files", ...spec }), {
    connectorName: "to-files",
    client: undefined as never,
    logger,
    redactor: plainRedactor([]),
    clock: fakeClock(),
    retry: { maxAttempts: 2, initialDelayMs: 10, maxDelayMs: 100, maxRetryAfterMs: 1000, jitter: "none" },
    signal: new AbortController().signal,
    deadLetter,
    dryRun: options.dryRun,
  });
  return { output, deadLetters: deadLetter.entries, logger };
}

export { outputRecords as records } from "../../engine/testing.js";

/** Every file under `root`, relative, `/`-separated and sorted; `hidden` keeps dot-folders (staging). */
export function listFiles(root: string, hidden = false): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      if (!hidden && name.startsWith(".")) continue;
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else out.push(path.relative(root, full).split(path.sep).join("/"));
    }
  };
  walk(root);
  return out.sort();
}
