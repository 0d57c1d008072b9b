import { randomUUID } from "node:crypto";
import { mkdir, open, readdir, rename, rm } from "node:fs/promises";
import path from "node:path";
import { failpoint } from "../../failpoints/index.js";
import type { FileStore } from "./file-store.js";

/**
 * Files in a local folder. Each is written under a temporary name in `<folder>/.cannectors-staging`
 * (same file system, so the rename is atomic), flushed to disk, then renamed into place and the
 * folder entry flushed: a reader listing the folder sees a file whole or not at all. The staging
 * folder starts with a dot, so `*.parquet` globs skip it; what a killed run left there is removed
 * when the next run writes its first file.
 */
export function localStore(root: string, connector: string): FileStore {
  const base = path.resolve(root);
  const staging = path.join(base, ".cannectors-staging", connector);
  let ready: Promise<void> | undefined;
  const prepare = async () => {
    await mkdir(staging, { recursive: true });
    for (const leftover of await readdir(staging)) await rm(path.join(staging, leftover), { force: true });
  };
  return {
    address: (key) => path.join(base, ...key.split("/")),
    async put(key, body) {
      ready ??= prepare();
      await ready;
      const temp = path.join(staging, `${randomUUID()}.tmp`);
      const target = path.join(base, ...key.split("/"));
      const file = await open(temp, "wx");
      try {
        const half = Math.floor(body.length / 2);
        await file.write(body, 0, half);
        failpoint("mid-file-write");
        await file.write(body, half, body.length - half);
        await file.sync();
      } finally {
        await file.close();
      }
      await mkdir(path.dirname(target), { recursive: true });
      await rename(temp, target);
      await syncFolder(path.dirname(target));
    },
    async close() {},
  };
}

/** The rename is durable once its folder is: without this a power cut could lose a renamed file. */
async function syncFolder(folder: string): Promise<void> {
  const handle = await open(folder, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
