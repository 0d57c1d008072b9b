import type { RunCounts } from "../runtime/engine/run.js";

/** A single self-overwriting status line, only on a terminal, at most four times a second. */
export function progressLine(stream: NodeJS.WriteStream, name: string) {
  if (!stream.isTTY) return { update: (_counts: Readonly<RunCounts>) => {}, done: () => {} };
  const started = performance.now();
  let last = 0;
  let shown = false;
  return {
    update(counts: Readonly<RunCounts>) {
      const now = performance.now();
      if (now - last < 250) return;
      last = now;
      const rate = Math.round(counts.read / Math.max(0.001, (now - started) / 1000));
      const line = `${name}  read ${counts.read}  sent ${counts.sent}  filtered ${counts.filtered}  failed ${counts.failed}  ${rate} records/s`;
      stream.write(`\r\x1b[2K${line}`);
      shown = true;
    },
    done() {
      if (shown) stream.write("\r\x1b[2K");
    },
  };
}
