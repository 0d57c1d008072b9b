import { type FileHandle, open } from "node:fs/promises";

/**
 * Makes the commits of an SQLite connection in WAL mode with synchronous=NORMAL durable, off the
 * event loop: fdatasync of the -wal file on the thread pool. A commit is durable once its WAL frames
 * are on disk, and fdatasync covers every write made to the file before it started, whichever
 * connection made it. A checkpoint in between does not lose them either: under NORMAL, SQLite syncs
 * the WAL before copying it into the database and the database once the copy is complete, and it
 * rewrites the WAL from the start only after a complete checkpoint. The file is the same for as long
 * as a connection is open (SQLite deletes it when the last one closes), so it is opened once.
 */
export interface WalSync {
  sync(): Promise<void>;
  close(): Promise<void>;
}

export function walSync(databaseFile: string): WalSync {
  let handle: Promise<FileHandle> | undefined;
  return {
    async sync() {
      handle ??= open(`${databaseFile}-wal`, "r");
      await (await handle).datasync();
    },
    async close() {
      const opened = handle;
      handle = undefined;
      await (await opened?.catch(() => undefined))?.close();
    },
  };
}
