import { readFileSync } from "node:fs";
import { ROOT } from "./paths.js";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

interface CpuProfile {
  startTime: number;
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSummary {
  totalMs: number;
  byCategory: Map<string, number>;
  byFile: Map<string, number>;
  byFunction: Map<string, number>;
}

/**
 * Self time per file and per function of a `.cpuprofile`, from its samples and their time deltas;
 * samples before `fromUs` (the profile's monotonic clock, µs) are left out, start-up with them.
 */
export function summariseProfile(file: string, fromUs = 0): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, "utf8")) as CpuProfile;
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const byCategory = new Map<string, number>();
  const byFile = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let totalMs = 0;
  let at = profile.startTime;
  profile.samples.forEach((id, index) => {
    at += profile.timeDeltas[index] ?? 0;
    if (at < fromUs) return;
    // A sample's delta is the time until the next sample, attributed to the sampled node.
    const ms = (profile.timeDeltas[index + 1] ?? 0) / 1000;
    const frame = nodes.get(id)?.callFrame;
    if (frame === undefined || frame.functionName === "(idle)") return;
    totalMs += ms;
    const where = shortUrl(frame.url);
    add(byCategory, categoryOf(where, frame.functionName), ms);
    add(byFile, where || frame.functionName, ms);
    add(byFunction, `${frame.functionName || "(anonymous)"} ${where}:${frame.lineNumber + 1}`, ms);
  });
  return { totalMs, byCategory, byFile, byFunction };
}

export function formatProfile(summary: ProfileSummary, top: number): string {
  const table = (title: string, map: Map<string, number>) => {
    const rows = [...map].sort((a, b) => b[1] - a[1]).slice(0, top);
    const lines = rows.map(([name, ms]) => {
      const share = ((100 * ms) / summary.totalMs).toFixed(1).padStart(5);
      return `${ms.toFixed(0).padStart(7)} ms ${share}%  ${name}`;
    });
    return [`## ${title}`, ...lines].join("\n");
  };
  return [
    `busy (not idle) ${summary.totalMs.toFixed(0)} ms`,
    table("self time by category", summary.byCategory),
    table("self time by file", summary.byFile),
    table("self time by function", summary.byFunction),
    "",
  ].join("\n");
}

/** Groups a frame with the comparable work of the other program (parsing, mapping, sending...). */
function categoryOf(file: string, name: string): string {
  if (name === "readPageBody" || name === "consumeEnd" || name === "parse") return "page JSON parse";
  if (/request-builder|baseline\.js/.test(file)) return "batch build (JSON.stringify)";
  if (name === "writeLatin1String" || name === "writev" || name === "utf8Write") return "socket write syscalls";
  // `generated`: the JavaScript Cannectors compiles CEL and map filters to (no file).
  if (/mapping\.js|runtime\/(expr|filters|json)\//.test(file) || (file === "" && name === "generated")) {
    return "mapping (filters, CEL)";
  }
  if (file.startsWith("undici/")) return "undici";
  if (file.startsWith("dist/runtime/")) return `cannectors ${file.split("/")[2]}`;
  if (file.startsWith("node:")) return "node internals";
  if (file.startsWith("wasm://")) return "undici (llhttp wasm)";
  return name.startsWith("(") ? name : "other";
}

function shortUrl(url: string): string {
  const root = `file://${ROOT}/`;
  const local = url.startsWith(root)
    ? url.slice(root.length)
    : url.startsWith(`${ROOT}/`)
      ? url.slice(ROOT.length + 1)
      : url;
  return local.replace(/^node_modules\//, "");
}

function add(map: Map<string, number>, key: string, ms: number): void {
  map.set(key, (map.get(key) ?? 0) + ms);
}
