import { CannectorsError, ErrorCodes } from "../runtime/errors/index.js";

/** A builder used in a way its types could not rule out (plain JavaScript callers, casts). */
export function dslMisuse(message: string): CannectorsError {
  return new CannectorsError(ErrorCodes.DSL_MISUSE, message);
}
