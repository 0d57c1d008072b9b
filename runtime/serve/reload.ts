import { type FSWatcher, watch } from "node:fs";
import { stat } from "node:fs/promises";
import path from "node:path";

export interface ReloadWatch {
  close(): void;
}

/**
 * Calls `reload` on SIGHUP and when a watched artifact folder (or file) changes. Editors write a
 * file in several steps, so bursts are debounced; a reload never overlaps the previous one.
 */
export async function watchForReload(
  targets: readonly string[],
  reload: (reason: string) => Promise<void>,
  options: { debounceMs?: number; watchFiles?: boolean; matches?: (name: string) => boolean } = {},
): Promise<ReloadWatch> {
  const debounceMs = options.debounceMs ?? 250;
  const matches = options.matches ?? ((name: string) => /\.ya?ml$/i.test(name));
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let again: string | undefined;

  const fire = (reason: string) => {
    if (running) {
      again = reason;
      return;
    }
    running = reload(reason).finally(() => {
      running = undefined;
      const next = again;
      again = undefined;
      if (next) fire(next);
    });
  };
  const schedule = (reason: string) => {
    clearTimeout(timer);
    timer = setTimeout(() => fire(reason), debounceMs);
  };

  const onHangup = () => fire("SIGHUP");
  process.on("SIGHUP", onHangup);
  const watchers: FSWatcher[] = [];
  if (options.watchFiles !== false) {
    const folders = new Set<string>();
    for (const target of targets) {
      const info = await stat(target).catch(() => undefined);
      // A file is watched through its folder: editors replace files, which ends a watch on the file itself.
      folders.add(info?.isDirectory() ? target : path.dirname(target));
    }
    for (const folder of folders) {
      try {
        const watcher = watch(folder, (_event, name) => {
          if (name === null || matches(name)) schedule(`change in ${folder}`);
        });
        watcher.on("error", () => watcher.close());
        watchers.push(watcher);
      } catch {
        // No watch (folder gone, inotify limits): SIGHUP still reloads.
      }
    }
  }
  return {
    close() {
      process.off("SIGHUP", onHangup);
      clearTimeout(timer);
      for (const watcher of watchers) watcher.close();
    },
  };
}
