import pc from "picocolors";
import { ErrorCodes, isCannectorsError } from "../runtime/errors/index.js";

/** Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org). */
export function useColor(stream: NodeJS.WriteStream): boolean {
  return (
    Boolean(stream.isTTY) && !("NO_COLOR" in process.env && process.env.NO_COLOR !== "") && process.env.TERM !== "dumb"
  );
}

export function painter(enabled: boolean) {
  return pc.createColors(enabled);
}

/** Process exit codes; the table is in docs/artifact.md §5.9 and in `cannectors --help`. */
export const EXIT = { ok: 0, failed: 1, invalid: 2, leaseHeld: 3, state: 4 } as const;

export const EXIT_CODES_HELP = `
Exit codes:
  0  succeeded
  1  the run failed, was cancelled or is partial (records dead-lettered)
  2  invalid artifact, missing secret or state key, or command-line usage error
  3  another run of the connector holds its lease on the state database
  4  the state database cannot be used (damaged, not ours, read-only, locked, disk full)`;

/** The exit code of a command that stopped on `error`. */
export function failureExitCode(error: unknown): number {
  if (isCannectorsError(error, ErrorCodes.LEASE_HELD)) return EXIT.leaseHeld;
  if (isCannectorsError(error, ErrorCodes.STATE)) return EXIT.state;
  if (
    isCannectorsError(error, ErrorCodes.DEAD_LETTER_INVALID) ||
    isCannectorsError(error, ErrorCodes.FIXTURE_INVALID) ||
    // Like a missing secret: the state key is configuration the user provides.
    isCannectorsError(error, ErrorCodes.STATE_KEY)
  )
    return EXIT.invalid;
  return EXIT.failed;
}
