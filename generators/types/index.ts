export { generateTypes } from "./generate-types.js";
export { generateTypesInWorker, type TypesJob } from "./generate-types-in-worker.js";
