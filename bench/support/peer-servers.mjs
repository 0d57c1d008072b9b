// The peer bench's servers for the benches that time programs against them (bench/sql, bench/brokers): free ports, the servers as they are, medians.
import { spawn } from "node:child_process";
import net from "node:net";
import path from "node:path";

/** A port nothing listens on now: another bench may be running. */
export const freePort = () =>
  new Promise((resolve) => {
    const probe = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });

/** The peer bench's source or sink server, as it is, on a free port. */
export async function peerServer(root, role, env = {}) {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [path.join(root, "../shared/peer-bench/servers.mjs"), role, "--port", String(port)],
    { env: { ...process.env, ...env }, stdio: ["ignore", "ignore", "pipe"] },
  );
  await new Promise((resolve) => child.stderr.on("data", (d) => String(d).includes("listening") && resolve()));
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    stop: () => child.kill(),
    /** Reads every page once, untimed: the source builds and caches a page on its first request. */
    async warm() {
      let cursor = null;
      do {
        const page = await (await fetch(`${url}/customers?limit=100${cursor ? `&cursor=${cursor}` : ""}`)).json();
        cursor = page.next_cursor;
      } while (cursor);
    },
  };
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
