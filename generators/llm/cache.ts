import { createHash } from "node:crypto";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { RankedSource } from "./answer.js";
import type { ChatMessage } from "./prompt.js";
import type { LlmProvider } from "./types.js";

/** What a cache file holds: the validated ranking, never the key, the URL or any header. */
export interface CachedAnswer {
  provider: LlmProvider;
  model: string;
  ranking: RankedSource[];
}

/** sha256 of (provider, model, prompt): the base URL is left out so moving a server does not invalidate answers. */
export function cacheKey(provider: LlmProvider, model: string, messages: readonly ChatMessage[]): string {
  return createHash("sha256")
    .update(JSON.stringify([provider, model, messages]))
    .digest("hex");
}

export function cacheFile(dir: string, key: string): string {
  return join(dir, `${key}.json`);
}

/** The answer stored under `key` as raw JSON text, or undefined when there is none or it is unreadable. */
export async function readCachedAnswer(dir: string, key: string): Promise<string | undefined> {
  try {
    const stored = JSON.parse(await readFile(cacheFile(dir, key), "utf8")) as { ranking?: unknown };
    // The caller validates the ranking again, so a hand-edited or truncated file cannot smuggle fields in.
    return stored.ranking === undefined ? undefined : JSON.stringify({ ranking: stored.ranking });
  } catch {
    return undefined;
  }
}

/** Written to a temp file then renamed, so a crash or a parallel generate never leaves half a file. */
export async function writeCachedAnswer(dir: string, key: string, answer: CachedAnswer): Promise<void> {
  await mkdir(dir, { recursive: true });
  const file = cacheFile(dir, key);
  const temp = `${file}.${process.pid}.${Date.now()}.tmp`;
  const ranking = answer.ranking.map((entry) => ({
    source: entry.label,
    confidence: entry.confidence,
    reason: entry.reason,
  }));
  await writeFile(temp, `${JSON.stringify({ provider: answer.provider, model: answer.model, ranking }, null, 2)}\n`);
  await rename(temp, file);
}
