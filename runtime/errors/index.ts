export { CannectorsError, ErrorCodes, describeError, isCannectorsError } from "./errors.js";
export type { CannectorsErrorOptions, ErrorCode } from "./errors.js";
