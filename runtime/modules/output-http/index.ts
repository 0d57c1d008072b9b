export { classifyStatus, type StatusClass, statusMatches } from "./classify.js";
export { createDeadLetterFile } from "../../engine/dead-letter-file.js";
export { createDryRunWriter } from "../../engine/dry-run-writer.js";
export { createHttpOutput, type HttpOutputContext } from "./http-output.js";
export { idempotencyKey } from "./idempotency-key.js";
