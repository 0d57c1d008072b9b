import { createRequire } from "node:module";
import type Pg from "pg";

const require = createRequire(import.meta.url);

/**
 * The `pg` driver, loaded without the cost of its Cloudflare probe. When it loads, pg asks whether
 * it runs in a Cloudflare Worker: with no `navigator` (Node 20 has none, 21+ has one) it builds a
 * fetch `Response`, which loads Node's own copy of undici with web streams, http2, zlib and worker
 * threads: about 60 ms of CPU and 5 MB of memory in every process that connects to PostgreSQL, for
 * a question whose answer is no. A `navigator` saying Node.js stands in while pg loads (as Node
 * 21+ has) and is removed right after; pg reads it only then.
 */
export function loadPg(): typeof Pg {
  const stand = !("navigator" in globalThis);
  if (stand) Object.defineProperty(globalThis, "navigator", { value: { userAgent: "Node.js" }, configurable: true });
  try {
    return require("pg") as typeof Pg;
  } finally {
    if (stand) delete (globalThis as { navigator?: unknown }).navigator;
  }
}
