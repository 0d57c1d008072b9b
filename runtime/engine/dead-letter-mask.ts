import type { Redactor } from "../secrets/types.js";
import type { DeadLetterEntry } from "./modules.js";

/**
 * A dead letter as every sink stores it (file line or state row): the reason and the target's
 * answer masked, since either may echo a credential; the record itself kept exactly (it is data).
 */
export function maskDeadLetter(entry: DeadLetterEntry, redactor: Redactor): DeadLetterEntry {
  return {
    ...entry,
    reason: redactor.redact(entry.reason),
    responseExcerpt: redactor.redact(entry.responseExcerpt),
  };
}
