import { CannectorsError, ErrorCodes } from "../runtime/errors/index.js";
import type { Lambda } from "./ir.js";

/** A builder used in a way its types could not rule out (plain JavaScript callers, casts). */
export function dslMisuse(message: string): CannectorsError {
  return new CannectorsError(ErrorCodes.DSL_MISUSE, message);
}

/** A builder argument that must be a function literal (the compiler lowers its source). */
export function lambdaArg(fn: unknown, method: string): Lambda {
  if (typeof fn !== "function") throw dslMisuse(`.${method}(...) expects a function, got ${typeof fn}`);
  return fn;
}
