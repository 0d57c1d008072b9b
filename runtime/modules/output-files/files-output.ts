import { randomBytes } from "node:crypto";
import {
  type DeadLetterSink,
  type DeliveryResult,
  type DryRunSink,
  failedRecordEntry,
  type ModuleContext,
  type OutputModule,
  type OutputRecord,
} from "../../engine/modules.js";
import { CannectorsError, describeError, ErrorCodes, isCannectorsError } from "../../errors/index.js";
import { isPlainObject } from "../../json/path.js";
import { stringifyJson } from "../../json/stringify.js";
import type { FileStore } from "./file-store.js";
import { localStore } from "./local-store.js";
import { columnType, parquetFile } from "./parquet-file.js";
import { compilePartition } from "./partition.js";
import { s3Store } from "./s3-store.js";
import type { FilesOutput } from "./schema.js";
import { columnsOf, csvFile, ndjsonFile } from "./text-formats.js";

export interface FilesOutputContext extends ModuleContext {
  deadLetter: DeadLetterSink;
  /** When set, each file's address, size and content are written here and nothing is stored. */
  dryRun?: DryRunSink | undefined;
}

/** A record with its folder and its exact JSON line (the NDJSON line, and what `roll.bytes` counts). */
interface Placed {
  record: OutputRecord;
  folder: string;
  line: string;
}

const EXTENSIONS = { ndjson: "ndjson", csv: "csv", parquet: "parquet" } as const;

/**
 * Writes each batch as one or more whole files: the engine's batch is at most `roll.records`
 * records, cut further by partition folder and by `roll.bytes`. `deliver` resolves only once every
 * file holding the batch's records is finalised (renamed into place, or its upload completed), so
 * the engine's cursor never moves past a record that is not in a visible file. A record that cannot
 * be placed (no partition value, not an object) is dead-lettered; a storage failure fails the run.
 */
export function createFilesOutput(
  spec: FilesOutput,
  ctx: FilesOutputContext,
  store = storeOf(spec, ctx),
): OutputModule {
  const partitionOf = compilePartition(spec.partition);
  const prefix = spec.prefix ?? ctx.connectorName.replace(/[^A-Za-z0-9._-]/g, "_");
  // Names are unique per run and sort by run then by file: `<prefix>-<UTC time>-<random>-<n>.<ext>`.
  const runStamp = `${new Date(ctx.clock.now()).toISOString().replace(/[-:]|\.\d{3}/g, "")}-${randomBytes(3).toString("hex")}`;
  let fileNumber = 0;

  function place(record: OutputRecord): Placed | string {
    if (!isPlainObject(record.value)) return "a file row needs a record that is an object";
    const folder = partitionOf(record.value);
    if (!folder.ok) return folder.reason;
    return { record, folder: folder.folder, line: stringifyJson(record.value) };
  }

  async function encode(
    records: readonly Placed[],
  ): Promise<{ body: Buffer; columns?: { name: string; type: string }[] }> {
    const values = records.map((placed) => placed.record.value);
    if (spec.format === "ndjson") return { body: ndjsonFile(records.map((placed) => placed.line)) };
    const columns = columnsOf(values, spec.columns);
    if (spec.format === "csv") return { body: csvFile(values, columns) };
    const types = columns.map((name) => ({ name, type: columnType(values.map((value) => value[name])) }));
    return { body: await parquetFile(values, columns), columns: types };
  }

  async function writeFile(folder: string, records: readonly Placed[]): Promise<void> {
    fileNumber += 1;
    const name = `${prefix}-${runStamp}-${String(fileNumber).padStart(6, "0")}.${EXTENSIONS[spec.format]}`;
    const key = folder === "" ? name : `${folder}/${name}`;
    const { body, columns } = await encode(records);
    const file = store.address(key);
    if (ctx.dryRun) {
      const content = spec.format === "parquet" ? { columns } : { content: body.toString("utf8") };
      ctx.dryRun.write({
        method: "WRITE",
        url: file,
        headers: {},
        body: { format: spec.format, records: records.length, bytes: body.length, ...content },
      });
      return;
    }
    try {
      await store.put(key, body);
    } catch (error) {
      if (isCannectorsError(error)) throw error;
      throw new CannectorsError(ErrorCodes.DELIVERY, `writing ${file} failed: ${describeError(error)}`, {
        cause: error,
      });
    }
    ctx.logger.info("file written", { file, records: records.length, bytes: body.length });
  }

  return {
    async deliver(batch) {
      if (ctx.signal.aborted) {
        throw new CannectorsError(ErrorCodes.CANCELLED, "files output cancelled", { cause: ctx.signal.reason });
      }
      const result: DeliveryResult = { delivered: 0, deadLettered: 0 };
      const folders = new Map<string, Placed[]>();
      for (const record of batch) {
        const placed = place(record);
        if (typeof placed === "string") {
          ctx.deadLetter.write(failedRecordEntry(ctx.connectorName, record, placed));
          ctx.logger.warn("record dead-lettered", { seq: record.seq, reason: placed });
          result.deadLettered += 1;
          continue;
        }
        const list = folders.get(placed.folder);
        if (list) list.push(placed);
        else folders.set(placed.folder, [placed]);
      }
      for (const [folder, records] of folders) {
        for (const file of rolled(records, spec.roll)) {
          await writeFile(folder, file);
          result.delivered += file.length;
        }
      }
      return result;
    },
    async close() {
      await Promise.allSettled([store.close(), ctx.deadLetter.close()]);
    },
  };
}

function storeOf(spec: FilesOutput, ctx: FilesOutputContext): FileStore {
  return spec.location.startsWith("s3://") && spec.s3
    ? s3Store(spec.location, spec.s3)
    : localStore(spec.location, ctx.connectorName);
}

/** The records cut into files of at most `records` records and about `bytes` bytes of JSON text. */
function rolled(records: readonly Placed[], roll: FilesOutput["roll"]): Placed[][] {
  const files: Placed[][] = [];
  let current: Placed[] = [];
  let size = 0;
  for (const placed of records) {
    current.push(placed);
    size += Buffer.byteLength(placed.line) + 1;
    if (current.length >= roll.records || size >= roll.bytes) {
      files.push(current);
      current = [];
      size = 0;
    }
  }
  if (current.length > 0) files.push(current);
  return files;
}
