export { classifyStatus, type StatusClass, statusMatches } from "./classify.js";
export { createHttpOutput, type HttpOutputContext } from "./http-output.js";
export { idempotencyKey } from "./idempotency-key.js";
