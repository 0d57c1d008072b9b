/** Worker entry: generateTypes for each spec in turn, off the main thread (see generate-types-in-worker.ts). */
import { parentPort, workerData } from "node:worker_threads";
import { generateTypes } from "./generate-types.js";

const { specs, outFile } = workerData as { specs: string[]; outFile: string };
for (const [index, spec] of specs.entries()) {
  try {
    parentPort?.postMessage({ index, ok: true, text: await generateTypes(spec, outFile) });
  } catch (error) {
    parentPort?.postMessage({ index, ok: false, message: error instanceof Error ? error.message : String(error) });
  }
}
