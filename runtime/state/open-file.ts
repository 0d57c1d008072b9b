import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { stateFaultError } from "./faults.js";
import { migrate } from "./migrate.js";
import { PRAGMAS } from "./schema.js";
import { toStateError } from "./sqlite-faults.js";

/**
 * The state file's life starts here. A new file is built under a temporary name and linked into
 * place only once its schema is complete, so "the file exists" always means "cannectors made it".
 * That is what lets an existing file without the schema — truncated to 0 bytes, another program's
 * database — be refused instead of silently read as empty state (which would send every record
 * again): starting over is left to the user, by moving the file aside.
 */
export function openStateFile(file: string, mode: "read-write" | "read-only"): Database.Database {
  const stat = statOrUndefined(file);
  if (stat === undefined) {
    if (mode === "read-only") throw stateFaultError("unavailable", file, { details: { missing: true } });
    createStateFile(file);
  } else if (stat.isDirectory()) {
    throw stateFaultError("unavailable", file, { details: { directory: true } });
  } else if (stat.size === 0) {
    throw stateFaultError("empty", file);
  } else if (mode === "read-write") {
    assertWritable(file);
  }
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { fileMustExist: true, readonly: mode === "read-only" });
    assertOurSchema(db, file);
    return db;
  } catch (error) {
    db?.close();
    throw toStateError(error, file);
  }
}

/** An existing file is ours when it has the schema_version table every cannectors state file starts with. */
function assertOurSchema(db: Database.Database, file: string): void {
  const tables = db.prepare<[], string>("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all();
  if (!tables.includes("schema_version")) {
    throw stateFaultError("foreign", file, { details: { tables: tables.slice(0, 20) } });
  }
}

function createStateFile(file: string): void {
  const dir = path.dirname(file);
  const temporary = path.join(dir, `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString("hex")}.new`);
  try {
    fs.mkdirSync(dir, { recursive: true });
    const db = new Database(temporary);
    try {
      // Nobody sees this file before publish(), and a crash leaves only a temporary to remove: none
      // of its commits needs an fsync, one fsync of the finished file (after close() checkpointed
      // the WAL into it) makes it durable. OFF comes first: switching the new file to WAL is itself
      // a commit, in rollback-journal mode, which under FULL cost four fsyncs (journal, directory,
      // journal, file: 5-20 ms of every first run on this machine's disk).
      db.pragma("synchronous = OFF");
      for (const pragma of PRAGMAS) if (!pragma.startsWith("synchronous")) db.pragma(pragma);
      migrate(db);
    } finally {
      db.close();
    }
    syncFile(temporary);
    publish(temporary, file);
    syncDirectory(dir);
  } catch (error) {
    throw toStateError(error, file);
  } finally {
    for (const leftover of [temporary, `${temporary}-wal`, `${temporary}-shm`]) fs.rmSync(leftover, { force: true });
  }
}

/** Puts the finished file in place unless another process got there first (then theirs is used). */
function publish(temporary: string, file: string): void {
  try {
    fs.linkSync(temporary, file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EEXIST") return;
    // File systems without hard links: an exclusive copy is still never a half-made file in place of another.
    if (code === "EPERM" || code === "ENOTSUP" || code === "EXDEV") {
      try {
        fs.copyFileSync(temporary, file, fs.constants.COPYFILE_EXCL);
      } catch (copyError) {
        if ((copyError as NodeJS.ErrnoException).code !== "EEXIST") throw copyError;
      }
      return;
    }
    throw error;
  }
}

function syncFile(file: string): void {
  const fd = fs.openSync(file, "r+");
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

function syncDirectory(dir: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, "r");
    fs.fsyncSync(fd);
  } catch {
    // Not every platform can fsync a directory; the file itself is already durable.
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** Checked before SQLite, which would otherwise open a read-only file read-only in silence and fail later. */
function assertWritable(file: string): void {
  for (const target of [file, path.dirname(file)]) {
    try {
      fs.accessSync(target, fs.constants.W_OK);
    } catch (error) {
      throw stateFaultError("read-only", file, { cause: error, details: { path: target } });
    }
  }
}

function statOrUndefined(file: string): fs.Stats | undefined {
  try {
    return fs.statSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw toStateError(error, file);
  }
}
