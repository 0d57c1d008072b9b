// Runs one program under /usr/bin/time and samples its resident memory every 250 ms from /proc:
// wall seconds, CPU seconds (user + system), peak RSS, and RSS at each quarter of the run (flat
// memory shows as four close figures, growing memory as a climb).
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";

const rssMbOf = (pid) => {
  try {
    const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
    return kb ? Number(kb) / 1024 : undefined;
  } catch {
    return undefined;
  }
};
// /usr/bin/time's own child: the program measured.
const childOf = (pid) => {
  try {
    return Number(readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/)[0]) || undefined;
  } catch {
    return undefined;
  }
};

export function measure(command, args, { env = {}, cwd, dir }) {
  const out = path.join(dir, `time-${process.hrtime.bigint()}.txt`);
  const samples = [];
  return new Promise((resolve, reject) => {
    const child = spawn("/usr/bin/time", ["-f", "%e %U %S %M", "-o", out, command, ...args], {
      env: { ...process.env, ...env },
      stdio: ["ignore", "ignore", "pipe"],
      cwd,
    });
    let stderr = "";
    child.stderr.on("data", (d) => {
      stderr = (stderr + d).slice(-4000);
    });
    const timer = setInterval(() => {
      const pid = childOf(child.pid);
      const mb = pid && rssMbOf(pid);
      if (mb) samples.push(mb);
    }, 250);
    child.on("error", reject);
    child.on("close", (code) => {
      clearInterval(timer);
      if (code !== 0) return reject(new Error(`${path.basename(args[0] ?? command)} exited ${code}: ${stderr}`));
      const [seconds, user, system, kb] = readFileSync(out, "utf8").trim().split(/\s+/).slice(-4).map(Number);
      const quarter = (q) =>
        Math.round(samples[Math.min(samples.length - 1, Math.floor((samples.length * q) / 4))] ?? 0);
      resolve({
        seconds,
        cpu: +(user + system).toFixed(2),
        rssMb: Math.round(kb / 1024),
        rssQuarters: samples.length ? [1, 2, 3, 4].map((q) => quarter(q - 0.5)) : [],
      });
    });
  });
}
