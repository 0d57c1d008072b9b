/**
 * `node dist/bench/eval-mapping/speed.js [--runs N]`: the time of one suggestion on a synthetic 200 × 200
 * pair (issue 21's bar: under 1 s), median of N runs after a warm-up, as wall time and as this process's
 * CPU time (on a machine shared by many jobs the wall time measures the queue, the CPU time the work).
 */
import { suggestMappings } from "../../generators/suggest/index.js";
import { syntheticFields } from "./synthetic.js";

export interface SpeedFigures {
  wallMs: number;
  cpuMs: number;
  runs: number;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

export function timeSynthetic(size = 200, runs = 5): SpeedFigures {
  const source = syntheticFields(size, 1, false);
  const target = syntheticFields(size, 2, true);
  suggestMappings(source, target);
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const startedCpu = process.cpuUsage();
    const started = performance.now();
    suggestMappings(source, target);
    wall.push(performance.now() - started);
    const used = process.cpuUsage(startedCpu);
    cpu.push((used.user + used.system) / 1000);
  }
  return { wallMs: median(wall), cpuMs: median(cpu), runs };
}

if (process.argv[1]?.endsWith("speed.js")) {
  const i = process.argv.indexOf("--runs");
  const figures = timeSynthetic(200, i >= 0 ? Number(process.argv[i + 1]) : 5);
  console.log(
    `200 × 200 synthetic pair, median of ${figures.runs}: ${figures.wallMs.toFixed(0)} ms wall, ${figures.cpuMs.toFixed(0)} ms CPU (target < 1000 ms)`,
  );
}
