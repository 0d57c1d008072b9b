import { decodeJson } from "../json/index.js";
import type { DeadLetterEntry } from "./modules.js";
import { invalid, REPLAY_MAX_DEPTH, type ReplaySummary, replayEntries, routed, settledAll } from "./replay.js";
import type { RunOptions } from "./run.js";

/**
 * `cannectors replay state`: sends the connector's dead letters kept in the state database
 * (`--dead-letter state`) through its output again, as replayDeadLetters does for a file. Records
 * that fail again are dead-lettered anew as new rows; the rows replayed are removed once every
 * record is settled, else they are kept (`leftover` names how many) to be replayed again.
 * Rows of records the input could not read (with `source`) are never sent and stay.
 */
export async function replayStateDeadLetters(
  options: Omit<RunOptions, "dryRun" | "limit" | "deadLetterPath" | "deadLetters">,
): Promise<ReplaySummary> {
  const name = options.artifact.connector.metadata.name;
  const label = `the dead letters of ${name} in state database ${options.store.path}`;
  const read = async () => {
    const rows = await options.store.deadLetters.list(name);
    const parsed = rows.map((row) => ({ id: row.id, entry: parseEntry(row.entry, row.id, label) }));
    return parsed.filter(({ entry }) => entry.source === undefined);
  };
  // Checked before the run: an entry naming an output this connector does not have changes nothing.
  routed(
    (await read()).map(({ entry }) => entry),
    options.artifact.connector.output,
    label,
  );
  // The rows replayed (and removed after) are read again under the connector's lease: read before it,
  // a replay that just finished may have delivered and removed them already, and they would go twice.
  let sendable: Awaited<ReturnType<typeof read>> = [];
  const { summary, total } = await replayEntries(
    { ...options, deadLetters: "state" },
    () => ({ entries: sendable.map(({ entry }) => entry), label }),
    async () => {
      sendable = await read();
    },
  );
  let leftover: string | undefined;
  if (settledAll(summary, total)) await options.store.deadLetters.remove(sendable.map(({ id }) => id));
  else if (total > 0) leftover = `${total} dead letter${total === 1 ? "" : "s"} kept in ${label}`;
  return { ...summary, replayed: total, leftover };
}

function parseEntry(text: string, id: number, label: string): DeadLetterEntry {
  // Numbers exact: a record's id beyond 2^53 goes out again with the digits it failed with.
  const entry = decodeJson(text, { maxDepth: REPLAY_MAX_DEPTH }).value as DeadLetterEntry;
  if (entry === null || typeof entry.record !== "object" || entry.record === null || Array.isArray(entry.record))
    throw invalid(`${label}: row ${id} is not a dead-letter entry (no record object)`);
  return entry;
}
