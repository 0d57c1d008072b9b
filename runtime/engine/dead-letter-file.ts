import * as fs from "node:fs";
import * as path from "node:path";
import type { DeadLetterSink } from "./modules.js";
import { CannectorsError, ErrorCodes } from "../errors/index.js";
import { stringifyJson } from "../json/index.js";
import type { Redactor } from "../secrets/types.js";
import { maskDeadLetter } from "./dead-letter-mask.js";

/**
 * Dead letters as NDJSON, appended to `filePath` (created with its folders on the first entry,
 * so a clean run leaves no empty file). Writes are synchronous: an entry is on disk before the
 * engine acknowledges the record it replaces; close() fsyncs. The record is written exactly as it
 * failed (it is the only copy); only the texts that may echo a secret (the reason, the target's
 * answer) are masked.
 */
export function createDeadLetterFile(filePath: string, redactor: Redactor): DeadLetterSink {
  let fd: number | undefined;
  let count = 0;
  let closed = false;

  function open(): number {
    if (fd !== undefined) return fd;
    try {
      fs.mkdirSync(path.dirname(filePath), { recursive: true });
      fd = fs.openSync(filePath, "a", 0o600);
      return fd;
    } catch (error) {
      throw new CannectorsError(ErrorCodes.DELIVERY, `cannot open dead-letter file ${filePath}`, {
        cause: error,
        details: { path: filePath },
      });
    }
  }

  return {
    write(entry) {
      if (closed) {
        throw new CannectorsError(ErrorCodes.DELIVERY, `dead-letter file ${filePath} is closed`, {
          details: { path: filePath, seq: entry.seq },
        });
      }
      const masked = maskDeadLetter(entry, redactor);
      const line = `${stringifyJson(masked)}\n`;
      fs.writeSync(open(), line);
      count++;
    },
    get count() {
      return count;
    },
    async close() {
      if (closed) return;
      closed = true;
      if (fd === undefined) return;
      const handle = fd;
      fd = undefined;
      fs.fsyncSync(handle);
      fs.closeSync(handle);
    },
  };
}
